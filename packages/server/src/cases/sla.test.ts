import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../alerts/alerts.service.ts';
import type { Role } from '../db/schema.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

// The defaults: Monday to Friday 09:00–17:00 in Europe/Warsaw; calm 8 business hours, hostile 30 minutes.
describe.each(TEST_DATABASES)('response deadlines in business time on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const CALM = 'Dzień dobry, proszę o informację, kiedy będzie gotowe zamówienie.';
  const HOSTILE = 'Jesteście oszustami! Oddajcie pieniądze albo idę do UOKiK!';
  let customers = 0;

  async function openCase(body: string, at: string): Promise<string> {
    t.clock.now = new Date(at);
    customers += 1;
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: `Klient ${customers}`, email: `klient${customers}@example.test` },
        channel: 'email',
        subject: 'Zamówienie',
        message: { body },
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json().id;
  }
  async function write(caseId: string, kind: 'inbound' | 'outbound', body: string, at: string) {
    t.clock.now = new Date(at);
    const answer = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind, body },
    });
    expect(answer.statusCode).toBe(201);
  }
  const reply = (caseId: string, at: string) =>
    write(caseId, 'outbound', 'Dzień dobry, rozumiem, sprawdzamy zamówienie. Anna Kowalska', at);
  async function patch(caseId: string, payload: object, at: string, role: Role = 'agent') {
    t.clock.now = new Date(at);
    const answer = await t.as(role, { method: 'PATCH', url: `/api/cases/${caseId}`, payload });
    expect(answer.statusCode).toBe(200);
    return answer.json();
  }
  const detail = async (caseId: string) =>
    (await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}` })).json();
  async function alertsOf(caseId: string, at: string) {
    t.clock.now = new Date(at);
    const answer = await t.as('supervisor', { method: 'GET', url: '/api/alerts' });
    expect(answer.statusCode).toBe(200);
    return (answer.json().items as Array<{ caseId: string; kind: string; dueAt: string }>).filter(
      (a) => a.caseId === caseId,
    );
  }
  async function saveSettings(payload: object) {
    const answer = await t.as('owner', { method: 'PATCH', url: '/api/settings', payload });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json();
  }

  it('counts the first response in business hours, from the next opening when the message comes after closing', async () => {
    // Friday 6 March, 16:30 in Warsaw: half an hour today, the rest from Monday 09:00.
    const calm = await openCase(CALM, '2026-03-06T15:30:00Z');
    expect((await detail(calm)).firstResponseDueAt).toBe('2026-03-09T15:30:00.000Z');
    const hostile = await openCase(HOSTILE, '2026-03-06T15:30:00Z');
    expect((await detail(hostile)).firstResponseDueAt).toBe('2026-03-06T16:00:00.000Z');
    // Saturday: the clock starts on Monday at 09:00 (08:00 UTC).
    const weekend = await openCase(HOSTILE, '2026-03-07T11:00:00Z');
    expect((await detail(weekend)).firstResponseDueAt).toBe('2026-03-09T08:30:00.000Z');
  });

  it('sets a next-response deadline when the customer writes again after our reply, and clears it with our next reply', async () => {
    const caseId = await openCase(CALM, '2026-03-02T09:00:00Z');
    await reply(caseId, '2026-03-02T09:10:00Z');
    let shown = await detail(caseId);
    expect(shown.status).toBe('waiting_customer');
    expect(shown.nextResponseDueAt).toBeNull();
    // Monday 16:00: one business hour today, seven from Tuesday 09:00.
    await write(caseId, 'inbound', 'Nadal nie wiem, kiedy odbiorę zamówienie.', '2026-03-02T15:00:00Z');
    shown = await detail(caseId);
    expect(shown.nextResponseDueAt).toBe('2026-03-03T15:00:00.000Z');
    expect(shown.firstResponseDueAt).toBe('2026-03-03T09:00:00.000Z');
    // An angrier message tightens the running deadline: 30 business minutes, Monday 16:00 → 16:30.
    await write(caseId, 'inbound', HOSTILE, '2026-03-02T15:00:30Z');
    expect((await detail(caseId)).nextResponseDueAt).toBe('2026-03-02T15:30:30.000Z');
    await reply(caseId, '2026-03-02T15:20:00Z');
    shown = await detail(caseId);
    expect(shown.nextResponseDueAt).toBeNull();
    expect(shown.slaPaused).toBeNull();
  });

  it('pauses the running deadline while the case waits on the customer and resumes it when they write', async () => {
    // Monday 9 March 10:00: a calm first response is due Tuesday 10:00.
    const caseId = await openCase(CALM, '2026-03-09T09:00:00Z');
    expect((await detail(caseId)).firstResponseDueAt).toBe('2026-03-10T09:00:00.000Z');
    // At 12:00 the agent phones and asks for the receipt: five hours today and one on Tuesday are left.
    const paused = await patch(caseId, { status: 'waiting_customer' }, '2026-03-09T11:00:00Z');
    expect(paused.slaPaused).toEqual({ since: '2026-03-09T11:00:00.000Z', remainingMinutes: 360 });
    // Long past the old due time, nothing is missed while the customer has the ball.
    await escalateOverdue(t.database.db, new Date('2026-03-11T12:00:00Z'));
    expect((await detail(caseId)).escalatedAt).toBeNull();
    expect(await alertsOf(caseId, '2026-03-11T12:00:00Z')).toEqual([]);
    // Thursday 14:00 the customer writes: three hours today and three on Friday, due Friday 12:00.
    await write(caseId, 'inbound', 'Przesyłam paragon w załączniku.', '2026-03-12T13:00:00Z');
    const resumed = await detail(caseId);
    expect(resumed.status).toBe('open');
    expect(resumed.slaPaused).toBeNull();
    expect(resumed.firstResponseDueAt).toBe('2026-03-13T11:00:00.000Z');
  });

  it('resumes a paused next response when staff take the case back, and stops it when the case is resolved', async () => {
    const caseId = await openCase(CALM, '2026-03-16T09:00:00Z');
    await reply(caseId, '2026-03-16T09:05:00Z');
    // Monday 16 March 11:00: the next response is due Tuesday 11:00.
    await write(caseId, 'inbound', 'A kiedy dokładnie?', '2026-03-16T10:00:00Z');
    expect((await detail(caseId)).nextResponseDueAt).toBe('2026-03-17T10:00:00.000Z');
    const paused = await patch(caseId, { status: 'waiting_customer' }, '2026-03-16T15:00:00Z');
    // Monday 16:00: an hour today and two on Tuesday are left.
    expect(paused.slaPaused.remainingMinutes).toBe(180);
    // Wednesday 09:00 the agent takes it back without a word from the customer: due Wednesday 12:00.
    const resumed = await patch(caseId, { status: 'open' }, '2026-03-18T08:00:00Z');
    expect(resumed.slaPaused).toBeNull();
    expect(resumed.nextResponseDueAt).toBe('2026-03-18T11:00:00.000Z');
    const resolved = await patch(caseId, { status: 'resolved' }, '2026-03-18T08:30:00Z');
    expect(resolved.nextResponseDueAt).toBeNull();
    expect(await alertsOf(caseId, '2026-03-20T12:00:00Z')).toEqual([]);
  });

  it('keeps the clock still on a holiday the owner entered', async () => {
    const saved = await saveSettings({
      holidays: [
        { date: '2026-05-01', name: 'Święto Pracy' },
        { date: '2026-05-03', name: 'Święto Konstytucji 3 Maja' },
      ],
    });
    expect(saved.holidays).toHaveLength(2);
    expect(saved.nextResponseMinutes).toEqual({ calm: 480, upset: 240, angry: 60, hostile: 30 });
    try {
      // Thursday 30 April 16:00 (UTC+2): one hour today, Friday 1 May closed, seven hours on Monday.
      const caseId = await openCase(CALM, '2026-04-30T14:00:00Z');
      expect((await detail(caseId)).firstResponseDueAt).toBe('2026-05-04T14:00:00.000Z');
    } finally {
      await saveSettings({ holidays: [] });
    }
  });

  it('refuses business hours that close before they open, saying so', async () => {
    const answer = await t.as('owner', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { businessHours: { days: { '1': ['17:00', '09:00'] } } },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.message).toContain('the closing time must be after the opening time');
  });

  it('escalates a missed next response once, telling the supervisors and the agent, who keeps the case', async () => {
    const caseId = await openCase(CALM, '2026-03-23T09:00:00Z');
    await patch(caseId, { assignee: t.users.agent.id }, '2026-03-23T09:01:00Z', 'supervisor');
    await reply(caseId, '2026-03-23T09:05:00Z');
    // Monday 23 March 11:00, hostile: due 11:30.
    await write(caseId, 'inbound', HOSTILE, '2026-03-23T10:00:00Z');
    expect((await detail(caseId)).nextResponseDueAt).toBe('2026-03-23T10:30:00.000Z');
    await escalateOverdue(t.database.db, new Date('2026-03-23T10:29:00Z'));
    expect((await detail(caseId)).escalatedAt).toBeNull();
    await escalateOverdue(t.database.db, new Date('2026-03-23T10:31:00Z'));
    await escalateOverdue(t.database.db, new Date('2026-03-23T10:32:00Z'));

    const escalated = await detail(caseId);
    expect(escalated.escalationReason).toBe('next_response_missed');
    expect(escalated.escalatedAt).toBe('2026-03-23T10:31:00.000Z');
    expect(escalated.assignee?.id).toBe(t.users.agent.id);
    const told = async (role: Role) => {
      const answer = await t.asUser(role, { method: 'GET', url: '/api/notifications?limit=100' });
      return (answer.json().items as Array<{ kind: string; caseId: string; details: { reason?: string } }>)
        .filter((n) => n.caseId === caseId && n.kind === 'case_escalated')
        .map((n) => n.details.reason);
    };
    for (const role of ['supervisor', 'owner', 'agent'] as const) {
      expect(await told(role), role).toEqual(['next_response_missed']);
    }
    expect(await alertsOf(caseId, '2026-03-23T10:40:00Z')).toEqual([
      expect.objectContaining({ kind: 'next_response_missed', dueAt: '2026-03-23T10:30:00.000Z' }),
    ]);

    // Answered, then missed again: the case stays escalated as it was, and the new miss is told once more.
    await reply(caseId, '2026-03-23T10:45:00Z');
    expect(await alertsOf(caseId, '2026-03-23T10:46:00Z')).toEqual([]);
    await write(caseId, 'inbound', HOSTILE, '2026-03-23T11:00:00Z');
    await escalateOverdue(t.database.db, new Date('2026-03-23T12:00:00Z'));
    await escalateOverdue(t.database.db, new Date('2026-03-23T12:01:00Z'));
    expect((await detail(caseId)).escalatedAt).toBe('2026-03-23T10:31:00.000Z');
    expect(await told('supervisor')).toEqual(['next_response_missed', 'next_response_missed']);
  });
});
