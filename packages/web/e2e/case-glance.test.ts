import { type Actor, addInteraction, hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './browser.ts';
import {
  checkScreen,
  type E2eSuite,
  LANGUAGES,
  type Language,
  SCREENSHOTS,
  startE2eSuite,
} from './screens.ts';
import { seedCase } from './server.ts';

/** The case page on a phone (its facts and actions before the conversation) and each piece of advice once. */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;

/** An insulting customer who wants money back, our reply with a promise, and a complete reply to write. */
const CASES = {
  pl: {
    subject: 'Fioletowy kolor zamiast miedzianego',
    customer:
      'Jesteście idiotami! Kolor wyszedł fioletowy, a do tego kazaliście mi czekać godzinę. Oddajcie pieniądze!',
    promise: 'Oddzwonię jutro do 16:00.',
    draft:
      'Rozumiem Pani zdenerwowanie i bardzo przepraszam. Sprawdzę sprawę i oddzwonię jutro do 16:00. Anna Nowak, tel. 600 100 200',
  },
  et: {
    subject: 'Värv tuli lilla',
    customer: 'Te olete idioodid! Värv tuli lilla ja pidin tund aega ootama. Tahan raha tagasi!',
    promise: 'Helistan teile homme kella 16:00-ks.',
    draft:
      'Saan aru, et olete pahane, ja vabandan väga. Kontrollin asja ja helistan teile homme kella 16:00-ks. Anna Nowak, tel 5123 4567',
  },
  en: {
    subject: 'Purple instead of copper',
    customer: 'You idiots! The colour came out purple and I had to wait an hour. I want my money back!',
    promise: 'I will call you back tomorrow by 16:00.',
    draft:
      'I understand you are upset and I am very sorry. I will check this and call you back tomorrow by 16:00. Anna Nowak, tel. 600 100 200',
  },
} as const satisfies Record<Language, unknown>;
const ids: Record<Language, string> = { pl: '', et: '', en: '' };

async function openCase(page: Page, language: Language): Promise<void> {
  await page.goto(`${e2e.app.url}/cases/${ids[language]}`);
  await page.getByRole('heading', { name: CASES[language].subject }).waitFor();
}

async function topOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box.y;
}

