import { mkdirSync } from 'node:fs';
import { hasPart } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium, seriousViolations } from './browser.ts';
import { checkScreen, LANGUAGES, SCREENSHOTS, staffPages } from './screens.ts';
import { type E2eServer, PASSWORD, startE2eServer } from './server.ts';

/** The owner's staff accounts in Settings: disabling someone ends their session at once. */

const HAS_BROWSER = await hasPart('browser');

let app: E2eServer;
let browser: Browser;
const staffPagesIn = staffPages(() => ({ browser, url: app.url }));

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(20_000);
  await context.addInitScript(() => localStorage.setItem('calmdesk.language', 'pl'));
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByLabel(pl.signIn.email).fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: pl.signIn.submit }).click();
  await page.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
  return page;
}

const sessionStatus = (page: Page) => page.evaluate(() => fetch('/api/session').then((r) => r.status));

describe.skipIf(!HAS_BROWSER)('staff accounts in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    browser = await launchChromium();
  }, 120_000);
  afterEach(() => staffPagesIn.release());
  afterAll(async () => {
    await staffPagesIn.close();
    await browser?.close();
    await app?.close();
  });

  it('lets the owner disable an agent after confirming, which signs the agent out at once', async () => {
    const agent = await signedIn('agent@salon.test');
    expect(await sessionStatus(agent)).toBe(200);
    const owner = await signedIn('owner@salon.test');
    await owner.getByRole('link', { name: pl.nav.settings }).first().click();
    const staff = owner.getByRole('region', { name: pl.staff.title });
    const row = staff.getByRole('row').filter({ hasText: 'Anna Nowak' });
    await row.getByRole('button', { name: pl.staff.disable }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByRole('button', { name: pl.staff.confirm.disableButton }).click();
    await row.getByText(pl.staff.disabled).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await sessionStatus(agent)).toBe(401);
    expect(await seriousViolations(owner)).toEqual([]);

    // A refused password is explained in Polish.
    await row.getByRole('button', { name: pl.staff.resetPassword }).click();
    await dialog.getByLabel(pl.staff.newPassword).fill('qwerty123456');
    await dialog.getByRole('button', { name: pl.staff.confirm.resetButton }).click();
    await dialog.getByText(pl.errors.reason.password_too_common).waitFor();
    await dialog.getByLabel(pl.staff.newPassword).fill('');
    await dialog.getByRole('button', { name: pl.staff.confirm.resetButton }).click();
    const shown = (await dialog.locator('pre').textContent()) ?? '';
    expect(shown.trim()).toMatch(/^[\w-]{20}$/);
  });

  it.each(['pl', 'et', 'en'] as const)(
    'shows the owner the staff accounts and the reset dialog in %s, on a desktop and a phone',
    async (language) => {
      const words = LANGUAGES[language];
      const owner = await staffPagesIn.open('owner@salon.test', language);
      await owner.getByRole('link', { name: words.nav.settings }).first().click();
      const staff = owner.getByRole('region', { name: words.staff.title });
      await staff.scrollIntoViewIfNeeded();
      const row = staff.getByRole('row').filter({ hasText: 'Sebastian' });
      await row.getByRole('button', { name: words.staff.resetPassword }).waitFor();
      await checkScreen(owner, `settings-staff-${language}`);
      await row.getByRole('button', { name: words.staff.resetPassword }).click();
      await owner.getByRole('dialog').getByLabel(words.staff.newPassword).waitFor();
      await checkScreen(owner, `settings-staff-reset-${language}`);
    },
  );
});
