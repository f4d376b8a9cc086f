import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { announceRecommendations } from './boundaries.service.ts';

const DAY = 86_400_000;

describe.each(TEST_DATABASES)('boundaries on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function addCustomer(name: string, email: string, language?: string) {
    const response = await t.as('agent', {
      method: 'POST',
      url: '/api/customers',
      payload: { name, email, ...(language ? { language } : {}) },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  async function addNoShows(customerId: string, count: number) {
    for (let k = 0; k < count; k++) {
      await t.database.db
        .insertInto('bookings')
        .values({
          id: newId(),
          customer_id: customerId,
          service: 'Koloryzacja',
          starts_at: new Date(t.clock.now.getTime() - (5 + 7 * k) * DAY),
          status: 'no_show',
          updated_at: t.clock.now,
        })
        .execute();
    }
  }

  async function abusiveMessage(caseId: string, body: string) {
    const response = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'inbound', body },
    });
    expect(response.statusCode).toBe(201);
  }

  const get = (url: string) => t.as('agent', { method: 'GET', url });

  it('finds a customer by e-mail for a booking system, and says "none" before any decision', async () => {
    const id = await addCustomer('Anna Nowak', 'anna.nowak@example.test', 'pl');
    const found = (await get('/api/customers?email=ANNA.NOWAK@example.test')).json();
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await get(`/api/customers/${id}/standing`)).json()).toEqual({
      level: 'none',
      canBookOnline: true,
      depositRequired: false,
      prepaymentRequired: false,
      reasons: [],
    });
  });

  it('tells the supervisors and the owner once of a boundary the rules recommend for a customer whose case moved', async () => {
    const id = await addCustomer('Marek Zając', 'marek.z@example.test', 'pl');
    await addNoShows(id, 2);
    const opened = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Marek Zając', email: 'marek.z@example.test' },
        channel: 'phone',
        subject: 'Kolejna rezerwacja',
        message: { body: 'Chcę zarezerwować wizytę na sobotę.' },
      },
    });
    expect(opened.json().customer.id).toBe(id);
    const told = () =>
      t.database.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['users.role', 'notifications.title', 'notifications.details'])
        .where('notifications.kind', '=', 'boundary_recommended')
        .where('notifications.title', '=', 'Marek Zając')
        .execute();
    expect(await announceRecommendations(t.database.db, t.clock.now, 10 * 60_000)).toBeGreaterThanOrEqual(2);
    const rows = await told();
    expect(rows.map((r) => r.role).sort()).toEqual(['owner', 'supervisor']);
    expect(rows[0]?.details).toEqual({
      customerId: id,
      rule: 'cancellations_deposit',
      level: 'deposit_required',
    });
    // The next run tells nobody again, and a customer whose cases did not move is not looked at.
    await announceRecommendations(t.database.db, t.clock.now, 10 * 60_000);
    expect(await told()).toHaveLength(2);
    expect(
      await announceRecommendations(t.database.db, new Date(t.clock.now.getTime() + DAY), 10 * 60_000),
    ).toBe(0);
  });

  it('recommends a deposit, refuses an agent, lets a supervisor confirm it with a Polish letter, and revokes it', async () => {
    const id = await addCustomer('Ewa Kowalska', 'ewa.k@example.test', 'pl');
    await addNoShows(id, 2);
    const recs = (await get(`/api/customers/${id}/recommendations`)).json().items;
    expect(recs.map((r: { rule: string; level: string }) => [r.rule, r.level])).toEqual([
      ['cancellations_deposit', 'deposit_required'],
    ]);
    const body = {
      level: 'deposit_required',
      reason: 'Two no-shows in six months',
      rule: 'cancellations_deposit',
    };
    const url = `/api/customers/${id}/boundaries`;
    expect((await t.as('agent', { method: 'POST', url, payload: body })).statusCode).toBe(403);
    const confirmed = await t.as('supervisor', { method: 'POST', url, payload: body });
    expect(confirmed.statusCode).toBe(201);
    const decision = confirmed.json();
    expect(decision).toMatchObject({ level: 'deposit_required', outcome: 'confirmed', state: 'active' });
    // Test requests carry role-bound API tokens: the decider is the token, named as in the audit log.
    expect(decision.decidedBy).toEqual({ id: expect.stringMatching(/^token:/), name: null });
    expect(decision.evidence).toHaveLength(2);
    expect(Date.parse(decision.expiresAt) - t.clock.now.getTime()).toBe(180 * DAY);
    expect(decision.letter.lang).toBe('pl');
    expect(decision.letter.body).toContain('2 razy zdarzyło się');
    expect(decision.letter.body).toContain('zadatku w wysokości 10% ceny usługi');

    const standing = (await get(`/api/customers/${id}/standing`)).json();
    expect(standing).toMatchObject({ level: 'deposit_required', canBookOnline: true, depositRequired: 10 });
    expect(standing.reasons).toEqual([
      {
        decisionId: decision.id,
        level: 'deposit_required',
        reason: body.reason,
        expiresAt: decision.expiresAt,
      },
    ]);
    expect((await get(`/api/customers/${id}/recommendations`)).json().items).toEqual([]);

    const revokeUrl = `/api/boundaries/${decision.id}/revoke`;
    const payload = { reason: 'The salon cancelled one of those visits itself' };
    expect((await t.as('agent', { method: 'POST', url: revokeUrl, payload })).statusCode).toBe(403);
    const revoked = await t.as('owner', { method: 'POST', url: revokeUrl, payload });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      state: 'revoked',
      revokedBy: { id: expect.stringMatching(/^token:/) },
      revokeReason: payload.reason,
    });
    expect((await t.as('owner', { method: 'POST', url: revokeUrl, payload })).statusCode).toBe(409);
    expect((await get(`/api/customers/${id}/standing`)).json().level).toBe('none');
    // The same evidence was decided on: the rule stays quiet until a new no-show.
    expect((await get(`/api/customers/${id}/recommendations`)).json().items).toEqual([]);
    await addNoShows(id, 1);
    expect((await get(`/api/customers/${id}/recommendations`)).json().items).toHaveLength(1);

    const audit = (await t.as('owner', { method: 'GET', url: `/api/audit?target=${id}` })).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['boundary.confirm', 'boundary.revoke']),
    );
  });

  it('dismisses a warning for abuse until a new incident, which recommends ending the cooperation', async () => {
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Jüri Mets', email: 'jyri@example.test' },
        channel: 'email',
        subject: 'Tellimus',
        message: { body: 'Kus mu tellimus on?' },
      },
    });
    const caseId = created.json().id;
    const customerId = created.json().customer.id;
    await abusiveMessage(caseId, 'Te olete täielikud idioodid!');
    const recs = (await get(`/api/customers/${customerId}/recommendations`)).json().items;
    expect(recs.map((r: { rule: string }) => r.rule)).toEqual(['abuse_warning']);
    expect(recs[0].evidence[0].kind).toBe('incident');

    const dismissUrl = `/api/customers/${customerId}/recommendations/abuse_warning/dismiss`;
    const payload = { reason: 'A bad day after a lost parcel; he apologised by phone' };
    expect((await t.as('agent', { method: 'POST', url: dismissUrl, payload })).statusCode).toBe(403);
    const dismissed = await t.as('supervisor', { method: 'POST', url: dismissUrl, payload });
    expect(dismissed.statusCode).toBe(201);
    expect(dismissed.json()).toMatchObject({
      outcome: 'dismissed',
      state: 'dismissed',
      rule: 'abuse_warning',
    });
    expect((await get(`/api/customers/${customerId}/recommendations`)).json().items).toEqual([]);
    expect((await t.as('supervisor', { method: 'POST', url: dismissUrl, payload })).statusCode).toBe(409);

    await abusiveMessage(caseId, 'Idioodid, kõik te!');
    const again = (await get(`/api/customers/${customerId}/recommendations`)).json().items;
    expect(again.map((r: { rule: string; level: string }) => [r.rule, r.level])).toEqual([
      ['abuse_end', 'ended'],
    ]);

    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 60_000);
    const ended = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/boundaries`,
      payload: { level: 'ended', reason: 'Second abusive message', rule: 'abuse_end' },
    });
    expect(ended.statusCode).toBe(201);
    // No stored language: the letter follows the language of his messages.
    expect(ended.json().letter.lang).toBe('et');
    expect(ended.json().letter.body).toContain('2 korral');
    expect(ended.json().expiresAt).toBeNull();
    expect((await get(`/api/customers/${customerId}/standing`)).json()).toMatchObject({
      level: 'ended',
      canBookOnline: false,
    });
    const listed = (await get(`/api/customers/${customerId}/boundaries`)).json().items;
    expect(listed.map((d: { state: string }) => d.state)).toEqual(['active', 'dismissed']);
    t.clock.now = saved;
  });

  it('confirms a recommended boundary while the revenue ranking is out of date, ranking again in the same transaction', async () => {
    const id = await addCustomer('Maja Wróbel', 'maja.w@example.test', 'pl');
    await addNoShows(id, 2);
    expect((await get(`/api/customers/${id}/profile`)).statusCode).toBe(200);
    // A paid invoice since the last ranking, and the window moved on past the ranking's tolerance.
    await t.database.db
      .insertInto('invoices')
      .values({
        id: newId(),
        customer_id: id,
        amount_minor: 12_000,
        currency: 'PLN',
        issued_at: t.clock.now,
        paid_at: t.clock.now,
        updated_at: t.clock.now,
      })
      .execute();
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 20 * 60_000);
    try {
      const confirmed = await t.as('supervisor', {
        method: 'POST',
        url: `/api/customers/${id}/boundaries`,
        payload: { level: 'deposit_required', reason: 'Two no-shows', rule: 'cancellations_deposit' },
      });
      expect(confirmed.statusCode, confirmed.body).toBe(201);
      const state = await t.database.db
        .selectFrom('revenue_rank_state')
        .select(['ranked_at', 'ranked_version', 'invoices_version'])
        .executeTakeFirstOrThrow();
      expect(state.ranked_at?.getTime()).toBe(t.clock.now.getTime());
      expect(String(state.ranked_version)).toBe(String(state.invoices_version));
      const ranked = await t.database.db
        .selectFrom('revenue_ranks')
        .select(['revenue_minor'])
        .where('customer_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(ranked.revenue_minor)).toBe(12_000);
    } finally {
      t.clock.now = saved;
    }
  });

  it('lets a decision expire, after which the standing no longer carries it', async () => {
    const id = await addCustomer('Piotr Zieliński', 'piotr@example.test', 'en');
    const expiresAt = new Date(t.clock.now.getTime() + DAY).toISOString();
    const url = `/api/customers/${id}/boundaries`;
    const past = await t.as('supervisor', {
      method: 'POST',
      url,
      payload: { level: 'booking_blocked', reason: 'x', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    const created = await t.as('supervisor', {
      method: 'POST',
      url,
      payload: {
        level: 'booking_blocked',
        reason: 'Refused to pay the cancellation fee three times',
        expiresAt,
        evidence: [{ kind: 'booking', id: 'external-42', excerpt: 'Cut and colour, no-show' }],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().letter.body).toContain(
      'The reason for our decision: Refused to pay the cancellation fee three times',
    );
    expect(created.json().evidence).toEqual([
      { kind: 'booking', id: 'external-42', excerpt: 'Cut and colour, no-show' },
    ]);
    expect((await get(`/api/customers/${id}/standing`)).json()).toMatchObject({
      level: 'booking_blocked',
      canBookOnline: false,
    });
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(saved.getTime() + 2 * DAY);
      expect((await get(`/api/customers/${id}/standing`)).json().level).toBe('none');
      expect((await get(`/api/customers/${id}/boundaries`)).json().items[0].state).toBe('expired');
      const revoke = await t.as('owner', {
        method: 'POST',
        url: `/api/boundaries/${created.json().id}/revoke`,
        payload: { reason: 'late' },
      });
      expect(revoke.statusCode).toBe(409);
    } finally {
      t.clock.now = saved;
    }
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await get('/api/customers/nope/standing')).statusCode).toBe(404);
    expect((await get('/api/customers/nope/profile')).statusCode).toBe(404);
  });
});