describe.skipIf(!HAS_BROWSER)(
  'the case page on a phone, and advice once, in Chromium',
  { timeout: 300_000 },
  () => {
    e2e = startE2eSuite(async (app) => {
      const agent: Actor = { kind: 'user', ...app.staff.agent, via: 'session' };
      for (const language of ['pl', 'et', 'en'] as const) {
        const texts = CASES[language];
        ids[language] = await seedCase(app.db, {
          customer: { name: `Klient ${language}`, email: `klient-${language}@example.test`, language },
          channel: 'email',
          subject: texts.subject,
          message: { body: texts.customer },
        });
        await addInteraction(
          app.db,
          agent,
          ids[language],
          { kind: 'outbound', body: texts.promise },
          new Date(),
        );
      }
    });

    for (const language of ['pl', 'et', 'en'] as const) {
      it(`shows the case's facts and main actions above the conversation at 390 px, the whole panel a tap away (${language})`, async () => {
        const words = LANGUAGES[language];
        const page = await e2e.staff.open('supervisor@salon.test', language);
        await page.setViewportSize({ width: 390, height: 844 });
        await openCase(page, language);
        const glance = page.getByTestId('case-glance');
        await glance.waitFor();
        const firstMessage = await topOf(page, '[data-kind]');
        expect(await topOf(page, '[data-testid="case-glance"]')).toBeLessThan(firstMessage);
        // The first screen holds the facts, not only their heading.
        expect((await glance.boundingBox())?.height ?? 0).toBeLessThan(844 / 2);
        const status: keyof typeof words.status = await page.evaluate(
          async (id) => (await (await fetch(`/api/cases/${id}`)).json()).status,
          ids[language],
        );
        expect(await glance.getByTestId('glance-status').textContent()).toBe(words.status[status]);
        expect(await glance.getByTestId('glance-holder').textContent()).toContain(words.inbox.unassigned);
        expect(await glance.textContent()).toContain(words.level.hostile);
        expect(await glance.getByTestId('glance-promise').textContent()).toContain(CASES[language].promise);
        expect(await page.locator('#case-facts-title').isVisible()).toBe(false);
        await checkScreen(page, `case-phone-${language}`);

        await page.setViewportSize({ width: 390, height: 844 });
        await glance.getByTestId('take-case').click();
        await expect
          .poll(() => glance.getByTestId('glance-holder').textContent(), { timeout: 15_000 })
          .toContain('Sebastian Kierownik');
        const toggle = glance.getByTestId('glance-panel-toggle');
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        await page.locator('#case-facts-title').waitFor();
        expect(await topOf(page, '#case-facts-title')).toBeLessThan(await topOf(page, '[data-kind]'));
        expect(await page.locator('#case-sidebar').getByLabel(words.case.status).inputValue()).toBe(
          words.status[status],
        );
        await page.screenshot({ path: `${SCREENSHOTS}case-phone-panel-${language}-390.png`, fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);

        // "Reply" takes the agent from the top straight to the reply box.
        await glance.getByTestId('glance-reply').click();
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.closest('.reply-editor') !== null))
          .toBe(true);

        // `a` with the panel folded opens it and puts the focus in the assignee list.
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('a');
        await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
        await expect
          .poll(() =>
            page.evaluate(() => document.activeElement?.getAttribute('data-shortcut-target') ?? null),
          )
          .toBe('assignee');
        await page.keyboard.press('Escape');

        // With its only promise kept, the case has no open promise, which is not "no promise yet".
        await page.locator('#case-sidebar [data-testid="commitment-actions"] button').first().click();
        await glance.getByTestId('glance-no-promise').waitFor({ timeout: 15_000 });
        expect(await glance.getByTestId('glance-no-promise').textContent()).toBe(
          words.caseWork.noOpenPromise,
        );
        expect(words.caseWork.noOpenPromise).not.toBe(words.case.noCommitments);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SCREENSHOTS}case-phone-kept-${language}-390.png` });
        expect(await seriousViolations(page)).toEqual([]);
      });

      it(`keeps a step the coach also raises open with its phrases, and folds what the draft does (${language})`, async () => {
        const words = LANGUAGES[language];
        const page = await e2e.staff.open('agent@salon.test', language);
        await openCase(page, language);
        const guidance = page.getByTestId('guidance');
        const covered = guidance.getByTestId('guidance-covered');
        // Before a word is written the coach already says to set a boundary: the step keeps its phrases
        // to insert, and points to the coach instead of explaining it again.
        await page.getByTestId('coach-advice').waitFor();
        // The customer's problems the draft leaves unanswered are named in the interface's words.
        const advice = (await page.getByTestId('coach-advice').textContent()) ?? '';
        const codes = Object.entries(words.analytics.problem).filter(
          ([code, name]) => name !== code && new RegExp(`\\b${code}\\b`).test(advice),
        );
        expect(codes).toEqual([]);
        const boundary = guidance.locator('[data-action="set_boundary"]');
        expect(await boundary.count()).toBe(1);
        expect(await boundary.getAttribute('data-coach-says')).toBe('true');
        expect(await boundary.textContent()).toContain(words.caseWork.coveredByCoach);
        expect(await boundary.getByRole('button', { name: words.case.insert }).count()).toBeGreaterThan(0);
        expect(await covered.count()).toBe(0);

        await page.getByRole('textbox', { name: words.case.reply }).fill(CASES[language].draft);
        const acknowledged = covered.locator('[data-action="acknowledge"]');
        await expect.poll(() => acknowledged.getAttribute('data-covered')).toBe('draft');
        expect(await covered.locator('[data-action="commit"]').getAttribute('data-covered')).toBe('draft');
        expect(await guidance.locator('[data-action="acknowledge"]').count()).toBe(1);
        expect(await acknowledged.textContent()).toContain(words.caseWork.coveredByDraft);
        expect(await covered.locator('[data-action="set_boundary"]').count()).toBe(0);
        await checkScreen(page, `case-advice-once-${language}`);

        // With a note open the coach is not on screen: no step points to it.
        await page.getByTestId('composer-mode').getByText(words.caseWork.modeNote).click();
        await expect.poll(() => boundary.getAttribute('data-coach-says')).toBeNull();
        expect(await guidance.textContent()).not.toContain(words.caseWork.coveredByCoach);
      });
    }
  },
);
