import { mkdirSync } from 'node:fs';
import { hasPart } from '@calmdesk/server/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { et } from '../src/i18n/et.ts';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium } from './browser.ts';
import { checkScreen, SCREENSHOTS } from './screens.ts';
import {
  bulkInsertCases,
  type E2eServer,
  PASSWORD,
  seedCase,
  seedCases,
  seedDifficultCustomer,
  startE2eServer,
} from './server.ts';

/**
 * The real app in Debian's Chromium: sign in, triage, coach a reply, commitments, languages, speed. The
 * main screens' screenshots and accessibility checks in every language are the tour's (tour.test.ts).
 */

// Without Chromium the file is skipped (one line says how to get it), or fails under CALMDESK_TEST_REQUIRE=browser.
const HAS_BROWSER = await hasPart('browser');
const ORG_ZONE = 'Europe/Warsaw';

let app: E2eServer;
let browser: Browser;
let ids: Record<string, string>;
const openContexts: BrowserContext[] = [];
const figures: string[] = [];

/** Presses a key with nothing focused, as the inbox shortcuts expect (they ignore keys typed into fields). */
async function pressKey(target: Page, key: string): Promise<void> {
  await target.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await target.keyboard.press(key);
}

async function signIn(target: Page, email: string, url = app.url): Promise<void> {
  await target.goto(url);
  await target.getByLabel(pl.signIn.email).fill(email);
  await target.getByLabel(pl.signIn.password).fill(PASSWORD);
  await target.getByRole('button', { name: pl.signIn.submit }).click();
  await target.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const signedInStates = new Map<string, StorageState>();

/**
 * A page in a fresh browser context (its own cookies and storage, closed after the test), Polish by
 * the browser's language, in UTC on purpose: times must show in the organisation's zone (Warsaw).
 */
async function freshPage(storageState?: StorageState): Promise<Page> {
  const context = await browser.newContext({
    locale: 'pl-PL',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
    ...(storageState ? { storageState } : {}),
  });
  context.setDefaultTimeout(20_000);
  openContexts.push(context);
  return context.newPage();
}

/** A fresh page signed in as the staff member with that e-mail, on the inbox. */
async function signedIn(email: string, url = app.url): Promise<Page> {
  // Sign-in is limited to 10 a minute per address: each staff member signs in through the form once per
  // server, and later tests start their own context from the cookies that sign-in left.
  const key = `${email} ${new URL(url).origin}`;
  const saved = signedInStates.get(key);
  const page = await freshPage(saved);
  if (saved) {
    await page.goto(url);
    await page.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
  } else {
    await signIn(page, email, url);
    signedInStates.set(key, await page.context().storageState());
  }
  return page;
}

/** The ids of the cases the inbox's own request lists, in its order, as the API gives them. */
async function listedCaseIds(target: Page, query = ''): Promise<string[]> {
  const url = `/api/cases?sort=priority&limit=50&status=active${query}`;
  return target.evaluate(
    (u) =>
      fetch(u)
        .then((r) => r.json() as Promise<{ items: Array<{ id: string }> }>)
        .then((body) => body.items.map((item) => item.id)),
    url,
  );
}

/** "YYYY-MM-DD HH:MM" of an instant in a time zone. */
function wallClock(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function tomorrowIn(timeZone: string): string {
  const today = wallClock(new Date(), timeZone).slice(0, 10);
  const next = new Date(`${today}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

describe.skipIf(!HAS_BROWSER)('the agent web app in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    ids = await seedCases(app.db);
    browser = await launchChromium();
    figures.push(`web build: ${process.env.CALMDESK_WEB_BUILD_MS ?? '?'} ms`);
  }, 120_000);

  // Every test opens its own pages and data, so each runs alone or in any order.
  afterEach(async () => {
    await Promise.all(openContexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    console.info(['', '— browser test figures —', ...figures].join('\n'));
  });

  it('signs an agent in, in Polish by the browser language', async () => {
    const page = await freshPage();
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('pl');
    await page.getByLabel(pl.signIn.email).fill('agent@salon.test');
    await page.getByLabel(pl.signIn.password).fill('wrong-password');
    await page.getByRole('button', { name: pl.signIn.submit }).click();
    await page.getByText(pl.signIn.failed).waitFor();
    await signIn(page, 'agent@salon.test');
    await page.getByText('Anna Nowak').first().waitFor();
  });

  it('lists cases by priority with level, flags, problems and the reply countdown', async () => {
    const page = await signedIn('agent@salon.test');
    const rows = page.locator('tr.inbox-row');
    await rows.first().waitFor();
    // Other tests add cases of their own: the inbox shows what the API lists, most urgent first.
    const listed = await listedCaseIds(page);
    const shown = () => rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id')));
    await expect.poll(shown).toEqual(listed);
    expect(listed.indexOf(ids.hostile ?? '')).toBeLessThan(listed.indexOf(ids.upset ?? ''));
    expect(listed.indexOf(ids.upset ?? '')).toBeLessThan(listed.indexOf(ids.calm ?? ''));
    const hostile = page.locator(`tr.inbox-row[data-case-id="${ids.hostile}"]`);
    await expect.poll(() => hostile.textContent()).toContain(pl.level.hostile);
    // Several flags show as their count, each named in its label (and its tooltip).
    const flags = (
      await hostile
        .locator('[aria-label]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')))
    ).join(' ');
    expect(flags).toContain(pl.flag.insult);
    expect(flags).toContain(pl.flag.threat_legal);
    expect(await hostile.locator('time').first().textContent()).toMatch(/za \d+ minut/);
    // Customer text is text: the seeded <img onerror> and <b> stay visible characters, never elements.
    expect(await page.locator('tbody img, tbody b').count()).toBe(0);
    await page.getByText('Reklamacja <b>butów</b>').waitFor();
    // Keyboard: j moves the selection down, k up.
    await pressKey(page, 'j');
    await expect.poll(() => rows.nth(1).getAttribute('data-selected')).toBe('true');
    await pressKey(page, 'k');
    await expect.poll(() => rows.first().getAttribute('data-selected')).toBe('true');
    // Filters and search reach the API.
    await page.getByRole('searchbox', { name: pl.inboxList.search }).fill('Tamm');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('searchbox', { name: pl.inboxList.search }).fill('');
    await expect.poll(() => rows.count()).toBe(listed.length);
    const calm = await listedCaseIds(page, '&level=calm');
    expect(calm).toContain(ids.calm);
    await page.getByRole('combobox', { name: pl.inbox.level }).click();
    await page.getByRole('option', { name: pl.level.calm, exact: true }).click();
    await expect.poll(shown).toEqual(calm);
    await page.getByRole('combobox', { name: pl.inbox.level }).click();
    await page.getByRole('option', { name: pl.level.calm, exact: true }).click();
    await expect.poll(() => rows.count()).toBe(listed.length);
  });

  it('opens the selected case with Enter and highlights its flags, masking abuse', async () => {
    const page = await signedIn('agent@salon.test');
    const rows = page.locator('tr.inbox-row');
    await expect.poll(() => rows.first().getAttribute('data-selected')).toBe('true');
    const position = (await listedCaseIds(page)).indexOf(ids.hostile ?? '');
    for (let i = 0; i < position; i++) await pressKey(page, 'j');
    await expect.poll(() => rows.nth(position).getAttribute('data-case-id')).toBe(ids.hostile);
    await expect.poll(() => rows.nth(position).getAttribute('data-selected')).toBe('true');
    await pressKey(page, 'Enter');
    await page.getByRole('heading', { name: 'Zniszczone włosy po koloryzacji' }).waitFor();
    const marks = page.locator('mark.evidence');
    await marks.first().waitFor();
    const flags = await marks.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-flag')));
    expect(flags).toEqual(expect.arrayContaining(['insult', 'profanity', 'refund_demand', 'threat_legal']));
    // The profanity is masked until the agent asks to see it.
    const profanity = page.locator('mark[data-flag~="profanity"]');
    expect(await profanity.textContent()).toBe('k••••');
    await profanity.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(new RegExp(`${pl.flag.profanity} · pl:`));
    await page.getByRole('switch', { name: pl.case.reveal }).dispatchEvent('click');
    await expect.poll(() => profanity.textContent()).toBe('k*rwa');
    await page.getByRole('switch', { name: pl.case.reveal }).dispatchEvent('click');
    await page.getByTestId('log-verified').waitFor();
    await page.getByText(pl.case.guidance).waitFor();
  });

  it('coaches a Polish draft as the agent types and applies the suggestion', async () => {
    const page = await signedIn('agent@salon.test');
    await page.goto(`${app.url}/cases/${ids.hostile}`);
    const editor = page.getByRole('textbox', { name: pl.case.reply, exact: true });
    await editor.pressSequentially('Dzień dobry. Nie ma Pan racji.', { delay: 5 });
    const finding = page.locator('[data-rule="arguing"]').filter({ has: page.getByRole('button') });
    await finding.waitFor();
    expect(await page.locator('.coached-backdrop mark[data-rule="arguing"]').textContent()).toBe(
      'Nie ma Pan racji',
    );
    await checkScreen(page, 'case-coaching');
    await finding.getByRole('button', { name: pl.case.apply }).click();
    await expect.poll(() => editor.inputValue()).not.toContain('Nie ma Pan racji');
    expect(await page.locator('[data-rule="arguing"]').count()).toBe(0);
    expect(await editor.inputValue()).toMatch(/^Dzień dobry\. Rozumiem/);
  });

  it('sends a reply with a promise: a commitment due tomorrow at 16:00, and both on the customer timeline', async () => {
    const caseId = await seedCase(app.db, {
      customer: { name: 'Barbara Lis', email: 'barbara.lis@example.test', language: 'pl' },
      channel: 'email',
      subject: 'Zgubiona rezerwacja',
      message: { body: 'Moja rezerwacja zniknęła z systemu. Jestem bardzo niezadowolona.' },
    });
    const page = await signedIn('agent@salon.test');
    await page.goto(`${app.url}/cases/${caseId}`);
    const editor = page.getByRole('textbox', { name: pl.case.reply, exact: true });
    await editor.pressSequentially(
      'Dzień dobry. Przepraszam za kłopot, oddzwonię jutro do 16:00. Anna Nowak',
      {
        delay: 2,
      },
    );
    await page.getByRole('button', { name: pl.case.send }).click();
    const commitment = page.getByTestId('commitment').filter({ hasText: 'oddzwonię' });
    await commitment.waitFor();
    const dueAt = (await commitment.getAttribute('data-due-at')) ?? '';
    expect(wallClock(new Date(dueAt), ORG_ZONE)).toBe(`${tomorrowIn(ORG_ZONE)} 16:00`);
    // Shown in Warsaw time although the browser is in UTC.
    expect(await commitment.getByTestId('commitment-due').textContent()).toContain('16:00');
    await expect.poll(() => page.locator('[data-kind="outbound"]').count()).toBe(1);
    await page.getByTestId('log-verified').waitFor();

    await page.getByRole('link', { name: 'Barbara Lis' }).click();
    await page.getByRole('heading', { name: 'Barbara Lis', level: 1 }).waitFor();
    const timeline = page.getByTestId('customer-timeline');
    await expect.poll(() => timeline.textContent()).toContain(pl.customer.caseOpened);
    await expect.poll(() => timeline.textContent()).toContain(pl.case.outbound);
    expect(await timeline.textContent()).toContain(pl.case.inbound);
  });

  it('escalates a case in one step, and the agent keeps it', async () => {
    const caseId = await seedCase(app.db, {
      customer: { name: 'Tõnu Kask', email: 'tonu.kask@example.test', language: 'et' },
      channel: 'phone',
      subject: 'Arve on vale',
      message: { body: 'Teie arve on juba teist korda vale. See on vastuvõetamatu!' },
    });
    const page = await signedIn('agent@salon.test');
    await page.goto(`${app.url}/cases/${caseId}`);
    await page.getByRole('button', { name: pl.escalation.escalate }).click();
    await page.getByTestId('escalated').waitFor();
    expect(await page.getByTestId('escalation-badge').textContent()).toBe(pl.escalation.reason.manual);
    // Escalating tells the supervisors; it hands the case to nobody.
    const escalated = await page.evaluate(
      (id) =>
        fetch(`/api/cases/${id}`).then(
          (r) => r.json() as Promise<{ assignee: unknown; escalationReason: string }>,
        ),
      caseId,
    );
    expect(escalated).toMatchObject({ assignee: null, escalationReason: 'manual' });
    expect(await page.getByRole('button', { name: pl.escalation.escalate }).count()).toBe(0);
  });

  it('logs a phone call as a new case by hand', async () => {
    const page = await signedIn('agent@salon.test');
    await page.getByRole('link', { name: pl.nav.newCase }).first().click();
    await page.getByRole('heading', { name: pl.newCase.title }).waitFor();
    await page.getByLabel(pl.newCase.name).fill('Piotr Zieliński');
    await page.getByLabel(pl.newCase.phone).fill('+48 601 222 333');
    await page.getByLabel(pl.newCase.subject).fill('Spóźniony manicure');
    await page.getByLabel(pl.newCase.message).fill('Czekałem 40 minut, to już drugi raz. Chcę rabat.');
    await page.getByRole('button', { name: pl.newCase.create }).click();
    await page.getByRole('heading', { name: 'Spóźniony manicure' }).waitFor();
    await page.locator('mark.evidence').first().waitFor();
  });

  it('lets the owner see and change the settings and the staff', async () => {
    const ownerPage = await signedIn('owner@salon.test');
    await ownerPage.getByRole('link', { name: pl.nav.settings }).first().click();
    await ownerPage.getByRole('heading', { name: pl.settings.organisation }).waitFor();
    await ownerPage.getByLabel(pl.settings.name, { exact: true }).first().fill('Salon Róża');
    await ownerPage.getByRole('button', { name: pl.settings.save }).first().click();
    await ownerPage.getByText(pl.settings.saved).waitFor();
    // The profile rules: the owner edits the deposit percentage and the late-cancellation notice.
    const rules = ownerPage.getByRole('region', { name: pl.profileRules.title });
    await rules.getByLabel(pl.profileRules.notice).fill('48');
    await rules.getByRole('button', { name: pl.settings.save }).click();
    await rules.getByText(pl.settings.saved).waitFor();
    const saved = await ownerPage.evaluate(() =>
      fetch('/api/settings/profile-rules').then(
        (r) => r.json() as Promise<{ lateCancelNoticeHours: number }>,
      ),
    );
    expect(saved.lateCancelNoticeHours).toBe(48);
    await ownerPage
      .getByRole('region', { name: pl.staff.title })
      .getByRole('cell', { name: 'Sebastian Kierownik' })
      .waitFor();
  });

  it('profiles a serial canceller and lets a supervisor confirm a deposit, with a letter', async () => {
    const started = performance.now();
    const customerId = await seedDifficultCustomer(app.db);
    const sup = await signedIn('supervisor@salon.test');
    await sup.goto(`${app.url}/customers/${customerId}`);
    await sup.getByRole('heading', { name: 'Magdalena Kowalczyk', level: 1 }).waitFor();
    const type = sup.locator('[data-testid="client-type"][data-type="serial_canceller"]');
    await type.waitFor();
    expect(await type.textContent()).toContain(pl.profile.type.serial_canceller);
    // The sentence is Polish, from the type's params: 3 late cancellations and 1 no-show.
    const sentence = (await type.getByTestId('type-sentence').textContent()) ?? '';
    expect(sentence).toContain('późne odwołania');
    expect(sentence).toMatch(/: 3; nieobecności bez odwołania: 1\.$/);
    expect(await sup.locator('[data-type="abusive"]').count()).toBe(1);
    const stats = (await sup.getByTestId('profile-stats').textContent()) ?? '';
    expect(stats).toContain(`${pl.profile.lateCancellations}: 3`);
    expect(stats).toMatch(/450,00\s?zł/);
    const deposit = sup.locator('[data-testid="recommendation"][data-rule="cancellations_deposit"]');
    await deposit.waitFor();
    expect(await deposit.textContent()).toContain(pl.boundary.level.deposit_required);
    expect(await sup.getByTestId('standing').getAttribute('data-level')).toBe('none');
    // Evidence speaks Polish (booking status), and the insult stays hidden until asked for.
    expect(await deposit.textContent()).toContain(pl.profile.bookingStatus.late_cancelled);
    expect(await sup.getByTestId('evidence').filter({ hasText: 'idiotów' }).count()).toBe(0);

    await deposit.getByRole('button', { name: pl.boundary.confirm }).click();
    const dialog = sup.getByRole('dialog');
    const reason = dialog.getByLabel(pl.boundary.reason);
    expect(await reason.inputValue()).toContain('zaliczkę 10%');
    await dialog.getByRole('button', { name: pl.boundary.confirmSubmit }).click();
    const letter = dialog.getByTestId('boundary-letter');
    await letter.waitFor();
    expect(await letter.textContent()).toMatch(/Zadatek[\s\S]*10% ceny usługi/);
    await checkScreen(sup, 'boundary-letter');
    await dialog.getByRole('button', { name: pl.common.close }).last().click();
    await expect.poll(() => sup.getByTestId('standing').getAttribute('data-level')).toBe('deposit_required');
    expect(await sup.getByTestId('standing-deposit').textContent()).toContain('10%');
    await sup.locator('[data-testid="decision"][data-state="active"]').waitFor();
    // The confirmed deposit outranks the warning: that recommendation is gone, the prepayment stays.
    expect(await sup.locator('[data-rule="abuse_warning"]').count()).toBe(0);
    await sup.locator('[data-rule="overdue_prepayment"]').waitFor();
    // Dismissing asks why; the recommendation leaves the list and the dismissal joins the history.
    await sup
      .locator('[data-rule="overdue_prepayment"]')
      .getByRole('button', { name: pl.boundary.dismiss })
      .click();
    await sup
      .getByRole('dialog')
      .getByLabel(pl.boundary.dismissReason)
      .fill('Klientka zapłaci w piątek, umówione telefonicznie.');
    await sup.getByRole('dialog').getByRole('button', { name: pl.boundary.dismiss }).click();
    await expect.poll(() => sup.locator('[data-rule="overdue_prepayment"]').count()).toBe(0);
    await sup.locator('[data-testid="decision"][data-state="dismissed"]').waitFor();
    // Revoking takes the deposit away again: the standing follows.
    const active = sup.locator('[data-testid="decision"][data-state="active"]');
    await active.getByRole('button', { name: pl.boundary.revoke }).click();
    await sup
      .getByRole('dialog')
      .getByLabel(pl.boundary.revokeReason)
      .fill('Pomyłka w grafiku po naszej stronie.');
    await sup.getByRole('dialog').getByRole('button', { name: pl.boundary.revoke }).click();
    await expect.poll(() => sup.getByTestId('standing').getAttribute('data-level')).toBe('none');
    await sup.locator('[data-testid="decision"][data-state="revoked"]').waitFor();
    await checkScreen(sup, 'customer-decisions');

    await sup.getByRole('link', { name: pl.nav.analytics }).first().click();
    await sup.getByRole('heading', { name: pl.analytics.title, level: 1 }).waitFor();
    await expect.poll(() => sup.getByTestId('pareto-headline').textContent()).toMatch(/\d+%/);
    for (const figure of [
      'pareto',
      'cost',
      'deescalation',
      'responses',
      'commitments',
      'abuse',
      'problems',
    ]) {
      await sup.getByTestId(`figure-${figure}`).waitFor();
    }
    // Pareto, cost, abuse and problems always have data here; the others need replies and de-escalations.
    await expect.poll(() => sup.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    const csv = await sup.evaluate(() =>
      fetch('/api/analytics/cost-to-serve?format=csv').then((r) => r.text()),
    );
    expect(csv).toContain('Magdalena Kowalczyk');
    expect(
      await sup
        .getByRole('link', { name: pl.analytics.csvLabel.replace('{{table}}', pl.analytics.pareto) })
        .getAttribute('href'),
    ).toBe('/api/analytics/revenue-pareto?format=csv');
    figures.push(
      `profile, boundary and analytics browser steps: ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('switches the interface to Estonian and shows the inbox in Estonian', async () => {
    const page = await signedIn('agent@salon.test');
    await page.getByText('Eesti', { exact: true }).first().click();
    await page.getByRole('heading', { name: et.inbox.title, level: 1 }).waitFor();
    const header = (await page.locator('thead').textContent()) ?? '';
    for (const column of [
      et.inboxList.customerSubject,
      et.inboxList.levelFlags,
      et.inbox.due,
      et.inboxList.lastActivity,
    ]) {
      expect(header).toContain(column);
    }
    const hostile = page.locator(`tr.inbox-row[data-case-id="${ids.hostile}"]`);
    await expect.poll(() => hostile.textContent()).toContain(et.level.hostile);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('et');
  });

  it('coaches every keystroke on a 1,000-character draft', async () => {
    const page = await signedIn('agent@salon.test');
    await page.goto(`${app.url}/cases/${ids.upset}`);
    const editor = page.getByRole('textbox', { name: pl.case.reply, exact: true });
    await editor.waitFor();
    const sentence = 'Tere! Mul on väga kahju, et teie broneering tühistati ilma teavituseta. ';
    await editor.fill(sentence.repeat(Math.ceil(1000 / sentence.length)).slice(0, 1000));
    // Each synthetic keystroke goes through React's onChange; it counts once the backdrop holds the new
    // text and findings (MutationObserver), i.e. once the agent can see the feedback. The times are
    // printed for the record; the speed target is the benchmark's to check.
    const timings = await page.evaluate(async () => {
      const area = document.querySelector<HTMLTextAreaElement>('textarea.coached-input');
      const backdrop = document.querySelector('.coached-backdrop');
      if (!area || !backdrop) throw new Error('no editor');
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      const out: { total: number; coach: number; shown: boolean }[] = [];
      for (let i = 0; i < 40; i++) {
        const changed = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            observer.disconnect();
            resolve(performance.now());
          });
          observer.observe(backdrop, { childList: true, subtree: true, characterData: true });
        });
        const started = performance.now();
        const value = `${area.value}${'abcdefghij'[i % 10]}`;
        setValue?.call(area, value);
        area.dispatchEvent(new Event('input', { bubbles: true }));
        const done = await changed;
        const coach = Number(area.closest('[data-coach-ms]')?.getAttribute('data-coach-ms'));
        out.push({ total: done - started, coach, shown: (backdrop.textContent ?? '').startsWith(value) });
      }
      return out;
    });
    expect(timings.filter((t) => !t.shown)).toEqual([]);
    expect(timings.every((t) => Number.isFinite(t.coach) && t.coach >= 0)).toBe(true);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const totals = sorted(timings.slice(5).map((t) => t.total));
    const coach = sorted(timings.slice(5).map((t) => t.coach));
    const at = (values: number[], q: number) =>
      values[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0;
    figures.push(
      `coach feedback after a keystroke on a 1,000-character draft: median ${at(totals, 0.5).toFixed(1)} ms, ` +
        `p95 ${at(totals, 0.95).toFixed(1)} ms (coachReply alone: median ${at(coach, 0.5).toFixed(2)} ms); target < 50 ms`,
    );
  });

  it('pages the inbox with 10,000 cases in the database', async () => {
    // Its own server: ten thousand cases would change what every other test's inbox shows.
    const crowded = await startE2eServer();
    try {
      const insertMs = await bulkInsertCases(crowded.db, 10_000);
      figures.push(`bulk insert of 10,000 cases: ${Math.round(insertMs)} ms`);
      const page = await signedIn('agent@salon.test', crowded.url);
      const runs: number[] = [];
      // Its time is a figure, not a check (speed lives in the benchmark): on a 2-core machine shared with
      // the rest of the suite the first page of a fresh database that size has taken over 20 s to come.
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await page.goto(crowded.url);
        await page.locator('tr.inbox-row').nth(49).waitFor({ timeout: 120_000 });
        runs.push(performance.now() - started);
      }
      const apiStarted = performance.now();
      const listed = await listedCaseIds(page);
      const apiMs = performance.now() - apiStarted;
      expect(listed).toHaveLength(50);
      const shown = () =>
        page.locator('tr.inbox-row').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id')));
      await expect.poll(shown).toEqual(listed);
      const median = [...runs].sort((x, y) => x - y)[1] ?? 0;
      figures.push(
        `inbox first render with 10,000 cases (page load to 50 rows, localhost): first ${Math.round(runs[0] ?? 0)} ms, ` +
          `median of 3 ${Math.round(median)} ms, best ${Math.round(Math.min(...runs))} ms; ` +
          `GET /api/cases page ${Math.round(apiMs)} ms; target < 1000 ms`,
      );
    } finally {
      await Promise.all(openContexts.splice(0).map((context) => context.close()));
      await crowded.close();
    }
  }, 300_000);
});
