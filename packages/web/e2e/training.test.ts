import { mkdirSync } from 'node:fs';
import type { TrainingScenarioList, TrainingSession } from '@calmdesk/contracts';
import { hasPart, PLAY_THROUGHS } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium } from './browser.ts';
import { checkScreen, LANGUAGES, type Language, SCREENSHOTS, staffPages } from './screens.ts';
import { type E2eServer, startE2eServer } from './server.ts';

/** Training in Chromium: scenarios, a practice played to its end in each language, assigning, progress. */

const HAS_BROWSER = await hasPart('browser');
/**
 * The scenario each language plays: a regular who cancels late again and has just heard of the new
 * deposit. The replies are what a trainee who listens would write: understanding, what happens next,
 * and by when.
 */
const GOOD_PLAY: Record<Language, { scenario: string; replies: string[] }> = {
  pl: {
    scenario: 'pl-late-cancels',
    replies: [
      'Dzień dobry, Pani Karolino, rozumiem, że nowy zadatek mógł Panią zaskoczyć, tym bardziej że jest Pani z nami od trzech lat. Zadatek 10% obowiązuje teraz przy każdej rezerwacji. Sprawdzę wolne terminy na sobotę rano i do 17:00 wyślę Pani SMS z propozycjami. Pozdrawiam, Anna Nowak',
      'Rozumiem, w pracy bywa różnie. Jeśli odwoła Pani wizytę najpóźniej dzień wcześniej do 12:00, przeniesiemy zadatek na nowy termin. Jutro rano wyślę Pani SMS-em zasady rezerwacji. Anna Nowak',
    ],
  },
  et: {
    scenario: 'et-late-cancels',
    replies: [
      'Tere, Kadri! Saan aru, et ettemaks tuli Teile üllatusena, eriti kuna olete meie juures käinud kolm aastat. Ettemaks kehtib nüüd kõigile broneeringutele. Vaatan laupäeva hommiku vabad ajad üle ja saadan Teile täna kella 17-ks SMS-i. Anna Nowak',
      'Mõistan, tööl tuleb ette ootamatusi. Kui tühistate aja hiljemalt eelmisel päeval kella 12-ks, kanname ettemaksu uuele ajale üle. Saadan Teile homme hommikul tingimused SMS-iga. Anna',
    ],
  },
  en: {
    scenario: 'en-late-cancels',
    replies: [
      "Hi Hannah, I understand the deposit came as a surprise, especially after three years with us. It now applies to every booking, because late cancellations leave gaps in the diary. I'll check Saturday morning and text you the free times by 5 pm today. Anna Nowak, reception",
      "I understand, work can be unpredictable. If you cancel by noon the day before, we'll move the deposit to your new appointment. I'll text you the booking terms tomorrow morning so you have them in writing. Anna",
    ],
  },
};

/** A trainee who takes the customer's complaint personally: blames her, then hides behind the rules. */
const BAD_PLAY_PL = [
  'Dzień dobry. Zadatek wprowadziliśmy właśnie przez takie odwołania jak Pani, to już szósta wizyta odwołana w ostatniej chwili. Sama Pani sobie jest winna. Na sobotę mogę zapisać, ale z zadatkiem.',
  'Takie są zasady salonu i nic na to nie poradzę. Właścicielka powie Pani to samo.',
];

let app: E2eServer;
let browser: Browser;
const staff = staffPages(() => ({ browser, url: app.url }));
const signedIn = (email: string, language: Language) => staff.open(email, language);

/** Opens Training from the navigation, as a person would. */
async function openTraining(page: Page, language: Language): Promise<void> {
  const words = LANGUAGES[language];
  await page.getByRole('navigation').getByRole('link', { name: words.nav.training }).click();
  await page.getByRole('heading', { name: words.training.title, level: 1 }).waitFor();
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate((url) => fetch(url).then((r) => r.json()), path) as Promise<T>;
}

async function scenarioTitle(page: Page, id: string): Promise<string> {
  const { scenarios } = await apiGet<TrainingScenarioList>(page, '/api/training/scenarios');
  const title = scenarios.find((s) => s.id === id)?.title;
  if (!title) throw new Error(`the server has no scenario ${id}`);
  return title;
}

const sessionIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');

