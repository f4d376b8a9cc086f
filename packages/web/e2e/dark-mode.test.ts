import { hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCases, seedDifficultCustomer } from './server.ts';

/** The app follows the system's dark setting, every screen readable (axe) in it; each screen once per language in turn. */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;
let ids: Record<string, string> = {};
let customerId = '';

async function inDark(email: string, language: Language): Promise<Page> {
  const page = await e2e.staff.open(email, language);
  await page.emulateMedia({ colorScheme: 'dark' });
  return page;
}

const schemeOf = (page: Page) =>
  page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));

describe.skipIf(!HAS_BROWSER)('dark mode in Chromium', { timeout: 180_000 }, () => {
  e2e = startE2eSuite(async (server) => {
    ids = await seedCases(server.db);
    customerId = await seedDifficultCustomer(server.db);
  });

  it('follows the system: light by default, dark when the system is dark', async () => {
    const page = await e2e.staff.open('agent@salon.test', 'en');
    expect(await schemeOf(page)).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => schemeOf(page)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r = 255, g = 255, b = 255] = background.match(/\d+/g)?.map(Number) ?? [];
    expect(r + g + b).toBeLessThan(150);
  });

  it('shows the inbox and a case with its marks, coaching and a note in the dark, in pl', async () => {
    const page = await inDark('agent@salon.test', 'pl');
    await checkScreen(page, 'dark-inbox-pl');
    await page.goto(`${e2e.app.url}/cases/${ids.hostile}`);
    const editor = page.getByRole('textbox', { name: LANGUAGES.pl.case.reply, exact: true });
    await editor.fill('Nie ma Pan racji. JUŻ TO WYSŁALIŚMY WCZORAJ.');
    await page.locator('[data-rule="shouting"]').first().waitFor();
    await checkScreen(page, 'dark-case-pl');
  });

  it('shows a customer’s profile in the dark, in et', async () => {
    const page = await inDark('supervisor@salon.test', 'et');
    await page.goto(`${e2e.app.url}/customers/${customerId}`);
    await page.getByTestId('customer-timeline').waitFor();
    await checkScreen(page, 'dark-customer-et');
  });

  it('shows the settings and the analytics in the dark, in en', async () => {
    const page = await inDark('owner@salon.test', 'en');
    await page.getByRole('link', { name: LANGUAGES.en.nav.settings }).first().click();
    await page.getByRole('heading', { name: LANGUAGES.en.settings.organisation }).waitFor();
    await checkScreen(page, 'dark-settings-en');
    await page.getByRole('link', { name: LANGUAGES.en.nav.analytics }).first().click();
    await page.getByRole('heading', { name: LANGUAGES.en.analytics.title, level: 1 }).waitFor();
    await checkScreen(page, 'dark-analytics-en');
  });

  it('shows training in the dark, in pl', async () => {
    const page = await inDark('agent@salon.test', 'pl');
    await page.getByRole('link', { name: LANGUAGES.pl.nav.training }).first().click();
    await page.getByRole('heading', { name: LANGUAGES.pl.training.title, level: 1 }).waitFor();
    await checkScreen(page, 'dark-training-pl');
  });
});
