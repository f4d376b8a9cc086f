import { hasPart } from '@calmdesk/server/testing';
import { describe, expect, it } from 'vitest';
import { checkScreen, LANGUAGES, startE2eSuite } from './screens.ts';
import { seedCase } from './server.ts';

/** Reading a case: a very long mail folds, and right-to-left writing is shown right to left. */

const HAS_BROWSER = await hasPart('browser');

const PARAGRAPH =
  'Piszę w sprawie zamówienia, które przyszło niekompletne. Brakuje dwóch elementów zestawu, a instrukcja jest w obcym języku. ';
const LONG_MAIL = PARAGRAPH.repeat(Math.ceil(29_000 / PARAGRAPH.length)).slice(0, 29_000);
const ARABIC = 'مرحبا، لم يصل طلبي بعد وأريد معرفة السبب.';

describe.skipIf(!HAS_BROWSER)('reading a case in Chromium', { timeout: 180_000 }, () => {
  let caseId = '';
  const e2e = startE2eSuite(async (server) => {
    caseId = await seedCase(server.db, {
      customer: { name: 'Halina Długa', email: 'halina@example.test', language: 'pl' },
      channel: 'email',
      subject: 'Niekompletne zamówienie',
      message: { body: LONG_MAIL },
    });
    await seedCase(server.db, {
      customer: { name: 'Omar Haddad', email: 'omar@example.test', language: 'en' },
      channel: 'email',
      subject: 'طلبي لم يصل',
      message: { body: ARABIC },
    });
  });

  for (const language of ['pl', 'et', 'en'] as const) {
    it(`folds a 29,000-character mail so the reply box stays near the top, in ${language}`, async () => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('agent@salon.test', language);
      await page.goto(`${e2e.app.url}/cases/${caseId}`);
      const unfold = page.getByRole('button', { name: words.case.unfoldMessage.split(' (')[0] });
      await unfold.waitFor();
      expect(await unfold.getAttribute('aria-expanded')).toBe('false');
      const replyTop = () =>
        page
          .getByRole('textbox', { name: words.case.reply, exact: true })
          .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      const folded = await replyTop();
      expect(folded).toBeLessThan(2_000);
      await checkScreen(page, `case-long-mail-${language}`);
      await unfold.click();
      await expect.poll(replyTop).toBeGreaterThan(folded + 3_000);
      await page.getByRole('button', { name: words.case.foldMessage }).click();
      await expect.poll(replyTop).toBeLessThan(2_000);
    });
  }

  it('shows an Arabic subject and message right to left', async () => {
    const page = await e2e.staff.open('agent@salon.test', 'en');
    const subject = page.getByRole('link', { name: 'طلبي لم يصل' }).first();
    await subject.waitFor();
    expect(await subject.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    await subject.click();
    const message = page.getByText(ARABIC);
    await message.waitFor();
    expect(await message.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    const heading = page.getByRole('heading', { name: LANGUAGES.en.case.reply });
    expect(await heading.evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
  });
});
