import { mkdirSync } from 'node:fs';
import { freePort, hasPart } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium } from './browser.ts';
import { checkScreen, LANGUAGES, type Language, SCREENSHOTS } from './screens.ts';
import { type E2eServer, type MailSeed, PASSWORD, seedMail, startE2eServer } from './server.ts';

/** The e-mail channel in Chromium: the mailboxes in the settings, and a case's mail files and deliveries. */

const HAS_BROWSER = await hasPart('browser');
/** CalmDesk's own English reasons (kept for the API and the logs), which a Polish or Estonian screen never shows. */
const ENGLISH_REASONS =
  /host unreachable|no sender address|could not process|refused the mail|SMTP server:|bounced:/;

let app: E2eServer;
let browser: Browser;
let seed: MailSeed;

/** A page signed in as the owner, its interface in `language`. */
async function ownerPage(language: Language): Promise<Page> {
  const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(20_000);
  await context.addInitScript((lang) => localStorage.setItem('calmdesk.language', lang), language);
  const page = await context.newPage();
  await page.goto(app.url);
  const words = LANGUAGES[language];
  await page.getByLabel(words.signIn.email).fill('owner@salon.test');
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: words.signIn.submit }).click();
  await page.getByRole('heading', { name: words.inbox.title, level: 1 }).waitFor();
  return page;
}

