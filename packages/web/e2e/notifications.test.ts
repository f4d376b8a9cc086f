import { mkdirSync } from 'node:fs';
import { NOTIFICATION_KINDS } from '@calmdesk/contracts/enums';
import { type Db, hasPart, newId } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { et } from '../src/i18n/et.ts';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium, seriousViolations, settled } from './browser.ts';
import { LANGUAGES, type Language, SCREENSHOTS, staffPages, WIDTHS } from './screens.ts';
import { type E2eServer, seedCase, startE2eServer } from './server.ts';

/** The bell, the e-mail notification choices and the supervisors' queue of escalated cases, in Chromium. */

const HAS_BROWSER = await hasPart('browser');
let app: E2eServer;
let browser: Browser;
const staff = staffPages(() => ({ browser, url: app.url }));
const signedIn = (email: string, language: Language = 'pl') => staff.open(email, language);

const bellName = (language: Language, count: number) =>
  LANGUAGES[language].notifications.bell.replace('{{count}}', String(count));

const unreadOf = (page: Page) =>
  page.evaluate(() =>
    fetch('/api/notifications?limit=1')
      .then((r) => r.json() as Promise<{ unread: number }>)
      .then((body) => body.unread),
  );

/** One notification of every kind for a person, newest first, the two oldest already read. */
async function seedEveryKind(db: Db, userId: string, caseId: string): Promise<void> {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const rows: Array<
    [kind: string, title: string, details: Record<string, unknown>, ago: number, read: boolean]
  > = [
    [
      'refund_to_approve',
      'Zniszczona kurtka',
      { compensation: 'cash_refund', amount: 900, currency: 'PLN', by: 'Anna Nowak' },
      0.2,
      false,
    ],
    ['case_escalated', 'Zniszczona kurtka', { reason: 'first_response_missed', by: null }, 12, false],
    ['customer_wrote', 'Zniszczona kurtka', { level: 'hostile' }, 47, false],
    [
      'commitment_due_soon',
      'Zniszczona kurtka',
      { promise: 'Oddzwonię jutro do 16:00.', dueAt: minutesAgo(-50).toISOString() },
      70,
      false,
    ],
    ['mailbox_failing', 'biuro@salon.test', { reason: 'host unreachable: connection refused' }, 180, false],
    [
      'refund_decided',
      'Zniszczona kurtka',
      {
        compensation: 'voucher',
        amount: 150,
        currency: 'PLN',
        by: 'Sebastian Kierownik',
        decision: 'approved',
      },
      60 * 26,
      true,
    ],
    ['commitment_overdue', 'Zniszczona kurtka', { promise: 'Wyślemy nową kurtkę do piątku.' }, 60 * 50, true],
  ];
  await db
    .insertInto('notifications')
    .values(
      rows.map(([kind, title, details, ago, read]) => ({
        id: newId(),
        user_id: userId,
        kind: kind as never,
        case_id: kind === 'mailbox_failing' ? null : caseId,
        title,
        details: JSON.stringify(details) as never,
        dedupe_key: `e2e:${kind}:${newId()}`,
        created_at: minutesAgo(ago),
        read_at: read ? minutesAgo(ago - 1) : null,
      })),
    )
    .execute();
}

