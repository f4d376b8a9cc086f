import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../alerts/alerts.service.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { verifyAllLogs } from './evidence.ts';
import { appendInteraction, readCaseWithSettings } from './interactions.service.ts';

describe.each(TEST_DATABASES)('cases on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function openCase(body: string, name = 'Anna Nowak', email = 'anna@example.test') {
    const response = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name, email }, channel: 'email', subject: 'Reklamacja', message: { body } },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it('analyses the first message and tightens the first-response target for an angry customer', async () => {
    const created = await openCase(
      'Jesteście oszustami! Trzeci raz piszę, oddajcie pieniądze albo idę do UOKiK!',
    );
    expect(created.interactions).toHaveLength(1);
    expect(created.interactions[0].analysis.flags).toEqual(
      expect.arrayContaining(['insult', 'refund_demand', 'threat_legal']),
    );
    expect(created.level).toBe('hostile');
    const dueMinutes = (Date.parse(created.firstResponseDueAt) - t.clock.now.getTime()) / 60_000;
    expect(dueMinutes).toBe(30);
    const calm = await openCase(
      'Dzień dobry, chciałabym przesunąć wizytę na przyszły tydzień.',
      'Ola',
      'ola@example.test',
    );
    expect(calm.level).toBe('calm');
    expect((Date.parse(calm.firstResponseDueAt) - t.clock.now.getTime()) / 60_000).toBe(24 * 60);
    expect(created.priority).toBeGreaterThan(calm.priority);
  });

  it("shows a customer with each of their cases as the case's own detail shows it, newest first", async () => {
    const first = await openCase('Gdzie jest moje zamówienie?', 'Iga', 'iga@example.test');
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const second = await openCase('Nadal nic, oddajcie pieniądze!', 'Iga', 'iga@example.test');
    await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${first.id}/interactions`,
      payload: { kind: 'note', body: 'Sprawdzam u kuriera.' },
    });
    const customer = (
      await t.as('agent', { method: 'GET', url: `/api/customers/${first.customer.id}` })
    ).json();
    const detail = async (id: string) =>
      (await t.as('agent', { method: 'GET', url: `/api/cases/${id}` })).json();
    expect(customer.cases).toEqual([await detail(second.id), await detail(first.id)]);
    expect(customer.cases[1].interactions).toHaveLength(2);
  });

  it('records an abusive message as an incident against the staff member holding the case', async () => {
    const created = await openCase('Spokojnie piszę: gdzie jest zamówienie?', 'Rafał', 'rafal@example.test');
    await t.as('agent', {
      method: 'PATCH',
      url: `/api/cases/${created.id}`,
      payload: { assignee: t.users.agent.id },
    });
    const url = `/api/cases/${created.id}/interactions`;
    await t.as('agent', {
      method: 'POST',
      url,
      payload: { kind: 'inbound', body: 'Jesteście bandą idiotów, kurwa!' },
    });
    const incidents = await t.database.db
      .selectFrom('abuse_incidents')
      .selectAll()
      .where('case_id', '=', created.id)
      .execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.target_user_id).toBe(t.users.agent.id);
    expect(incidents[0]?.flags).toEqual(expect.arrayContaining(['insult', 'profanity']));
  });

  it('matches the customer by e-mail instead of creating a second one', async () => {
    const first = await openCase('Paczka nie doszła.', 'Jan', 'jan@example.test');
    const second = await openCase('Dalej nic.', 'Jan Kowalski', 'JAN@example.test');
    expect(second.customer.id).toBe(first.customer.id);
  });

  it('lists cases by priority with a cursor that visits each case once', async () => {
    for (let i = 0; i < 5; i++)
      await openCase(`Wiadomość numer ${i}, proszę o kontakt.`, `K${i}`, `k${i}@example.test`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let previous = Number.POSITIVE_INFINITY;
    do {
      const url: string = `/api/cases?sort=priority&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as('agent', { method: 'GET', url })).json();
      for (const item of page.items) {
        expect(item.priority).toBeLessThanOrEqual(previous);
        previous = item.priority;
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const total = await t.database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(seen).toHaveLength(Number(total.n));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a reply with block findings, lets a supervisor override, and logs the override', async () => {
    const created = await openCase('Fryzura jest okropna, chcę zwrotu pieniędzy.', 'Ewa', 'ewa@example.test');
    const url = `/api/cases/${created.id}/interactions`;
    const hostile = { kind: 'outbound', body: 'Jest Pani idiotką.' };
    const refused = await t.as('agent', { method: 'POST', url, payload: hostile });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.findings.map((f: { rule: string }) => f.rule)).toContain('hostility');
    const agentOverride = await t.as('agent', {
      method: 'POST',
      url,
      payload: { ...hostile, override: true },
    });
    expect(agentOverride.statusCode).toBe(403);
    const supervisorOverride = await t.as('supervisor', {
      method: 'POST',
      url,
      payload: { ...hostile, override: true },
    });
    expect(supervisorOverride.statusCode).toBe(201);
    const auditUrl = `/api/audit?target=${created.id}`;
    expect((await t.as('agent', { method: 'GET', url: auditUrl })).statusCode).toBe(403);
    const audit = (await t.as('supervisor', { method: 'GET', url: auditUrl })).json().items;
    expect(audit.filter((a: { action: string }) => a.action === 'reply.override')).toHaveLength(1);
  });

  it('turns a promise in a sent reply into a dated commitment and marks the first response', async () => {
    const created = await openCase(
      'Nikt nie odbiera telefonu, proszę o kontakt.',
      'Piotr',
      'piotr@example.test',
    );
    const reply = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${created.id}/interactions`,
      payload: { kind: 'outbound', body: 'Przepraszam za kłopot. Oddzwonię jutro do 16:00.' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().coaching.findings).toEqual([]);
    const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
    expect(detail.commitments).toHaveLength(1);
    // 2026-03-02 09:00Z is 10:00 in Warsaw; "tomorrow by 16:00" is 2026-03-03 16:00 Warsaw = 15:00Z.
    expect(detail.commitments[0]).toMatchObject({
      who: 'us',
      dueAt: '2026-03-03T15:00:00.000Z',
      status: 'open',
    });
    expect(detail.status).toBe('waiting_customer');
    expect(detail.firstRespondedAt).toBe(t.clock.now.toISOString());
  });

  it("times a later message's first response by the organisation's saved targets", async () => {
    const saveTargets = (hostile: number) =>
      t.as('owner', {
        method: 'PATCH',
        url: '/api/settings',
        payload: { firstResponseMinutes: { calm: 24 * 60, upset: 8 * 60, angry: 60, hostile } },
      });
    expect((await saveTargets(15)).statusCode).toBe(200);
    try {
      const created = await openCase('Dzień dobry, pytanie o termin.', 'Ewa', 'ewa@example.test');
      const response = await t.as('agent', {
        method: 'POST',
        url: `/api/cases/${created.id}/interactions`,
        payload: { kind: 'inbound', body: 'Jesteście oszustami! Oddajcie pieniądze albo idę do UOKiK!' },
      });
      expect(response.statusCode).toBe(201);
      const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
      expect(detail.level).toBe('hostile');
      expect((Date.parse(detail.firstResponseDueAt) - t.clock.now.getTime()) / 60_000).toBe(15);
    } finally {
      await saveTargets(30);
    }
  });

  it('verifies an intact chain and finds the entry someone altered', async () => {
    const created = await openCase('Pierwsza wiadomość.', 'Zofia', 'zofia@example.test');
    const url = `/api/cases/${created.id}/interactions`;
    await t.as('agent', { method: 'POST', url, payload: { kind: 'note', body: 'Klientka dzwoniła.' } });
    await t.as('agent', { method: 'POST', url, payload: { kind: 'inbound', body: 'Druga wiadomość.' } });
    const intact = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}/verify` })).json();
    expect(intact).toEqual({ ok: true, entries: 3 });
    const db = t.database.db;
    await expect(
      db.updateTable('interactions').set({ body: 'zmienione' }).where('case_id', '=', created.id).execute(),
    ).rejects.toThrow(/append-only/);
    await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_append_only`.execute(db);
    await db
      .updateTable('interactions')
      .set({ body: 'zmienione' })
      .where('case_id', '=', created.id)
      .where('seq', '=', 2)
      .execute();
    await sql`ALTER TABLE interactions ENABLE TRIGGER interactions_append_only`.execute(db);
    const broken = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}/verify` })).json();
    expect(broken).toEqual({ ok: false, entries: 3, brokenAt: 2, problem: 'altered' });
    expect((await verifyAllLogs(db)).broken).toEqual([
      { caseId: created.id, brokenAt: 2, problem: 'altered' },
    ]);
  });

  it('writes nothing from a stale read of a case, and retries such a write from a fresh one', async () => {
    const created = await openCase('Paczka nie dotarła.', 'Ewa', 'ewa@example.test');
    const db = t.database.db;
    const stale = await readCaseWithSettings(db, created.id);
    const url = `/api/cases/${created.id}/interactions`;
    await t.as('agent', { method: 'POST', url, payload: { kind: 'note', body: 'Sprawdzam u kuriera.' } });
    const auditRows = async () =>
      (await db.selectFrom('audit_log').select('id').where('target_id', '=', created.id).execute()).length;
    const auditBefore = await auditRows();
    await expect(
      appendInteraction(db, CLI_ACTOR, stale, { kind: 'inbound', body: 'Oddajcie pieniądze!' }, t.clock.now),
    ).rejects.toMatchObject({ code: '40001' });
    expect(await auditRows()).toBe(auditBefore);
    const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
    expect(detail.interactions.map((i: { seq: number }) => i.seq)).toEqual([1, 2]);
    expect(detail.flags).not.toContain('refund_demand');

    // Messages racing each other on one case: each is read, analysed and written; none is lost.
    const bodies = [
      'Kurier zgubił moją paczkę!',
      'Faktura jest źle wystawiona, policzyliście za dużo.',
      'Wasz konsultant był wobec mnie bardzo niegrzeczny.',
      'Aplikacja się zawiesza przy płatności.',
      'Nikt nie odpowiada na moje maile od tygodnia.',
      'Oddajcie pieniądze albo idę do rzecznika.',
    ];
    const answers = await Promise.all(
      bodies.map((body) => t.as('agent', { method: 'POST', url, payload: { kind: 'inbound', body } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(bodies.map(() => 201));
    const after = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
    expect(after.interactions.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const inbound = after.interactions.filter((i: { kind: string }) => i.kind === 'inbound');
    const union = (pick: (a: { flags: string[]; problems: { category: string }[] }) => string[]) =>
      [...new Set(inbound.flatMap((i: { analysis: never }) => pick(i.analysis)))].sort();
    expect([...after.flags].sort()).toEqual(union((a) => a.flags));
    expect([...after.problems].sort()).toEqual(union((a) => a.problems.map((p) => p.category)));
    expect(after.problems.length).toBeGreaterThanOrEqual(4);
    const verdict = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}/verify` })).json();
    expect(verdict).toEqual({ ok: true, entries: 8 });
  });

  it('writes a message with the targets and the assignee of the moment, not those it remembered', async () => {
    const created = await openCase('Dzień dobry, kiedy przyjdzie kurier?', 'Lena', 'lena@example.test');
    const url = `/api/cases/${created.id}/interactions`;
    const post = (body: string) => t.as('agent', { method: 'POST', url, payload: { kind: 'inbound', body } });
    const saveHostileTarget = (hostile: number) =>
      t.as('owner', {
        method: 'PATCH',
        url: '/api/settings',
        payload: { firstResponseMinutes: { calm: 24 * 60, upset: 8 * 60, angry: 60, hostile } },
      });
    // Each time, this process first remembers the case as it wrote it; then something else changes.
    expect((await post('Czekam już trzeci dzień.')).statusCode).toBe(201);
    expect((await saveHostileTarget(10)).statusCode).toBe(200);
    try {
      expect((await post('Jesteście oszustami! Oddajcie pieniądze!')).statusCode).toBe(201);
      const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
      expect(detail.level).toBe('hostile');
      expect((Date.parse(detail.firstResponseDueAt) - t.clock.now.getTime()) / 60_000).toBe(10);
    } finally {
      await saveHostileTarget(30);
    }

    expect((await post('Czekam dalej.')).statusCode).toBe(201);
    await t.as('agent', {
      method: 'PATCH',
      url: `/api/cases/${created.id}`,
      payload: { assignee: t.users.supervisor.id },
    });
    expect((await post('Jesteście bandą idiotów, kurwa!')).statusCode).toBe(201);
    const incidents = await t.database.db
      .selectFrom('abuse_incidents')
      .select('target_user_id')
      .where('case_id', '=', created.id)
      .where('target_user_id', 'is not', null)
      .execute();
    expect(incidents).toEqual([{ target_user_id: t.users.supervisor.id }]);
  });

  it('holds a cash refund over the limit for a supervisor', async () => {
    const created = await openCase('Chcę zwrotu 500 zł.', 'Marek', 'marek@example.test');
    const proposed = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${created.id}/compensations`,
      payload: { kind: 'cash_refund', amount: 500 },
    });
    expect(proposed.json()).toMatchObject({ status: 'proposed', amount: 500, currency: 'PLN' });
    const url = `/api/compensations/${proposed.json().id}/decision`;
    expect((await t.as('agent', { method: 'POST', url, payload: { decision: 'approve' } })).statusCode).toBe(
      403,
    );
    const approved = await t.as('supervisor', { method: 'POST', url, payload: { decision: 'approve' } });
    expect(approved.json().status).toBe('approved');
    const small = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${created.id}/compensations`,
      payload: { kind: 'voucher', amount: 50 },
    });
    expect(small.json().status).toBe('approved');
  });

  it('keeps compensation amounts exact and refuses amounts that do not fit their currency, naming the field', async () => {
    const created = await openCase('Proszę o zwrot.', 'Ola', 'ola@example.test');
    const propose = (payload: Record<string, unknown>) =>
      t.as('agent', { method: 'POST', url: `/api/cases/${created.id}/compensations`, payload });
    const exact = await propose({ kind: 'discount', amount: 19.99, currency: 'EUR' });
    expect(exact.statusCode).toBe(201);
    expect(exact.body).toContain('"amount":19.99,"currency":"EUR"');
    const yen = await propose({ kind: 'voucher', amount: 1500, currency: 'JPY' });
    expect(yen.json()).toMatchObject({ amount: 1500, currency: 'JPY' });
    // Under the 200 PLN limit in number, but in euro: with no exchange rate it waits for a supervisor.
    const euros = await propose({ kind: 'cash_refund', amount: 10, currency: 'EUR' });
    expect(euros.json()).toMatchObject({ status: 'proposed', amount: 10, currency: 'EUR' });
    for (const [payload, path] of [
      [{ kind: 'discount', amount: 19.999 }, 'body.amount'],
      [{ kind: 'discount', amount: 10.5, currency: 'JPY' }, 'body.amount'],
      [{ kind: 'discount', amount: 1.2345, currency: 'KWD' }, 'body.amount'],
      [{ kind: 'discount', amount: -1 }, 'body.amount'],
      [{ kind: 'discount', amount: '12' }, 'body.amount'],
      [{ kind: 'discount', amount: 12, currency: 'XYZ' }, 'body.currency'],
      [{ kind: 'discount', amount: 12, currency: 'pln' }, 'body.currency'],
    ] as const) {
      const refused = await propose(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error.path, JSON.stringify(payload)).toBe(path);
    }
    for (const [policy, path] of [
      [{ prefer: [], cashRefundLimit: 200.555, currency: 'PLN' }, 'body.compensationPolicy.cashRefundLimit'],
      [{ prefer: [], cashRefundLimit: 200.5, currency: 'JPY' }, 'body.compensationPolicy.cashRefundLimit'],
      [{ prefer: [], cashRefundLimit: 200, currency: 'ABC' }, 'body.compensationPolicy.currency'],
    ] as const) {
      const refused = await t.as('owner', {
        method: 'PATCH',
        url: '/api/settings',
        payload: { compensationPolicy: policy },
      });
      expect(refused.statusCode, JSON.stringify(policy)).toBe(400);
      expect(refused.json().error.path, JSON.stringify(policy)).toBe(path);
    }
  });

  it('lists a missed first response; the sweep escalates it to the supervisors while the agent keeps the case', async () => {
    const created = await openCase('Kurwa, gdzie jest moje zamówienie?!', 'Adam', 'adam@example.test');
    await t.as('supervisor', {
      method: 'PATCH',
      url: `/api/cases/${created.id}`,
      payload: { assignee: t.users.agent.id },
    });
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 2 * 3_600_000);
    try {
      const alerts = (await t.as('supervisor', { method: 'GET', url: '/api/alerts' })).json().items;
      const mine = alerts.filter((a: { caseId: string }) => a.caseId === created.id);
      expect(mine.map((a: { kind: string }) => a.kind)).toContain('first_response_missed');
      // Reading the alerts changes nothing: escalating is the sweep's work.
      const read = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
      expect(read.escalatedAt).toBeNull();

      await escalateOverdue(t.database.db, t.clock.now);
      const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
      expect(detail.escalatedAt).toBe(t.clock.now.toISOString());
      expect(detail.escalationReason).toBe('first_response_missed');
      expect(detail.assignee.id).toBe(t.users.agent.id);
      const queue = (await t.as('supervisor', { method: 'GET', url: '/api/cases?escalated=true' })).json();
      expect(queue.items.map((c: { id: string }) => c.id)).toContain(created.id);
      // A second sweep escalates nothing again.
      expect(await escalateOverdue(t.database.db, t.clock.now)).toBe(0);
    } finally {
      t.clock.now = saved;
    }
  });

  it('names the bad field, refuses unknown fields and stores injection strings verbatim', async () => {
    const missing = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name: 'X' }, subject: 'S' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.path).toBe('body.channel');
    const unknown = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name: 'X' }, subject: 'S', channel: 'email', hacker: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('hacker');
    const evil = `'); DROP TABLE cases; -- <script>alert(1)</script> ${'\u202e'}`;
    const created = await openCase(evil, evil, 'evil@example.test');
    const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${created.id}` })).json();
    expect(detail.interactions[0].body).toBe(evil);
    expect(detail.customer.name).toBe(evil);
  });

  it('refuses invalid UTF-8, lone surrogates and oversized bodies with 4xx', async () => {
    const created = await openCase('Dzień dobry.', 'Bad', 'bad@example.test');
    const url = `/api/cases/${created.id}/interactions`;
    const invalid = Buffer.concat([
      Buffer.from('{"kind":"inbound","body":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const utf8 = await t.as('agent', {
      method: 'POST',
      url,
      payload: invalid,
      headers: { 'content-type': 'application/json' },
    });
    expect(utf8.statusCode).toBe(400);
    expect(utf8.json().error.message).toMatch(/UTF-8/);
    const surrogate = await t.as('agent', {
      method: 'POST',
      url,
      payload: '{"kind":"inbound","body":"a\\ud800b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error.path).toBe('body');
    const huge = await t.as('agent', {
      method: 'POST',
      url,
      payload: { kind: 'inbound', body: 'x'.repeat(2_000_000) },
    });
    expect(huge.statusCode).toBe(413);
    const entries = await t.database.db
      .selectFrom('interactions')
      .select('id')
      .where('case_id', '=', created.id)
      .execute();
    expect(entries).toHaveLength(1);
  });
});
