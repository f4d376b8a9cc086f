import { coachReply } from '@calmdesk/analysis';
import { coachReply as rulesAlone } from '@calmdesk/analysis/core';
import { hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCase } from './server.ts';

/** The reply coach on the case page: shouting and its rewrite, and a supervisor's one send action. */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;

/** A shouted reply per language, and how a person would write it. */
const SHOUTED: Record<Language, { draft: string; calm: string }> = {
  pl: {
    draft: 'Dzień dobry,\nJUŻ TRZY RAZY WYSYŁALIŚMY PANU TĘ FAKTURĘ.',
    calm: 'Dzień dobry,\nJuż trzy razy wysyłaliśmy panu tę fakturę.',
  },
  et: { draft: 'Tere! ME SAATSIME TEILE ARVE JUBA EILE.', calm: 'Tere! Me saatsime teile arve juba eile.' },
  en: {
    draft: 'Good morning, WE HAVE SENT YOU THE INVOICE ON MONDAY.',
    calm: 'Good morning, we have sent you the invoice on Monday.',
  },
};

async function openCase(page: Page, language: Language): Promise<void> {
  const id = await seedCase(e2e.app.db, {
    customer: { name: 'Ewa Kowalczyk', email: `ewa.${language}.${Date.now()}@example.test`, language },
    channel: 'email',
    subject: 'Faktura',
    message: { body: 'Where is my invoice? I asked twice already.' },
  });
  await page.goto(`${e2e.app.url}/cases/${id}`);
}

const editorOf = (page: Page, language: Language) =>
  page.getByRole('textbox', { name: LANGUAGES[language].case.reply, exact: true });

describe.skipIf(!HAS_BROWSER)('the reply coach in Chromium', { timeout: 180_000 }, () => {
  e2e = startE2eSuite();

  for (const language of ['pl', 'et', 'en'] as const) {
    it(`blocks a shouted ${language} reply and applies a rewrite a person would write`, async () => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('agent@salon.test', language);
      await openCase(page, language);
      const editor = editorOf(page, language);
      await editor.fill(SHOUTED[language].draft);
      const finding = page.locator('[data-rule="shouting"]').filter({ has: page.getByRole('button') });
      await finding.waitFor();
      expect(await page.getByRole('button', { name: words.case.send, exact: true }).isDisabled()).toBe(true);
      await page.getByText(words.case.blocked).waitFor();
      // The agent reads words, not how long the check took.
      expect(await page.getByText(/\d ms\b/).count()).toBe(0);
      await checkScreen(page, `coach-shouting-${language}`);
      await finding.getByRole('button', { name: words.case.apply }).click();
      await expect.poll(() => editor.inputValue()).toBe(SHOUTED[language].calm);
      await expect.poll(() => page.locator('[data-rule="shouting"]').count()).toBe(0);
    });
  }

  it('coaches with the learned model as the server does, once its chunk has loaded', async () => {
    // A promise of everything at once that the rules leave alone and the draft model reads as one
    // nobody can keep. A retrained model may read it otherwise: then this needs a draft it does add to.
    const draft = 'Jeszcze dziś naprawimy wszystkie usterki we wszystkich mieszkaniach.';
    const rules = (text: string) => rulesAlone(text, { lang: 'pl' }).findings.map((f) => f.rule);
    const learned = (text: string) => coachReply(text, { lang: 'pl' }).findings.map((f) => f.rule);
    expect(rules(draft), 'the rules alone find no impossible promise').not.toContain('impossible_promise');
    expect(learned(draft), 'the draft model adds an impossible promise').toContain('impossible_promise');
    const page = await e2e.staff.open('agent@salon.test', 'pl');
    await openCase(page, 'pl');
    await editorOf(page, 'pl').fill(draft);
    await page.locator('[data-rule="impossible_promise"]').first().waitFor();
    // A learned finding warns and never blocks: the agent may still send.
    expect(await page.getByRole('button', { name: LANGUAGES.pl.case.send, exact: true }).isDisabled()).toBe(
      false,
    );
  });

  it('explains a Polish agent’s English draft in Polish, and suggests English words', async () => {
    const page = await e2e.staff.open('agent@salon.test', 'pl');
    await openCase(page, 'en');
    const draft = "You're wrong, the parcel left on time.";
    await editorOf(page, 'pl').fill(draft);
    const finding = page.locator('[data-rule="arguing"]').filter({ has: page.getByRole('button') });
    await finding.waitFor();
    const whyOf = (explainIn: 'pl' | 'en') =>
      coachReply(draft, { lang: 'en', explainIn }).findings.find((f) => f.rule === 'arguing')?.why ?? '';
    expect(await finding.textContent()).toContain(whyOf('pl'));
    expect(await finding.textContent()).not.toContain(whyOf('en'));
    await finding.getByRole('button', { name: LANGUAGES.pl.case.apply }).click();
    await expect.poll(() => editorOf(page, 'pl').inputValue()).not.toContain("You're wrong");
    expect(await editorOf(page, 'pl').inputValue()).toMatch(/^[\x20-\x7e’]+$/);
  });

  it('never cuts off a finding’s Apply button, on a desktop or a phone', async () => {
    const page = await e2e.staff.open('agent@salon.test', 'pl');
    await openCase(page, 'pl');
    await editorOf(page, 'pl').fill('Nie ma Pan racji, paczka wyszła na czas.');
    const apply = page
      .locator('[data-rule="arguing"]')
      .getByRole('button', { name: LANGUAGES.pl.case.apply });
    await apply.waitFor();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      // Mantine clips a squeezed button's label inside it: measure the label, not the button.
      const fits = await apply.evaluate((el) =>
        [el, ...el.querySelectorAll('span')].every((part) => part.scrollWidth <= part.clientWidth),
      );
      expect(fits, `Apply cut off at ${width}px`).toBe(true);
    }
  });

  for (const language of ['pl', 'et', 'en'] as const) {
    it(`gives a supervisor one send action on a blocked ${language} draft, with the reason`, async () => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('supervisor@salon.test', language);
      await openCase(page, language);
      await editorOf(page, language).fill(SHOUTED[language].draft);
      const anyway = page.getByRole('button', { name: words.case.sendAnyway });
      await anyway.waitFor();
      expect(await page.getByRole('button', { name: words.case.send, exact: true }).count()).toBe(0);
      const reason = words.case.overrideWhy.split('(')[0]?.trim() ?? '';
      const alert = page.getByText(reason);
      await alert.waitFor();
      expect(await alert.textContent()).toContain(words.rule.shouting);
      await checkScreen(page, `coach-override-${language}`);
      await anyway.click();
      await expect.poll(() => page.locator('[data-kind="outbound"]').count()).toBe(1);
      await page.getByText(words.case.overridden).waitFor();
    });
  }
});
