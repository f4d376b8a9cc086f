import { mkdirSync } from 'node:fs';
import { type Db, hasPart, saveSettings } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium } from './browser.ts';
import { checkScreen, LANGUAGES, type Language, SCREENSHOTS, staffPages } from './screens.ts';
import { type E2eServer, seedCase, startE2eServer } from './server.ts';

/** GDPR on the customer page (correct, export, erase with its holds) and the retention period in Settings. */

const HAS_BROWSER = await hasPart('browser');

let app: E2eServer;
let browser: Browser;
const staffPagesIn = staffPages(() => ({ browser, url: app.url }));
let disputing = '';
let settled = '';

async function customerOf(db: Db, caseId: string): Promise<string> {
  const row = await db
    .selectFrom('cases')
    .select('customer_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.customer_id;
}

async function customerPage(language: Language, customerId: string): Promise<Page> {
  const owner = await staffPagesIn.open('owner@salon.test', language);
  await owner.goto(`${app.url}/customers/${customerId}`);
  await owner.getByRole('button', { name: LANGUAGES[language].gdpr.erase }).waitFor();
  return owner;
}

describe.skipIf(!HAS_BROWSER)('GDPR in Chromium', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    browser = await launchChromium();
    disputing = await customerOf(
      app.db,
      await seedCase(app.db, {
        customer: { name: 'Katarzyna Wiśniewska', email: 'k.wisniewska@example.test', language: 'pl' },
        channel: 'email',
        subject: 'Zniszczone włosy po koloryzacji',
        message: { body: 'Proszę o zwrot pieniędzy za koloryzację, włosy są zniszczone.' },
      }),
    );
    const caseId = await seedCase(app.db, {
      customer: { name: 'Mari Tamm', email: 'mari.tamm@example.test', language: 'et' },
      channel: 'email',
      subject: 'Broneeringu muutmine',
      message: { body: 'Tere, kas saaksin aja nädala võrra edasi lükata?' },
    });
    settled = await customerOf(app.db, caseId);
    // The test builds its own data: this case was settled long ago.
    await app.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', caseId).execute();
    await saveSettings(app.db, { kind: 'cli', role: 'owner' }, { retentionMonths: 24 }, new Date());
  }, 120_000);
  afterEach(() => staffPagesIn.release());
  afterAll(async () => {
    await staffPagesIn.close();
    await browser?.close();
    await app?.close();
  });

  it('names the open case that holds an erasure, then erases a settled customer and says what was kept', async () => {
    const owner = await customerPage('pl', disputing);
    await owner.getByRole('button', { name: pl.gdpr.edit }).click();
    const form = owner.getByRole('dialog');
    await form.getByLabel(pl.gdpr.name).fill('Katarzyna Wiśniewska-Nowak');
    await form.getByRole('button', { name: pl.gdpr.save }).click();
    await owner.getByRole('heading', { name: 'Katarzyna Wiśniewska-Nowak', level: 1 }).waitFor();
    await owner.getByRole('button', { name: pl.gdpr.erase }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel(pl.gdpr.reason).fill('Wniosek mailowy z 3 marca');
    await dialog.getByRole('button', { name: pl.gdpr.eraseConfirm }).click();
    await dialog.getByText(pl.gdpr.hold.open_case).waitFor();

    await owner.goto(`${app.url}/customers/${settled}`);
    await owner.getByRole('button', { name: pl.gdpr.erase }).click();
    await dialog.getByLabel(pl.gdpr.reason).fill('Wniosek mailowy z 3 marca');
    await dialog.getByRole('button', { name: pl.gdpr.eraseConfirm }).click();
    const summary = dialog.getByTestId('erasure-summary');
    await summary.getByText(pl.gdpr.erased).waitFor();
    expect(await summary.textContent()).toContain('Wiadomości i notatki: 1');
    await owner.getByRole('button', { name: pl.common.close }).click();
    await owner.getByRole('heading', { name: pl.gdpr.erasedName, level: 1 }).waitFor();
    expect(await owner.getByText('Mari Tamm').count()).toBe(0);
  });

  it.each(['pl', 'et', 'en'] as const)(
    'shows the GDPR actions, the held erasure and the retention setting in %s, on a desktop and a phone',
    async (language) => {
      const words = LANGUAGES[language];
      const owner = await customerPage(language, disputing);
      await owner.getByRole('link', { name: words.gdpr.export }).waitFor();
      await checkScreen(owner, `customer-gdpr-${language}`);
      await owner.getByRole('button', { name: words.gdpr.erase }).click();
      const dialog = owner.getByRole('dialog');
      await dialog.getByLabel(words.gdpr.reason).fill('—');
      await dialog.getByRole('button', { name: words.gdpr.eraseConfirm }).click();
      await dialog.getByText(words.gdpr.hold.open_case).waitFor();
      await checkScreen(owner, `customer-erase-held-${language}`);
      await owner.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await owner.getByRole('link', { name: words.nav.settings }).first().click();
      const report = owner.getByRole('region', { name: words.gdpr.reportTitle });
      await report.getByText(words.gdpr.reportEmpty).waitFor();
      await owner.getByLabel(words.gdpr.retention).scrollIntoViewIfNeeded();
      await checkScreen(owner, `settings-retention-${language}`);
    },
  );
});