describe.skipIf(!HAS_BROWSER)('notifications in Chromium', { timeout: 180_000 }, () => {
  let parcelCase: string;
  let jacketCase: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    parcelCase = await seedCase(app.db, {
      customer: { name: 'Ola Nowak', email: 'ola.nowak@example.test', language: 'pl' },
      channel: 'email',
      subject: 'Paczka nie dotarła',
      message: { body: 'Dzień dobry, od tygodnia czekam na paczkę. Kiedy dotrze?' },
    });
    jacketCase = await seedCase(app.db, {
      customer: { name: 'Mari Tamm', email: 'mari.tamm@example.test', language: 'et' },
      channel: 'web',
      subject: 'Zniszczona kurtka',
      message: { body: 'Jakość on kohutav, jope läks esimesel pesul katki. Tahan raha tagasi!' },
    });
    await seedEveryKind(app.db, app.staff.owner.id, jacketCase);
    browser = await launchChromium();
  }, 180_000);

  afterEach(() => staff.release());

  afterAll(async () => {
    await staff.close();
    await browser?.close();
    await app?.close();
  });

  it('tells the agent a supervisor gave them a case: one unread, opened from the bell, then none', async () => {
    const supervisor = await signedIn('supervisor@salon.test');
    await supervisor.goto(`${app.url}/cases/${parcelCase}`);
    await supervisor.getByRole('heading', { name: 'Paczka nie dotarła' }).waitFor();
    await supervisor.getByRole('combobox', { name: pl.case.assignee }).click();
    await supervisor.getByRole('option', { name: /^Anna Nowak/ }).click();
    await supervisor.getByText(`${pl.case.assignee}: Anna Nowak`).waitFor();

    const agent = await signedIn('agent@salon.test');
    const bell = agent.getByRole('button', { name: bellName('pl', 1) });
    await bell.waitFor();
    expect(await agent.getByTestId('bell-count').getAttribute('data-count')).toBe('1');
    await bell.click();
    const item = agent.getByRole('dialog', { name: pl.notifications.title }).getByTestId('notification');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.textContent()).toContain(
      'Sebastian Kierownik przydziela Ci sprawę „Paczka nie dotarła”.',
    );
    await item.click();
    await agent.getByRole('heading', { name: 'Paczka nie dotarła' }).waitFor();
    expect(new URL(agent.url()).pathname).toBe(`/cases/${parcelCase}`);
    await agent.getByRole('button', { name: bellName('pl', 0) }).waitFor();
    expect(await agent.getByTestId('bell-count').getAttribute('data-count')).toBe('0');
    expect(await unreadOf(agent)).toBe(0);
    // Opened again, the notification is there, read.
    await agent.getByRole('button', { name: bellName('pl', 0) }).click();
    await expect.poll(() => item.getAttribute('data-unread')).toBe('false');
  });

  it('escalates without a handover: the agent keeps the case and the supervisor finds it in the Escalated queue', async () => {
    const agent = await signedIn('agent@salon.test');
    await agent.goto(`${app.url}/cases/${parcelCase}`);
    await agent.getByRole('button', { name: pl.escalation.escalate }).click();
    await agent.getByTestId('escalated').waitFor();
    const badge = agent.getByTestId('escalation-badge');
    expect(await badge.getAttribute('data-reason')).toBe('manual');
    expect(await badge.textContent()).toBe(pl.escalation.reason.manual);
    // The agent keeps the case, and has no queue to choose.
    await agent.getByText(`${pl.case.assignee}: Anna Nowak`).waitFor();
    await agent.goto(app.url);
    await agent.locator('tr.inbox-row').first().waitFor();
    expect(await agent.getByTestId('inbox-queue').count()).toBe(0);

    const supervisor = await signedIn('supervisor@salon.test');
    const bell = supervisor.getByRole('button', { name: bellName('pl', 1) });
    await bell.click();
    const item = supervisor.getByTestId('notification').first();
    expect(await item.textContent()).toContain('Anna Nowak eskaluje sprawę „Paczka nie dotarła”.');
    await supervisor.keyboard.press('Escape');
    const rows = supervisor.locator('tr.inbox-row');
    await expect.poll(() => rows.count()).toBe(2);
    await supervisor.getByTestId('inbox-queue').getByText(pl.escalation.onlyEscalated).click();
    await expect
      .poll(() => rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id'))))
      .toEqual([parcelCase]);
    // Beside its flags the row marks it with an arrow, the word in the mark's label.
    const mark = rows.first().getByTestId('escalation-badge');
    expect((await mark.getAttribute('aria-label')) ?? (await mark.textContent())).toBe(pl.escalation.badge);
    // The choice survives opening the case and coming back.
    await rows.first().click();
    await supervisor.getByRole('heading', { name: 'Paczka nie dotarła' }).waitFor();
    await supervisor.getByRole('link', { name: pl.case.back }).click();
    await expect
      .poll(() => rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id'))))
      .toEqual([parcelCase]);
    await supervisor.getByTestId('inbox-queue').getByText(pl.escalation.all).click();
    await expect.poll(() => rows.count()).toBe(2);
  });

  it.each(['pl', 'et', 'en'] as const)(
    'shows the open bell and the e-mail choices in %s, on a desktop and a 390 px phone',
    async (language) => {
      const words = LANGUAGES[language];
      const owner = await signedIn('owner@salon.test', language);
      const unread = await unreadOf(owner);
      expect(unread).toBeGreaterThanOrEqual(5);
      for (const size of WIDTHS) {
        await owner.setViewportSize({ width: size.width, height: size.height });
        await owner.getByRole('button', { name: bellName(language, unread) }).click();
        const dialog = owner.getByRole('dialog', { name: words.notifications.title });
        await expect.poll(() => dialog.getByTestId('notification').count()).toBeGreaterThanOrEqual(7);
        const sentences = await dialog.getByTestId('notification').allTextContents();
        for (const sentence of sentences) expect(sentence).not.toMatch(/\{\{|\}\}|notifications\./);
        await settled(owner);
        const box = await dialog.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= size.width, `the bell fits ${size.name}px`).toBe(
          true,
        );
        await owner.screenshot({ path: `${SCREENSHOTS}bell-${language}-${size.name}.png` });
        expect(await seriousViolations(owner)).toEqual([]);
        await owner.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
      await owner.setViewportSize({ width: 1280, height: 800 });

      await owner.goto(`${app.url}/settings`);
      const section = owner.getByRole('region', { name: words.notifications.preferences.title });
      await section.getByRole('checkbox').first().waitFor();
      // The owner is told about every kind, a failing mailbox included.
      expect(await section.getByRole('checkbox').count()).toBe(NOTIFICATION_KINDS.length);
      for (const size of WIDTHS) {
        await owner.setViewportSize({ width: size.width, height: size.height });
        await settled(owner);
        // The section alone, in page coordinates (the fixed header stays at the page's top).
        await owner.evaluate(() => window.scrollTo(0, 0));
        const box = await section.evaluate((node) => {
          const rect = node.getBoundingClientRect();
          return { top: rect.top + window.scrollY, height: rect.height };
        });
        await owner.screenshot({
          path: `${SCREENSHOTS}email-notifications-${language}-${size.name}.png`,
          fullPage: true,
          clip: { x: 0, y: Math.max(0, box.top - 8), width: size.width, height: Math.ceil(box.height) + 16 },
        });
        const overflow = await owner.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `settings scroll sideways at ${size.name}px`).toBeLessThanOrEqual(1);
      }
      await owner.setViewportSize({ width: 1280, height: 800 });
      expect(await seriousViolations(owner)).toEqual([]);
    },
  );

  it('saves the kinds a person wants by e-mail, and an agent is not offered what never reaches agents', async () => {
    const agent = await signedIn('agent@salon.test', 'en');
    // The bell leads to the choices, the last section of the settings, scrolled into view.
    await agent.getByRole('button', { name: /^Notifications/ }).click();
    await agent.getByRole('link', { name: en.notifications.emailSettings }).click();
    const section = agent.getByRole('region', { name: en.notifications.preferences.title });
    await section.getByRole('checkbox').first().waitFor();
    await expect
      .poll(() => section.evaluate((node) => Math.round(node.getBoundingClientRect().top)))
      .toBeLessThan(400);
    expect(await section.evaluate((node) => node.getBoundingClientRect().top)).toBeGreaterThan(56);
    expect(await section.getByRole('checkbox').count()).toBe(6);
    expect(await section.getByText(en.notifications.preferences.mailNote).count()).toBe(1);
    const kinds = en.notifications.preferences.kind;
    await section.getByRole('checkbox', { name: kinds.case_assigned.label }).check();
    await section.getByRole('checkbox', { name: kinds.commitment_overdue.label }).check();
    await section.getByRole('button', { name: en.settings.save }).click();
    await section.getByText(en.notifications.preferences.saved).waitFor();
    const saved = await agent.evaluate(() =>
      fetch('/api/me/notification-preferences').then((r) => r.json() as Promise<{ email: string[] }>),
    );
    expect(saved.email.sort()).toEqual(['case_assigned', 'commitment_overdue']);
    await agent.reload();
    await expect
      .poll(() => section.getByRole('checkbox', { name: kinds.case_assigned.label }).isChecked())
      .toBe(true);
    expect(await section.getByRole('checkbox', { name: kinds.customer_wrote.label }).isChecked()).toBe(false);
  });

  it('opens the mailboxes from a failing mailbox notification', async () => {
    const owner = await signedIn('owner@salon.test', 'et');
    const unread = await unreadOf(owner);
    await owner.getByRole('button', { name: bellName('et', unread) }).click();
    await owner.locator('[data-testid="notification"][data-kind="mailbox_failing"]').click();
    await owner.getByRole('heading', { name: et.channels.title }).waitFor();
    expect(new URL(owner.url()).search).toBe('?tab=channels');
    await expect.poll(() => unreadOf(owner)).toBe(unread - 1);
    await owner.getByRole('button', { name: bellName('et', unread - 1) }).click();
    await owner.getByRole('button', { name: et.notifications.markAllRead }).click();
    await owner.getByRole('button', { name: bellName('et', 0) }).waitFor();
    expect(await unreadOf(owner)).toBe(0);
  });
});
