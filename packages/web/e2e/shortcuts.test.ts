import { hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCase } from './server.ts';

/** The keyboard on the inbox and the case page, and a reply draft kept while the agent looks elsewhere. */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;

const activeTag = (page: Page) =>
  page.evaluate(
    () => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute('aria-label') ?? ''}`,
  );

async function newCase(subject: string): Promise<string> {
  return seedCase(e2e.app.db, {
    customer: { name: 'Kaja Kivi', email: `kaja.${Date.now()}@example.test`, language: 'en' },
    channel: 'email',
    subject,
    message: { body: 'My order has not arrived. Could you check, please?' },
  });
}

describe.skipIf(!HAS_BROWSER)('keyboard shortcuts in Chromium', { timeout: 180_000 }, () => {
  e2e = startE2eSuite();

  for (const language of ['pl', 'et', 'en'] as const satisfies readonly Language[]) {
    it(`shows every shortcut on ? in ${language}`, async () => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('agent@salon.test', language);
      await page.keyboard.press('Shift+Slash');
      const dialog = page.getByRole('dialog', { name: words.shortcuts.title });
      await dialog.waitFor();
      for (const what of ['move', 'open', 'reply', 'assign', 'close', 'send', 'help'] as const) {
        expect(await dialog.locator(`[data-shortcut="${what}"]`).textContent()).toContain(
          words.shortcuts[what],
        );
      }
      await checkScreen(page, `shortcuts-${language}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });
  }

  it('writes with r, keeps the draft while the agent is away, sends with Ctrl+Enter only what the coach lets through', async () => {
    const words = LANGUAGES.en;
    const id = await newCase('Parcel not arrived');
    const page = await e2e.staff.open('agent@salon.test', 'en');
    await page.goto(`${e2e.app.url}/cases/${id}`);
    await page.getByRole('heading', { name: 'Parcel not arrived' }).waitFor();
    await page.keyboard.press('r');
    expect(await activeTag(page)).toBe(`TEXTAREA:${words.case.reply}`);
    await page.keyboard.type('You idiot, it left on time.');
    await page.locator('[data-rule="hostility"]').first().waitFor();
    await page.keyboard.press('Control+Enter');
    // A send would have left at the key press; the case as stored has only the customer's message.
    const stored = await page.evaluate(
      async (caseId) => (await (await fetch(`/api/cases/${caseId}`)).json()).interactionCount,
      id,
    );
    expect(stored).toBe(1);

    const editor = page.getByRole('textbox', { name: words.case.reply, exact: true });
    const draft =
      'I am sorry it is late. I will call the courier and write to you by 16:00 today. Anna Nowak';
    await editor.fill(draft);
    await page.getByRole('link', { name: words.case.back }).click();
    await page.getByRole('heading', { name: words.inbox.title, level: 1 }).waitFor();
    await page.goBack();
    await expect.poll(() => editor.inputValue()).toBe(draft);

    await editor.press('Control+Enter');
    await expect.poll(() => page.locator('[data-kind="outbound"]').count()).toBe(1);
    await expect.poll(() => editor.inputValue()).toBe('');
  });

  it('chooses the assignee with a and closes the case with e', async () => {
    const words = LANGUAGES.en;
    const id = await newCase('Wrong colour');
    const page = await e2e.staff.open('supervisor@salon.test', 'en');
    await page.goto(`${e2e.app.url}/cases/${id}`);
    await page.getByRole('heading', { name: 'Wrong colour' }).waitFor();
    await page.keyboard.press('a');
    expect(await activeTag(page)).toMatch(/^INPUT:/);
    expect(await page.evaluate(() => document.activeElement?.closest('#case-sidebar') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('e');
    await expect
      .poll(() =>
        page.evaluate(async (caseId) => (await (await fetch(`/api/cases/${caseId}`)).json()).status, id),
      )
      .toBe('closed');
    await page.getByText(`${words.status.closed}`, { exact: false }).first().waitFor();
  });
});