/** Types a reply into the practice box and sends it; waits for its feedback. Returns the live coach's score. */
async function sendReply(page: Page, language: Language, text: string): Promise<number> {
  const words = LANGUAGES[language];
  const feedback = page.getByTestId('turn-feedback');
  const before = await feedback.count();
  await page.getByRole('textbox', { name: words.training.yourReply }).fill(text);
  const live = Number(await page.getByTestId('coach-score').textContent());
  await page.getByRole('button', { name: words.training.send }).click();
  await expect.poll(() => feedback.count()).toBe(before + 1);
  return live;
}

describe.skipIf(!HAS_BROWSER)('training in Chromium', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    browser = await launchChromium();
  }, 400_000);

  afterEach(() => staff.release());

  afterAll(async () => {
    await staff.close();
    await browser?.close();
    await app?.close();
  });

  it.each(['pl', 'et', 'en'] as const)(
    'plays a scenario in %s to a resolved ending, the live coach scoring as the feedback does',
    async (language) => {
      const words = LANGUAGES[language];
      const play = GOOD_PLAY[language];
      const page = await signedIn('agent@salon.test', language);
      await openTraining(page, language);
      // The scenarios open in the interface language, which the filter names first.
      const filter = page.getByRole('radiogroup', { name: words.training.scenarioLanguage });
      const options = await filter
        .getByRole('radio')
        .evaluateAll((nodes) => nodes.map((n) => (n as HTMLInputElement).value));
      expect(options[0]).toBe(language);
      const title = await scenarioTitle(page, play.scenario);
      const card = page.getByRole('article', { name: title });
      await card.waitFor();
      const cards = page.getByTestId('scenario');
      const shown = await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-scenario-id')));
      expect(shown.length).toBeGreaterThan(1);
      expect(shown.every((id) => id?.startsWith(`${language}-`))).toBe(true);
      expect(await card.textContent()).toContain(words.profile.type.serial_canceller);
      expect(
        await card.getByRole('meter', { name: words.training.mood }).getAttribute('aria-valuetext'),
      ).toBe(
        words.training.angerValue
          .replace('{{word}}', words.training.anger.angry)
          .replace('{{value}}', '3')
          .replace('{{max}}', '5'),
      );
      await checkScreen(page, `training-${language}`);

      await card.getByRole('button', { name: words.training.start }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByTestId('customer-message').first().waitFor();
      const id = sessionIdOf(page);
      await checkScreen(page, `training-practice-${language}`);

      const firstLive = await sendReply(page, language, play.replies[0] ?? '');
      let session = await apiGet<TrainingSession>(page, `/api/training/sessions/${id}`);
      // The live coach under the reply box and the server's feedback are the same coach.
      expect(session.turns[0]?.coaching?.score).toBe(firstLive);
      const feedback = page.getByTestId('turn-feedback').first();
      expect(await feedback.getByTestId('turn-score').textContent()).toBe(
        words.training.coachScore.replace('{{score}}', String(firstLive)),
      );
      expect(await feedback.getByTestId('anger-change').getAttribute('data-change')).toBe('calmer');
      const had = await feedback.getByTestId('worked').getByText(words.element.empathy).count();
      expect(had).toBe(1);
      expect(await feedback.getByTestId('missed').count()).toBe(0);
      // The model answer waits behind its button.
      const model = feedback.getByTestId('model-answer');
      expect(await model.isVisible()).toBe(false);
      await feedback.getByRole('button', { name: words.training.modelAnswer }).click();
      await model.waitFor({ state: 'visible' });
      // The same words, with the author's line wrapping undone.
      const spaced = (text: string | null | undefined) => text?.replace(/\s+/g, ' ').trim();
      expect(spaced(await model.textContent())).toBe(spaced(session.turns[0]?.modelAnswer));
      await expect.poll(() => page.getByTestId('customer-message').count()).toBe(2);
      await checkScreen(page, `training-feedback-${language}`);

      await sendReply(page, language, play.replies[1] ?? '');
      const end = page.getByTestId('session-end');
      await end.waitFor();
      expect(await end.getAttribute('data-outcome')).toBe('resolved');
      // The reply box is gone; the keyboard carries on from the outcome.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('end-title');
      session = await apiGet<TrainingSession>(page, `/api/training/sessions/${id}`);
      expect(session.status).toBe('resolved');
      expect(await end.getByTestId('session-score').textContent()).toBe(
        `${words.training.score}: ${words.training.scoreOf.replace('{{score}}', String(session.score))}`,
      );
      expect(await end.getByRole('heading', { level: 2 }).textContent()).toBe(
        words.training.outcome.resolved.title,
      );
      // Nothing typed can be sent to an ended practice.
      expect(await page.getByRole('textbox', { name: words.training.yourReply }).count()).toBe(0);
      await checkScreen(page, `training-end-${language}`);

      // The person's history lists it, resolved, with its score.
      await page.getByRole('link', { name: words.training.back }).first().click();
      await page.getByRole('tab', { name: words.training.tabs.history }).click();
      const row = page.locator(`[data-testid="history-session"][data-session-id="${id}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(words.training.status.resolved);
      expect(await row.getByTestId('history-score').textContent()).toBe(
        words.training.scoreOf.replace('{{score}}', String(session.score)),
      );
      await checkScreen(page, `training-history-${language}`);
    },
  );

  /**
   * Every kind of scenario played to its end on the practice screen, each in one language (the three
   * in turn), with the replies the API play-throughs use for its good path.
   */
  const OTHER_KINDS = Object.keys(PLAY_THROUGHS)
    .map((id) => id.slice(3))
    .filter((kind, i, all) => kind !== 'late-cancels' && all.indexOf(kind) === i)
    .sort();
  it.each(OTHER_KINDS.map((kind, i) => [kind, (['et', 'en', 'pl'] as const)[i % 3] as Language] as const))(
    'plays the %s scenario in %s on the practice screen to a resolved ending',
    async (kind, language) => {
      const words = LANGUAGES[language];
      const id = `${language}-${kind}`;
      const replies = PLAY_THROUGHS[id]?.good ?? [];
      expect(replies.length).toBeGreaterThan(0);
      const page = await signedIn('agent@salon.test', language);
      await openTraining(page, language);
      const card = page.getByRole('article', { name: await scenarioTitle(page, id) });
      await card.getByRole('button', { name: words.training.start }).click();
      await page.getByTestId('customer-message').first().waitFor();
      for (const reply of replies) await sendReply(page, language, reply);
      const end = page.getByTestId('session-end');
      await end.waitFor();
      expect(await end.getAttribute('data-outcome')).toBe('resolved');
      const session = await apiGet<TrainingSession>(page, `/api/training/sessions/${sessionIdOf(page)}`);
      expect(session).toMatchObject({ scenarioId: id, status: 'resolved' });
      expect(session.turns.filter((turn) => turn.reply !== null)).toHaveLength(replies.length);
    },
  );

  it('ends a Polish practice lost after a blaming reply, and names the skills to practise', async () => {
    const page = await signedIn('agent@salon.test', 'pl');
    await openTraining(page, 'pl');
    const title = await scenarioTitle(page, 'pl-late-cancels');
    await page.getByRole('article', { name: title }).getByRole('button', { name: pl.training.start }).click();
    await page.getByTestId('customer-message').first().waitFor();
    const id = sessionIdOf(page);

    await sendReply(page, 'pl', BAD_PLAY_PL[0] ?? '');
    const first = page.getByTestId('turn-feedback').first();
    expect(await first.getByTestId('anger-change').getAttribute('data-change')).toBe('angrier');
    // The finding is named as the case page's coach names it.
    expect(await first.getByTestId('missed').textContent()).toContain(pl.rule.blaming);
    expect(await first.getByTestId('lacking').textContent()).toContain(pl.element.empathy);
    // The customer is angrier now, in words as well as colour.
    await expect.poll(() => page.getByTestId('anger-meter').first().getAttribute('data-anger')).toBe('4');
    expect(await page.getByTestId('anger-meter').first().textContent()).toContain(pl.training.anger.furious);

    await sendReply(page, 'pl', BAD_PLAY_PL[1] ?? '');
    const end = page.getByTestId('session-end');
    await end.waitFor();
    const session = await apiGet<TrainingSession>(page, `/api/training/sessions/${id}`);
    expect(['lost', 'escalated']).toContain(session.status);
    expect(await end.getAttribute('data-outcome')).toBe(session.status);
    expect(session.practise.length).toBeGreaterThan(0);
    // Every skill to practise, worst first, by the coach's name and how often: "Wymówka: w 1 z 2 odpowiedzi".
    const lines = await end.getByTestId('practise').getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(session.practise.length);
    const blaming = session.practise.find((p) => p.skill === 'blaming');
    expect(blaming).toBeDefined();
    expect(lines).toContain(
      pl.training.practiseFinding
        .replace('{{skill}}', pl.rule.blaming)
        .replace('{{times}}', String(blaming?.times))
        .replace('{{of}}', '2'),
    );
    expect(lines).toContain(
      pl.training.practiseElement
        .replace('{{skill}}', pl.element.empathy)
        .replace('{{times}}', '2')
        .replace('{{of}}', '2'),
    );
    await checkScreen(page, 'training-end-lost-pl');
  });

  it('lets a supervisor assign a scenario; the agent sees who assigned it, starts it, and the team view shows it', async () => {
    const supervisor = await signedIn('supervisor@salon.test', 'pl');
    await openTraining(supervisor, 'pl');
    const title = await scenarioTitle(supervisor, 'pl-late-cancels');
    await supervisor
      .getByRole('article', { name: title })
      .getByRole('button', { name: pl.training.assign })
      .click();
    const dialog = supervisor.getByRole('dialog', {
      name: pl.training.assignTitle.replace('{{title}}', title),
    });
    await dialog.waitFor();
    await dialog.getByLabel(pl.training.assignee).click();
    // The picker offers the staff, not the supervisor themself.
    expect(await supervisor.getByRole('option', { name: /^Sebastian Kierownik/ }).count()).toBe(0);
    await supervisor.getByRole('option', { name: /^Anna Nowak/ }).click();
    await checkScreen(supervisor, 'training-assign-pl');
    await dialog.getByRole('button', { name: pl.training.assignSubmit }).click();
    await supervisor.getByTestId('assigned').waitFor();
    expect(await supervisor.getByTestId('assigned').textContent()).toContain(
      pl.training.assigned.replace('{{title}}', title).replace('{{name}}', 'Anna Nowak'),
    );

    const agent = await signedIn('agent@salon.test', 'pl');
    await openTraining(agent, 'pl');
    const assigned = agent.getByTestId('assigned-session').filter({ hasText: title });
    await assigned.first().waitFor();
    expect(await assigned.count()).toBe(1);
    expect(await assigned.textContent()).toContain('Przydziela: Sebastian Kierownik');
    await checkScreen(agent, 'training-assigned-pl');
    await assigned.getByRole('button', { name: pl.training.startAssigned }).click();
    await agent.getByRole('heading', { name: title, level: 1 }).waitFor();
    await agent.getByRole('textbox', { name: pl.training.yourReply }).waitFor();
    const id = sessionIdOf(agent);
    const started = await apiGet<TrainingSession>(agent, `/api/training/sessions/${id}`);
    expect(started).toMatchObject({
      status: 'active',
      user: { id: app.staff.agent.id },
      assignedBy: { id: app.staff.supervisor.id, name: 'Sebastian Kierownik' },
    });
    expect(
      await agent.getByText(pl.training.assignedByShort.replace('{{name}}', 'Sebastian Kierownik')).count(),
    ).toBe(1);
    // Started, it waits no longer among the assigned ones.
    await openTraining(agent, 'pl');
    await agent.getByRole('heading', { name: pl.training.inProgress }).waitFor();
    expect(await agent.getByTestId('assigned-session').filter({ hasText: title }).count()).toBe(0);

    // The supervisor's team view counts it, and leads to the agent's history.
    await supervisor.getByRole('tab', { name: pl.training.tabs.team }).click();
    const person = supervisor.locator(
      `[data-testid="progress-person"][data-user-id="${app.staff.agent.id}"]`,
    );
    await person.waitFor();
    await checkScreen(supervisor, 'training-team-pl');
    await person
      .getByRole('button', { name: pl.training.historyOf.replace('{{name}}', 'Anna Nowak') })
      .click();
    const row = supervisor.locator(`[data-testid="history-session"][data-session-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(pl.training.status.active);
    expect(new URL(supervisor.url()).search).toContain(`user=${app.staff.agent.id}`);
  });

  it.each(['et', 'en'] as const)('shows the team view and assigning in %s', async (language) => {
    const words = LANGUAGES[language];
    const owner = await signedIn('owner@salon.test', language);
    await openTraining(owner, language);
    await owner.getByRole('tab', { name: words.training.tabs.team }).click();
    await owner.getByRole('heading', { name: words.training.teamTitle }).waitFor();
    await owner.getByTestId('progress-person').first().waitFor();
    await checkScreen(owner, `training-team-${language}`);
    await owner.getByRole('tab', { name: words.training.tabs.practise }).click();
    await owner.getByTestId('scenario').first().getByRole('button', { name: words.training.assign }).click();
    await owner.getByRole('dialog').waitFor();
    await checkScreen(owner, `training-assign-${language}`);
  });
});
