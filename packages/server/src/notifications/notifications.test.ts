import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../alerts/alerts.service.ts';
import type { Role } from '../db/schema.ts';
import { markMailboxFailing, markMailboxSynced } from '../mail/mailboxes.service.ts';
import { deliverDueMail, TransportCache } from '../mail/outbox-sender.ts';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { queueNotificationMail } from './notification-mail.ts';

interface Shown {
  kind: string;
  caseId: string | null;
  title: string;
  details: Record<string, unknown>;
  readAt: string | null;
}

describe.each(TEST_DATABASES)('notifications on %s', (kind) => {
  let t: TestApp;
  let sink: SmtpSink;
  beforeAll(async () => {
    [t, sink] = await Promise.all([createTestApp(kind), startSmtpSink()]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const later = (ms: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + ms);
  };
  async function inbox(role: Role): Promise<{ items: Shown[]; unread: number }> {
    const answer = await t.asUser(role, { method: 'GET', url: '/api/notifications?limit=100' });
    expect(answer.statusCode).toBe(200);
    return answer.json();
  }
  const about = async (role: Role, caseId: string) =>
    (await inbox(role)).items.filter((n) => n.caseId === caseId);
  async function openCase(body: string, subject: string) {
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name: 'Ola Nowak' }, channel: 'phone', subject, message: { body } },
    });
    expect(created.statusCode).toBe(201);
    return created.json().id as string;
  }
  const assign = (by: Role, caseId: string, to: Role) =>
    t.asUser(by, { method: 'PATCH', url: `/api/cases/${caseId}`, payload: { assignee: t.users[to].id } });

  it('tells an agent a case was given to them and that its customer wrote again, never of what they did themselves', async () => {
    const caseId = await openCase('Dzień dobry, gdzie jest moja paczka?', 'Paczka');
    await assign('supervisor', caseId, 'agent');
    const [assigned] = await about('agent', caseId);
    expect(assigned).toMatchObject({
      kind: 'case_assigned',
      title: 'Paczka',
      details: { by: 'Test supervisor' },
    });

    later(60_000);
    await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'inbound', body: 'Halo?! Trzeci raz pytam, gdzie jest paczka!' },
    });
    // The agent logs a call with the customer themself: nobody needs telling.
    await t.asUser('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'inbound', body: 'Klientka dzwoni, pyta o paczkę.' },
    });
    const kinds = (await about('agent', caseId)).map((n) => n.kind);
    expect(kinds.sort()).toEqual(['case_assigned', 'customer_wrote']);
    // Assigning a case to oneself tells nobody.
    await assign('supervisor', caseId, 'supervisor');
    expect(await about('supervisor', caseId)).toEqual([]);
  });

  it('tells the supervisors, the owner and the agent once when the sweep escalates, and the agent keeps the case', async () => {
    const caseId = await openCase('Oszuści! Chcę zwrotu pieniędzy natychmiast!', 'Zwrot');
    await assign('supervisor', caseId, 'agent');
    later(6 * 3_600_000);
    await escalateOverdue(t.database.db, t.clock.now);
    await escalateOverdue(t.database.db, t.clock.now);
    for (const role of ['supervisor', 'owner', 'agent'] as const) {
      const escalated = (await about(role, caseId)).filter((n) => n.kind === 'case_escalated');
      expect(escalated, role).toHaveLength(1);
      expect(escalated[0]?.details.reason).toBe('first_response_missed');
    }
  });

  it('asks the supervisors to approve a refund over the limit and tells the agent the decision', async () => {
    const caseId = await openCase('Żądam zwrotu 900 zł za zniszczoną kurtkę.', 'Kurtka');
    await assign('supervisor', caseId, 'agent');
    const proposed = await t.asUser('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/compensations`,
      payload: { kind: 'cash_refund', amount: 900, statutory: false },
    });
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json().status).toBe('proposed');
    const [ask] = (await about('supervisor', caseId)).filter((n) => n.kind === 'refund_to_approve');
    expect(ask?.details).toMatchObject({ compensation: 'cash_refund', amount: 900, by: 'Test agent' });
    expect((await about('owner', caseId)).some((n) => n.kind === 'refund_to_approve')).toBe(true);

    const decided = await t.asUser('supervisor', {
      method: 'POST',
      url: `/api/compensations/${proposed.json().id}/decision`,
      payload: { decision: 'reject', note: 'Powyżej polityki' },
    });
    expect(decided.statusCode).toBe(200);
    const [answer] = (await about('agent', caseId)).filter((n) => n.kind === 'refund_decided');
    expect(answer?.details.decision).toBe('rejected');
  });

  it('reminds the holder of our promise an hour before it falls due, and tells them when it is overdue', async () => {
    const caseId = await openCase('Kiedy dostanę odpowiedź w sprawie reklamacji?', 'Reklamacja');
    await assign('supervisor', caseId, 'agent');
    const reply = await t.asUser('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: {
        kind: 'outbound',
        body: 'Dzień dobry, przepraszamy za zwłokę. Wyślemy nową kurtkę do piątku.',
      },
    });
    expect(reply.statusCode).toBe(201);
    const promise = (await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}` })).json()
      .commitments[0];
    expect(promise.who).toBe('us');
    const dueAt = new Date(promise.dueAt).getTime();

    t.clock.now = new Date(dueAt - 2 * 3_600_000);
    await escalateOverdue(t.database.db, t.clock.now);
    expect((await about('agent', caseId)).some((n) => n.kind === 'commitment_due_soon')).toBe(false);
    t.clock.now = new Date(dueAt - 30 * 60_000);
    await escalateOverdue(t.database.db, t.clock.now);
    await escalateOverdue(t.database.db, t.clock.now);
    expect((await about('agent', caseId)).filter((n) => n.kind === 'commitment_due_soon')).toHaveLength(1);
    t.clock.now = new Date(dueAt + 60_000);
    await escalateOverdue(t.database.db, t.clock.now);
    const overdue = (await about('agent', caseId)).filter((n) => n.kind === 'commitment_overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.details.promise).toBe(promise.text);
  });

  it('marks read one at a time or all at once, counts what is unread, and refuses API tokens', async () => {
    const before = await inbox('agent');
    expect(before.unread).toBeGreaterThan(0);
    const first = before.items.find((n) => n.readAt === null) as Shown & { id: string };
    const read = await t.asUser('agent', { method: 'POST', url: `/api/notifications/${first.id}/read` });
    expect(read.statusCode).toBe(200);
    expect((await inbox('agent')).unread).toBe(before.unread - 1);
    // Someone else's notification is not found for this person.
    const other = await t.asUser('owner', { method: 'POST', url: `/api/notifications/${first.id}/read` });
    expect(other.statusCode).toBe(404);
    const all = await t.asUser('agent', { method: 'POST', url: '/api/notifications/read-all' });
    expect(all.json().marked).toBe(before.unread - 1);
    expect((await inbox('agent')).unread).toBe(0);
    expect((await t.as('agent', { method: 'GET', url: '/api/notifications' })).statusCode).toBe(403);
  });

  it('mails the kinds a person chose through the outgoing mail, and tells the owner once a mailbox starts failing', async () => {
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: {
        address: 'support@salon.example',
        imap: 'imap://support:pw@127.0.0.1:1/INBOX',
        smtp: sink.url,
      },
    });
    expect(added.statusCode).toBe(201);
    const chosen = await t.asUser('agent', {
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { email: ['case_assigned'] },
    });
    expect(chosen.json()).toEqual({ email: ['case_assigned'] });
    expect(
      (await t.asUser('agent', { method: 'GET', url: '/api/me/notification-preferences' })).json(),
    ).toEqual({
      email: ['case_assigned'],
    });

    const caseId = await openCase('Proszę o kontakt w sprawie faktury.', 'Faktura 12/2026');
    await assign('supervisor', caseId, 'agent');
    await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'inbound', body: 'Czekam na odpowiedź.' },
    });
    // Only the chosen kind is mailed: the assignment, not the customer's new message.
    expect(await queueNotificationMail(t.database.db, t.clock.now)).toBe(1);
    expect(await queueNotificationMail(t.database.db, t.clock.now)).toBe(0);
    const transports = new TransportCache();
    try {
      const settings = {
        now: () => t.clock.now,
        leaseMs: 60_000,
        firstRetryMs: 1_000,
        log: { info() {}, warn() {} },
      };
      expect(await deliverDueMail(t.database.db, transports, settings)).toBe(1);
    } finally {
      transports.close();
    }
    const mail = await PostalMime.parse((await sink.nth(1)).raw);
    expect(mail.to?.[0]?.address).toBe('agent@example.test');
    expect(mail.subject).toBe(`CalmDesk: powiadomienie [#${caseId.slice(0, 8)}]`);
    expect(mail.text).toContain(
      'Przydzielono Ci sprawę „Faktura 12/2026” (przydzielił(a): Test supervisor).',
    );
    expect(mail.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');

    const mailboxId = added.json().id;
    const denied = { problem: 'auth', reason: 'wrong user name or password', detail: null } as const;
    await markMailboxFailing(t.database.db, mailboxId, denied, t.clock.now);
    await markMailboxFailing(t.database.db, mailboxId, denied, t.clock.now);
    const failing = (await inbox('owner')).items.filter((n) => n.kind === 'mailbox_failing');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({
      title: 'support@salon.example',
      details: { reason: 'wrong user name or password', problem: 'auth' },
    });
    expect((await inbox('supervisor')).items.some((n) => n.kind === 'mailbox_failing')).toBe(false);
    // Working again, then failing again: a new episode, told again.
    later(60_000);
    await markMailboxSynced(t.database.db, mailboxId, t.clock.now);
    const refused = {
      problem: 'unreachable',
      reason: 'host unreachable: connection refused',
      detail: 'connect ECONNREFUSED 127.0.0.1:993',
    } as const;
    await markMailboxFailing(t.database.db, mailboxId, refused, t.clock.now);
    expect((await inbox('owner')).items.filter((n) => n.kind === 'mailbox_failing')).toHaveLength(2);
  });
});
