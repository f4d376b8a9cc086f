import { type Actor, addInteraction, escalateOverdue, hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCase } from './server.ts';

/** A morning on a case in the app: taking it, logging what happened, promises, the page's layout, keys. */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;
const ids = { hostile: '', promise: '', keys: '' };

const caseJson = (page: Page, id: string) =>
  page.evaluate(async (caseId) => (await fetch(`/api/cases/${caseId}`)).json(), id);

async function openCase(page: Page, id: string, subject: string) {
  await page.goto(`${e2e.app.url}/cases/${id}`);
  await page.getByRole('heading', { name: subject }).waitFor();
}

async function chooseMode(page: Page, label: string) {
  await page.locator('[data-testid="composer-mode"] label', { hasText: label }).click();
}

describe.skipIf(!HAS_BROWSER)('a morning on a case in Chromium', { timeout: 240_000 }, () => {
  e2e = startE2eSuite(async (app) => {
    ids.hostile = await seedCase(app.db, {
      customer: { name: 'Jan Kowalski', email: 'jan.kowalski@example.test', language: 'pl' },
      channel: 'email',
      subject: 'Zepsuty zamek w drzwiach',
      message: { body: 'Jesteście oszustami! Trzeci raz piszę, oddajcie pieniądze albo idę do sądu!' },
    });
    ids.keys = await seedCase(app.db, {
      customer: { name: 'Kadri Kask', email: 'kadri@example.test', language: 'et' },
      channel: 'phone',
      subject: 'Arve on vale',
      message: { body: 'Tere, minu arve summa on vale. Palun kontrollige.' },
    });
    // Three days ago the agent promised a call back the next day; the customer promised photos.
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    ids.promise = await seedCase(
      app.db,
      {
        customer: { name: 'Ewa Lis', email: 'ewa.lis@example.test', language: 'pl' },
        channel: 'phone',
        subject: 'Naprawa pralki',
        message: { body: 'Dzień dobry, pralka znowu przecieka. Proszę o kontakt.' },
      },
      3 * 24 * 60 + 10,
    );
    const agent: Actor = { kind: 'user', ...app.staff.agent, via: 'session' };
    await addInteraction(
      app.db,
      agent,
      ids.promise,
      { kind: 'outbound', body: 'Przepraszam za kłopot. Oddzwonię jutro do 16:00. Anna Nowak' },
      threeDaysAgo,
    );
    await addInteraction(
      app.db,
      agent,
      ids.promise,
      { kind: 'inbound', via: 'phone_text', body: 'Dobrze, wyślę zdjęcia jutro do 12:00.' },
      new Date(threeDaysAgo.getTime() + 60_000),
    );
    await escalateOverdue(app.db, new Date());
  });

  for (const language of ['pl', 'et', 'en'] as const satisfies readonly Language[]) {
    it(`puts the case's facts before the guidance and shows every way to log work in ${language}`, async () => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('supervisor@salon.test', language);
      await openCase(page, ids.hostile, 'Zepsuty zamek w drzwiach');
      await page.locator('[data-action]').first().waitFor();
      await checkScreen(page, `case-work-${language}`);
      // A phone shows the facts in a few lines first; the desktop, the whole panel beside the conversation.
      for (const [width, factsTitle] of [
        [1280, '#case-facts-title'],
        [390, '#case-glance-title'],
      ] as const) {
        await page.setViewportSize({ width, height: 844 });
        // The layout follows the width on the next render: wait for this width's panel before measuring.
        await page.locator(factsTitle).waitFor();
        await page.locator('#guidance-title').waitFor();
        const facts = await page.locator(factsTitle).boundingBox();
        const guidance = await page.locator('#guidance-title').boundingBox();
        expect(facts && guidance && facts.y < guidance.y, `facts first at ${width}px`).toBe(true);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await chooseMode(page, words.caseWork.modeCall);
      await page.getByLabel(words.caseWork.callMinutes).waitFor();
      await checkScreen(page, `case-log-call-${language}`);
      await chooseMode(page, words.caseWork.modeMessage);
      await page.getByLabel(words.caseWork.messageBody).waitFor();
      await checkScreen(page, `case-log-message-${language}`);
      await page.goto(`${e2e.app.url}/commitments`);
      await page.getByRole('heading', { name: words.caseWork.commitmentsTitle, level: 1 }).waitFor();
      await page.locator('[data-testid="commitment-row"]').first().waitFor();
      await checkScreen(page, `commitments-${language}`);
    });
  }

  it('logs a customer message said at a visit, analysed like any message, and a phone call with its length (pl)', async () => {
    const words = LANGUAGES.pl;
    const page = await e2e.staff.open('agent@salon.test', 'pl');
    await openCase(page, ids.hostile, 'Zepsuty zamek w drzwiach');
    await chooseMode(page, words.caseWork.modeMessage);
    await page.getByLabel(words.caseWork.messageVia).first().click();
    await page.getByRole('option', { name: words.caseWork.via.in_person }).click();
    // Saving nothing names the field and sends nothing.
    await page.getByRole('button', { name: words.caseWork.saveMessage }).click();
    await page.getByText(words.caseWork.bodyRequired).waitFor();
    await page
      .getByLabel(words.caseWork.messageBody)
      .fill('Przyszedł osobiście: oddajcie kasę, bo napiszę o was na Facebooku!');
    await page.getByRole('button', { name: words.caseWork.saveMessage }).click();
    await page.getByTestId('logged').waitFor();
    const via = page.locator('[data-kind="inbound"] [data-testid="entry-via"]').last();
    await expect.poll(() => via.textContent()).toContain(words.caseWork.via.in_person);
    const stored = await caseJson(page, ids.hostile);
    const last = stored.interactions.at(-1);
    expect(last).toMatchObject({ kind: 'inbound', via: 'in_person' });
    expect(last.analysis.flags).toEqual(expect.arrayContaining(['threat_public', 'refund_demand']));

    await chooseMode(page, words.caseWork.modeCall);
    await page.getByLabel(words.caseWork.callOutbound).check();
    await page.getByLabel(words.caseWork.callMinutes).fill('7');
    await page
      .getByLabel(words.caseWork.callNotes)
      .fill('Oddzwoniłam, klient się uspokoił. Umówiliśmy naprawę na piątek.');
    await page.getByRole('button', { name: words.caseWork.saveCall }).click();
    const call = page.locator('[data-kind="call"] [data-testid="entry-call"]').last();
    const line = words.caseWork.callLine
      .replace('{{direction}}', words.caseWork.callOutbound)
      .replace('{{minutes}}', '7');
    await expect.poll(() => call.textContent()).toBe(line);
    const verdict = await page.evaluate(
      async (caseId) => (await fetch(`/api/cases/${caseId}/verify`)).json(),
      ids.hostile,
    );
    expect(verdict.ok).toBe(true);
  });

  it('takes, gives to a colleague with a, and gives back; n writes a note; ? lists n (en)', async () => {
    const words = LANGUAGES.en;
    const page = await e2e.staff.open('agent@salon.test', 'en');
    // An agent's inbox starts on their own cases and nobody's; Take on a row holds the case.
    const assigneeFilter = page.locator(`input[aria-label="${words.inbox.assignee}"]`);
    expect(await assigneeFilter.inputValue()).toBe(words.caseWork.mineOrNobody);
    const row = page.locator(`[data-case-id="${ids.keys}"]`);
    await row.getByTestId('take-case').click();
    await expect.poll(() => row.textContent()).toContain('Anna Nowak');
    expect(page.url()).toBe(`${e2e.app.url}/`);

    await openCase(page, ids.keys, 'Arve on vale');
    await page.keyboard.press('a');
    await page.getByRole('listbox').waitFor();
    await page.getByRole('option', { name: /^Sebastian Kierownik/ }).click();
    await expect
      .poll(async () => (await caseJson(page, ids.keys)).assignee?.name)
      .toBe('Sebastian Kierownik');
    await page.getByTestId('unassign').click();
    await expect.poll(async () => (await caseJson(page, ids.keys)).assignee).toBeNull();
    await page.locator('#case-sidebar').getByTestId('take-case').click();
    await expect.poll(async () => (await caseJson(page, ids.keys)).assignee?.name).toBe('Anna Nowak');

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('note-body');
    await page.keyboard.type('Checked the invoice with accounting.');
    await page.getByRole('button', { name: words.caseWork.saveNote }).click();
    await page.locator('[data-kind="note"]', { hasText: 'Checked the invoice with accounting.' }).waitFor();

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: words.shortcuts.title });
    expect(await help.locator('[data-shortcut="note"]').textContent()).toContain(words.shortcuts.note);
  });

  it('lists the overdue promise first; kept, it leaves the list and the guidance; with the last one settled the escalation goes (et)', async () => {
    const words = LANGUAGES.et;
    const page = await e2e.staff.open('agent@salon.test', 'et');
    const before = await caseJson(page, ids.promise);
    expect(before.escalationReason).toBe('commitment_overdue');
    await openCase(page, ids.promise, 'Naprawa pralki');
    await page.locator('[data-action="keep_commitment"]').waitFor();

    await page.goto(`${e2e.app.url}/commitments`);
    await page
      .locator('[data-testid="commitment-filter"] label', { hasText: words.caseWork.filterOurs })
      .click();
    const rows = page.locator('[data-testid="commitment-row"]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-overdue')).toBe('true');
    expect(await rows.first().textContent()).toContain('Naprawa pralki');
    await rows.first().locator('[data-outcome="kept"]').click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByText(words.caseWork.noOpenCommitments).waitFor();

    // The customer's promise is overdue too: the case stays escalated until that one is settled.
    expect((await caseJson(page, ids.promise)).escalationReason).toBe('commitment_overdue');
    await openCase(page, ids.promise, 'Naprawa pralki');
    await page.locator('#case-facts-title').waitFor();
    expect(await page.locator('[data-action="keep_commitment"]').count()).toBe(0);
    const theirs = page.locator('#case-sidebar [data-testid="commitment"]', { hasText: 'zdjęcia' });
    await theirs.locator('[data-outcome="cancelled"]').click();
    await expect.poll(() => theirs.textContent()).toContain(words.commitmentStatus.cancelled);
    await expect.poll(async () => (await caseJson(page, ids.promise)).escalatedAt).toBeNull();
  });
});