describe.skipIf(!HAS_BROWSER)('the e-mail channel in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    seed = await seedMail(app.db);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the owner the mailboxes, tests a server, retries a failed mail and turns acknowledgements off', async () => {
    const page = await ownerPage('pl');
    await page.getByRole('link', { name: pl.nav.settings }).first().click();
    await page.getByRole('tab', { name: pl.settings.tabs.channels }).click();
    await page.getByRole('heading', { name: pl.channels.title }).waitFor();
    expect(new URL(page.url()).search).toBe('?tab=channels');

    const working = page.getByRole('article', { name: 'kontakt@salon.test' });
    const broken = page.getByRole('article', { name: 'biuro@salon.test' });
    expect(await working.getAttribute('data-status')).toBe('ok');
    expect(await broken.getAttribute('data-status')).toBe('error');
    const mailboxError = broken.getByTestId('mailbox-error');
    expect(await mailboxError.getAttribute('data-problem')).toBe('unreachable');
    expect(await mailboxError.textContent()).toContain(pl.channels.mailboxProblem.unreachable);
    expect(await mailboxError.getByTestId('problem-detail').textContent()).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(await working.getByTestId('mailbox-counts').textContent()).toContain(pl.channels.counts.failed);
    // Passwords never reach the screen.
    expect(await page.locator('body').textContent()).not.toMatch(/Haslo/);

    const failed = working.getByTestId('failed-mail');
    await failed.waitFor();
    expect(await failed.getByTestId('failed-mail-problem').getAttribute('data-problem')).toBe('no_sender');
    expect(await failed.textContent()).toContain(pl.channels.mailProblem.no_sender);
    await failed.getByRole('button', { name: new RegExp(pl.channels.retry) }).click();
    await working.getByText(pl.channels.mailState.failed, { exact: false }).waitFor();

    // The broken mailbox has no SMTP server: its acknowledgement cannot be turned on.
    expect(await broken.getByRole('switch', { name: pl.channels.acknowledge }).isDisabled()).toBe(true);
    const acknowledge = working.getByRole('switch', { name: pl.channels.acknowledge });
    expect(await acknowledge.isChecked()).toBe(true);
    await acknowledge.dispatchEvent('click');
    await expect.poll(() => acknowledge.isChecked()).toBe(false);
    await acknowledge.dispatchEvent('click');
    await expect.poll(() => acknowledge.isChecked()).toBe(true);

    // Testing the servers of a mailbox not yet added: nothing listens on that port.
    const form = page.getByRole('form', { name: pl.channels.add });
    await form.getByLabel(pl.channels.address).fill('nowa@salon.test');
    await form
      .getByLabel(pl.channels.imapUrl)
      .fill(`imap://nowa:Sekret-9@127.0.0.1:${await freePort()}/INBOX`);
    await form.getByRole('button', { name: pl.channels.test }).click();
    const imapCheck = form.getByTestId('check-imap');
    await imapCheck.waitFor();
    expect(await imapCheck.getAttribute('data-problem')).toBe('unreachable');
    expect(await imapCheck.textContent()).toContain(pl.channels.check.problem.unreachable);
    expect(await imapCheck.getByTestId('problem-detail').textContent()).toMatch(/ECONNREFUSED/);
    expect(await page.locator('body').textContent()).not.toMatch(ENGLISH_REASONS);
    await checkScreen(page, 'channels-pl');
  });

  it('shows the Channels tab in Estonian and English', async () => {
    for (const language of ['et', 'en'] as const) {
      const words = LANGUAGES[language];
      const page = await ownerPage(language);
      await page.goto(`${app.url}/settings?tab=channels`);
      await page.getByRole('heading', { name: words.channels.title }).waitFor();
      const failed = page.getByRole('article', { name: 'kontakt@salon.test' }).getByTestId('failed-mail');
      await failed.waitFor();
      expect(await failed.textContent()).toContain(words.channels.mailProblem.no_sender);
      expect(
        await page
          .getByRole('article', { name: 'biuro@salon.test' })
          .getByTestId('mailbox-error')
          .textContent(),
      ).toContain(words.channels.mailboxProblem.unreachable);
      if (language !== 'en') expect(await page.locator('body').textContent()).not.toMatch(ENGLISH_REASONS);
      expect(
        await page.getByRole('tab', { name: words.settings.tabs.channels }).getAttribute('aria-selected'),
      ).toBe('true');
      await checkScreen(page, `channels-${language}`);
      await page.context().close();
    }
  });

  it('shows a mail case with its pictures, files, the original mail and how each reply fared', async () => {
    for (const language of ['pl', 'et', 'en'] as const) {
      const words = LANGUAGES[language];
      const page = await ownerPage(language);
      await page.goto(`${app.url}/cases/${seed.caseId}`);
      await page.getByRole('heading', { name: 'Kolor wyszedł zupełnie inny' }).waitFor();
      const files = page.getByTestId('mail-files');
      await files.waitFor();
      const picture = files.getByRole('img', { name: 'włosy-po-koloryzacji.png' });
      await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(24);
      expect(await files.textContent()).toContain('paragon-2026-03.pdf');
      expect(await files.getByTestId('not-kept').textContent()).toBe(words.mail.notKept);
      // The log's chain covers the attachments, the one listed but not kept too: it still verifies.
      await page.getByTestId('log-verified').waitFor();
      expect(await page.getByTestId('log-broken').count()).toBe(0);
      expect(await files.getByTestId('original-mail').getAttribute('href')).toBe(
        `/api/mail/${seed.mailId}/raw`,
      );
      const deliveries = page.getByTestId('delivery');
      await expect
        .poll(() => deliveries.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state'))))
        .toEqual(['sent', 'failed']);
      expect(await deliveries.nth(1).textContent()).toBe(words.mail.delivery.failed);
      const failure = page.getByTestId('delivery-failure');
      expect(await failure.getAttribute('data-problem')).toBe('refused');
      expect(await failure.textContent()).toContain(words.mail.problem.refused);
      // The mail server's own words, as it wrote them, in small print under the sentence.
      expect(await failure.getByTestId('problem-detail').textContent()).toBe(
        '550 5.1.1 <ewa.zajac@example.test>: Recipient address rejected: mailbox full',
      );
      if (language !== 'en') expect(await page.locator('body').textContent()).not.toMatch(ENGLISH_REASONS);
      if (language === 'pl') {
        const raw = await page.evaluate(
          (url) => fetch(url).then(async (r) => [r.headers.get('content-type'), await r.text()]),
          `/api/mail/${seed.mailId}/raw`,
        );
        expect(raw[0]).toBe('message/rfc822');
        expect(raw[1]).toContain('Subject: Kolor wyszed');
      }
      await checkScreen(page, `case-mail-${language}`);
      await page.context().close();
    }
  });
});
