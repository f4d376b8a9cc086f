import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../alerts/alerts.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('a morning on a case on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function openCase(name: string, body: string, as: 'as' | 'asUser' = 'as') {
    const response = await t[as]('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name, email: `${name.toLowerCase()}@example.test` },
        channel: 'phone',
        subject: `Sprawa ${name}`,
        message: { body },
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  const log = (id: string, payload: Record<string, unknown>) =>
    t.as('agent', { method: 'POST', url: `/api/cases/${id}/interactions`, payload });

  it('gives a case typed in by a signed-in agent to that agent, and one sent by a token to nobody', async () => {
    const mine = await openCase('Zofia', 'Dzwonię w sprawie faktury.', 'asUser');
    expect(mine.assignee).toEqual({ id: t.users.agent.id, name: 'Test agent' });
    const integration = await openCase('Witold', 'Piszę przez formularz.');
    expect(integration.assignee).toBeNull();
  });

  it("lists an agent's own and nobody's cases with assignee=me_or_none, and never a colleague's", async () => {
    const mine = await openCase('Marek', 'Gdzie moja paczka?', 'asUser');
    const nobodys = await openCase('Nina', 'Gdzie moja paczka?');
    const colleagues = await openCase('Olga', 'Gdzie moja paczka?');
    await t.as('supervisor', {
      method: 'PATCH',
      url: `/api/cases/${colleagues.id}`,
      payload: { assignee: t.users.supervisor.id },
    });
    const page = (await t.asUser('agent', { method: 'GET', url: '/api/cases?assignee=me_or_none&limit=200' }))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(page).toContain(mine.id);
    expect(page).toContain(nobodys.id);
    expect(page).not.toContain(colleagues.id);
    // Taking the case and giving it back.
    const taken = await t.asUser('agent', {
      method: 'PATCH',
      url: `/api/cases/${nobodys.id}`,
      payload: { assignee: t.users.agent.id },
    });
    expect(taken.json().assignee.id).toBe(t.users.agent.id);
    const released = await t.asUser('agent', {
      method: 'PATCH',
      url: `/api/cases/${nobodys.id}`,
      payload: { assignee: null },
    });
    expect(released.json().assignee).toBeNull();
  });

  it("analyses a customer's text logged by hand like any message and keeps how it reached us in the log", async () => {
    const created = await openCase('Piotr', 'Dzień dobry, mam pytanie o wizytę.');
    const logged = await log(created.id, {
      kind: 'inbound',
      via: 'phone_text',
      body: 'Jesteście oszustami! Oddajcie pieniądze, wyślę jutro do 12:00 zdjęcia.',
    });
    expect(logged.statusCode).toBe(201);
    const entry = logged.json();
    expect(entry.via).toBe('phone_text');
    expect(entry.call).toBeNull();
    expect(entry.analysis.flags).toEqual(expect.arrayContaining(['insult', 'refund_demand']));
    const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
    expect(detail.flags).toEqual(expect.arrayContaining(['insult', 'refund_demand']));
    expect(detail.level).toBe('hostile');
    expect(detail.commitments.map((c: { who: string }) => c.who)).toContain('customer');
    expect(detail.interactions.at(-1).via).toBe('phone_text');
    const verdict = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}/verify` })).json();
    expect(verdict).toEqual({ ok: true, entries: 2 });
  });

  it('logs a phone call with its direction and minutes, chained into the evidence log', async () => {
    const created = await openCase('Rita', 'Proszę o telefon.');
    const call = await log(created.id, {
      kind: 'call',
      body: 'Klientka potwierdziła termin naprawy.',
      call: { direction: 'outbound', minutes: 12 },
    });
    expect(call.statusCode).toBe(201);
    expect(call.json()).toMatchObject({
      kind: 'call',
      call: { direction: 'outbound', minutes: 12 },
      via: null,
    });
    const verdict = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}/verify` })).json();
    expect(verdict).toEqual({ ok: true, entries: 2 });
    // A changed length breaks the chain: it is a fact the hash covers.
    await t.database.db.executeQuery({
      sql: 'ALTER TABLE interactions DISABLE TRIGGER interactions_append_only',
      parameters: [],
    } as never);
    try {
      await t.database.db
        .updateTable('interactions')
        .set({ call_minutes: 2 })
        .where('case_id', '=', created.id)
        .where('kind', '=', 'call')
        .execute();
    } finally {
      await t.database.db.executeQuery({
        sql: 'ALTER TABLE interactions ENABLE TRIGGER interactions_append_only',
        parameters: [],
      } as never);
    }
    const broken = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}/verify` })).json();
    expect(broken).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('refuses a call length on a note and a way in on a reply, naming the field', async () => {
    const created = await openCase('Sara', 'Pytanie.');
    const note = await log(created.id, {
      kind: 'note',
      body: 'x',
      call: { direction: 'inbound', minutes: 3 },
    });
    expect(note.statusCode).toBe(400);
    expect(note.json().error.path).toBe('body.call');
    const reply = await log(created.id, { kind: 'outbound', body: 'Dzień dobry.', via: 'social' });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.path).toBe('body.via');
  });

  it('lists open promises with their case, overdue first; keeping the overdue one lifts its escalation', async () => {
    const saved = t.clock.now;
    try {
      const created = await openCase('Tomasz', 'Zepsuł się zamek w drzwiach.', 'asUser');
      const reply = await t.asUser('agent', {
        method: 'POST',
        url: `/api/cases/${created.id}/interactions`,
        payload: { kind: 'outbound', body: 'Przepraszam za kłopot. Oddzwonię jutro do 16:00. Anna' },
      });
      expect(reply.statusCode).toBe(201);
      await log(created.id, { kind: 'inbound', body: 'Dobrze, wyślę zdjęcia w piątek do 12:00.' });
      // Two days on, our promise is overdue and the sweep escalates the case for it.
      t.clock.now = new Date(saved.getTime() + 2 * 86_400_000);
      await escalateOverdue(t.database.db, t.clock.now);
      const escalated = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
      expect(escalated.escalationReason).toBe('commitment_overdue');

      const list = (await t.asUser('agent', { method: 'GET', url: '/api/commitments?status=open&mine=true' }))
        .json()
        .items.filter((c: { caseId: string }) => c.caseId === created.id);
      expect(list.map((c: { who: string }) => c.who)).toEqual(['us', 'customer']);
      expect(list[0].case).toEqual({
        id: created.id,
        subject: 'Sprawa Tomasz',
        customer: { id: created.customer.id, name: 'Tomasz' },
        assignee: { id: t.users.agent.id, name: 'Test agent' },
      });
      const theirs = (
        await t.asUser('supervisor', { method: 'GET', url: '/api/commitments?mine=true' })
      ).json();
      expect(theirs.items.map((c: { caseId: string }) => c.caseId)).not.toContain(created.id);

      const kept = await t.asUser('agent', {
        method: 'PATCH',
        url: `/api/commitments/${list[0].id}`,
        payload: { status: 'kept' },
      });
      expect(kept.json().status).toBe('kept');
      const after = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
      expect(after.escalatedAt).toBeNull();
      expect(after.escalationReason).toBeNull();
      const alerts = (await t.as('supervisor', { method: 'GET', url: '/api/alerts' })).json().items;
      const promiseAlerts = alerts.filter(
        (a: { caseId: string; kind: string }) => a.caseId === created.id && a.kind === 'commitment_overdue',
      );
      expect(promiseAlerts).toEqual([]);

      const cancelled = await t.asUser('agent', {
        method: 'PATCH',
        url: `/api/commitments/${list[1].id}`,
        payload: { status: 'cancelled' },
      });
      expect(cancelled.json().status).toBe('cancelled');
      const open = (await t.as('agent', { method: 'GET', url: '/api/commitments?status=open' })).json().items;
      expect(open.map((c: { caseId: string }) => c.caseId)).not.toContain(created.id);
    } finally {
      t.clock.now = saved;
    }
  });

  it('keeps a manual escalation when a promise is kept', async () => {
    const created = await openCase('Urszula', 'Proszę o kontakt.', 'asUser');
    await t.asUser('agent', {
      method: 'POST',
      url: `/api/cases/${created.id}/interactions`,
      payload: { kind: 'outbound', body: 'Przepraszam. Oddzwonię jutro do 16:00. Anna' },
    });
    await t.asUser('agent', {
      method: 'PATCH',
      url: `/api/cases/${created.id}`,
      payload: { escalate: true },
    });
    const [promise] = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json()
      .commitments;
    await t.asUser('agent', {
      method: 'PATCH',
      url: `/api/commitments/${promise.id}`,
      payload: { status: 'kept' },
    });
    const after = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
    expect(after.escalationReason).toBe('manual');
  });

  it('counts abuse that came while nobody held the case for the colleague who answered it', async () => {
    const from = t.clock.now.toISOString().slice(0, 10);
    const exposure = async () => {
      const url = `/api/analytics/abuse-exposure?from=${from}&to=${from}`;
      const rows = (await t.as('supervisor', { method: 'GET', url })).json().byAgent;
      const of = (id: string | null) =>
        rows.find((r: { agentId: string | null }) => r.agentId === id)?.incidents ?? 0;
      return { nobody: of(null), supervisor: of(t.users.supervisor.id) };
    };
    const created = await openCase('Wiktor', 'Ty idioto, gdzie jest moja kasa?!');
    expect(created.assignee).toBeNull();
    const before = await exposure();
    await t.asUser('supervisor', {
      method: 'POST',
      url: `/api/cases/${created.id}/interactions`,
      payload: {
        kind: 'call',
        body: 'Rozmowa, klient się uspokoił.',
        call: { direction: 'outbound', minutes: 5 },
      },
    });
    const after = await exposure();
    expect(after).toEqual({ nobody: before.nobody - 1, supervisor: before.supervisor + 1 });
  });
});
