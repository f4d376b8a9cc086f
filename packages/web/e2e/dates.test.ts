import { mkdirSync } from 'node:fs';
import { hasPart } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { checkScreen, LANGUAGES, type Language, SCREENSHOTS } from './screens.ts';
import { type E2eServer, PASSWORD, startE2eServer } from './server.ts';

/** Dates are typed and shown in the interface language's form, even in a browser set to American English. */

const HAS_BROWSER = await hasPart('browser');
let app: E2eServer;
let browser: Browser;

async function ownerInAmericanBrowser(language: Language): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(30_000);
  await context.addInitScript((lang) => localStorage.setItem('calmdesk.language', lang), language);
  const page = await context.newPage();
  await page.goto(app.url);
  const words = LANGUAGES[language];
  await page.getByLabel(words.signIn.email).fill('owner@salon.test');
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: words.signIn.submit }).click();
  await page.getByRole('heading', { name: words.inbox.title, level: 1 }).waitFor();
  await page.getByRole('link', { name: words.nav.settings }).first().click();
  await page.getByRole('heading', { name: words.settings.organisation }).waitFor();
  return page;
}

/** A different day per language: each test saves its holiday beside the ones saved before it. */
const SHOWN: Record<Language, { typed: string; saved: string }> = {
  pl: { typed: '24.12.2027', saved: '2027-12-24' },
  et: { typed: '23.12.2027', saved: '2027-12-23' },
  en: { typed: '22 Dec 2027', saved: '2027-12-22' },
};

describe.skipIf(!HAS_BROWSER)('dates in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const language of ['pl', 'et', 'en'] as const) {
    it(`takes a holiday typed as ${SHOWN[language].typed} in ${language} and saves it as that day`, async () => {
      const words = LANGUAGES[language];
      const page = await ownerInAmericanBrowser(language);
      await page.getByRole('button', { name: words.settings.addHoliday }).click();
      const date = page.getByLabel(words.settings.holidayDate).last();
      await date.fill(SHOWN[language].typed);
      await date.press('Tab');
      await expect.poll(() => date.inputValue()).toBe(SHOWN[language].typed);
      await checkScreen(page, `settings-holiday-${language}`);
      await page.getByRole('button', { name: words.settings.save }).first().click();
      await page.getByText(words.settings.saved).first().waitFor();
      const saved = await page.evaluate(() =>
        fetch('/api/settings').then((r) => r.json() as Promise<{ holidays: Array<{ date: string }> }>),
      );
      expect(saved.holidays.map((h) => h.date)).toContain(SHOWN[language].saved);
      await page.context().close();
    });
  }
});
