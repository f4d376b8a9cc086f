import { mkdirSync } from 'node:fs';
import { addMailbox, hasPart, processMail, storeRawMail } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium, seriousViolations } from './browser.ts';
import { LANGUAGES, type Language, SCREENSHOTS, staffPages } from './screens.ts';
import { type E2eServer, startE2eServer } from './server.ts';

/** Live screens in Chromium: two staff members, one inbox updating by itself, and who is replying. */

const HAS_BROWSER = await hasPart('browser');

let app: E2eServer;
let browser: Browser;
let mailboxId = '';
let uid = 0;
const staff = staffPages(() => ({ browser, url: app.url }));
const staffPage = (email: string, language: Language) => staff.open(email, language);

/** A customer's mail is taken, as the mailbox reader does it: a new case, or a reply to one. */
async function mailArrives(subject: string, body: string): Promise<string> {
  uid += 1;
  const raw = [
    'From: Ewa Zając <ewa.zajac@example.test>',
    'To: kontakt@salon.test',
    `Subject: ${subject}`,
    `Message-ID: <live-${uid}@customer.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');
  await storeRawMail(
    app.db,
    mailboxId,
    { uidValidity: '1', uid: String(uid), raw: new TextEncoder().encode(raw) },
    new Date(),
  );
  const row = await app.db
    .selectFrom('mail_messages')
    .select('id')
    .where('uid', '=', String(uid))
    .executeTakeFirstOrThrow();
  const outcome = await processMail(app.db, row.id, new Date());
  if (!outcome.caseId) throw new Error(`the mail was not taken: ${outcome.reason}`);
  return outcome.caseId;
}

/** Marks the page's document, so a later check can tell it was never loaded again. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { liveMark: boolean }).liveMark = true;
  });
}

async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark === true);
}

describe.skipIf(!HAS_BROWSER)('live screens in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    mailboxId = (
      await addMailbox(
        app.db,
        { kind: 'cli', role: 'owner' },
        { address: 'kontakt@salon.test', imap: 'imap://kontakt:Haslo-1@127.0.0.1:1/INBOX' },
        new Date(),
      )
    ).id;
    browser = await launchChromium();
  }, 180_000);

  afterEach(() => staff.release());

  afterAll(async () => {
    await staff.close();
    await browser?.close();
    await app?.close();
  });

  it('shows a new case in two agents’ inboxes without a reload, and the second who is replying', async () => {
    const anna = await staffPage('agent@salon.test', 'pl');
    const sebastian = await staffPage('supervisor@salon.test', 'pl');
    await Promise.all([markDocument(anna), markDocument(sebastian)]);

    const subject = 'Kolor wyszedł fioletowy';
    const caseId = await mailArrives(
      subject,
      'Kolor miał być miedziany, a wyszedł fioletowy. Proszę o kontakt.',
    );
    for (const page of [anna, sebastian]) {
      await page.getByRole('link', { name: subject }).waitFor();
      expect(await isSameDocument(page)).toBe(true);
    }
    await sebastian.screenshot({ path: `${SCREENSHOTS}live-inbox-pl-1280.png`, fullPage: true });

    await anna.getByRole('link', { name: subject }).click();
    await sebastian.getByRole('link', { name: subject }).click();
    await anna.getByRole('heading', { name: subject }).waitFor();
    await sebastian.getByRole('heading', { name: subject }).waitFor();
    expect(await sebastian.getByTestId('others-replying').count()).toBe(0);

    await anna.getByRole('textbox', { name: pl.case.reply }).fill('Dzień dobry, bardzo przepraszam');
    const notice = sebastian.getByTestId('others-replying');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(pl.case.oneReplying.replace('{{name}}', 'Anna Nowak'));
    // Anna does not see herself.
    expect(await anna.getByTestId('others-replying').count()).toBe(0);

    // A message of the customer shows on both open case pages by itself.
    const reply = `Re: [#${caseId.slice(0, 8)}] ${subject}`;
    expect(await mailArrives(reply, 'Czekam na odpowiedź, to pilne.')).toBe(caseId);
    for (const page of [anna, sebastian]) {
      await page.getByText('Czekam na odpowiedź, to pilne.').waitFor();
      expect(await isSameDocument(page)).toBe(true);
    }
    await sebastian.screenshot({ path: `${SCREENSHOTS}live-replying-pl-1280.png`, fullPage: true });
    expect(await seriousViolations(sebastian)).toEqual([]);

    // Anna leaves the case: the notice goes at once.
    await anna.getByRole('link', { name: pl.case.back }).click();
    await anna.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
    await notice.waitFor({ state: 'detached' });

    // The same, as Sebastian sees it in Estonian and English.
    await anna.getByRole('link', { name: subject }).click();
    await anna.getByRole('textbox', { name: pl.case.reply }).fill('Dzień dobry, sprawdzam to');
    for (const language of ['et', 'en'] as const) {
      const words = LANGUAGES[language];
      const page = await staffPage('supervisor@salon.test', language);
      await page.goto(`${app.url}/cases/${caseId}`);
      const shown = page.getByTestId('others-replying');
      await shown.waitFor();
      expect(await shown.textContent()).toBe(words.case.oneReplying.replace('{{name}}', 'Anna Nowak'));
      await page.screenshot({ path: `${SCREENSHOTS}live-replying-${language}-1280.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
