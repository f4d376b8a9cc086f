import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

const DAY = 86_400_000;

describe.each(TEST_DATABASES)('customer profiles on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('joins bookings, invoices and cases into types with evidence and stats', async () => {
    const customer = (
      await t.as('agent', {
        method: 'POST',
        url: '/api/customers',
        payload: { name: 'Kasia Wiśniewska', email: 'kasia@example.test', language: 'pl' },
      })
    ).json();
    const now = t.clock.now.getTime();
    const db = t.database.db;
    const start = new Date(now - 10 * DAY);
    await db
      .insertInto('bookings')
      .values([
        {
          id: newId(),
          customer_id: customer.id,
          service: 'Manicure',
          starts_at: start,
          status: 'cancelled',
          cancelled_at: new Date(start.getTime() - 2 * 3_600_000),
          updated_at: t.clock.now,
        },
        {
          id: newId(),
          customer_id: customer.id,
          service: 'Pedicure',
          starts_at: new Date(now - 20 * DAY),
          status: 'late_cancelled',
          updated_at: t.clock.now,
        },
        {
          id: newId(),
          customer_id: customer.id,
          service: 'Manicure',
          starts_at: new Date(now - 30 * DAY),
          status: 'attended',
          updated_at: t.clock.now,
        },
      ])
      .execute();
    await db
      .insertInto('invoices')
      .values([
        {
          id: newId(),
          external_id: 'FV/7/2026',
          customer_id: customer.id,
          amount_minor: 15000,
          currency: 'PLN',
          issued_at: new Date(now - 30 * DAY),
          paid_at: new Date(now - 29 * DAY),
          updated_at: t.clock.now,
        },
        {
          id: newId(),
          customer_id: customer.id,
          amount_minor: 8000,
          currency: 'PLN',
          issued_at: new Date(now - 50 * DAY),
          due_at: new Date(now - 40 * DAY),
          updated_at: t.clock.now,
        },
      ])
      .execute();
    const profile = await t.as('agent', { method: 'GET', url: `/api/customers/${customer.id}/profile` });
    expect(profile.statusCode).toBe(200);
    const body = profile.json();
    expect(body.customer.id).toBe(customer.id);
    const types = Object.fromEntries(body.types.map((x: { type: string }) => [x.type, x]));
    expect(types.serial_canceller.params).toMatchObject({
      lateCancellations: 2,
      noShows: 0,
      noticeHours: 24,
    });
    expect(types.serial_canceller.evidence.every((e: { kind: string }) => e.kind === 'booking')).toBe(true);
    expect(types.non_payer.params).toMatchObject({
      overdue: 1,
      outstanding: [{ currency: 'PLN', amount: 80 }],
    });
    // The only paying customer is in the top fifth.
    expect(types.valued.params).toMatchObject({ rank: 1, payingCustomers: 1 });
    expect(body.stats.revenue).toEqual({ last12Months: { PLN: 150 }, total: { PLN: 150 } });
    expect(body.stats.unpaid).toEqual({
      amount: { PLN: 80 },
      overdueAmount: { PLN: 80 },
      invoices: 1,
      overdueInvoices: 1,
    });
    expect(body.stats.bookings).toMatchObject({
      attended: 1,
      cancelled: 1,
      late_cancelled: 1,
      lateCancellations: 2,
    });
    expect(body.satisfiedEarlier).toEqual([]);
  });

  it('surfaces earlier thanks when a late refund demand arrives', async () => {
    const created = (
      await t.as('agent', {
        method: 'POST',
        url: '/api/cases',
        payload: {
          customer: { name: 'Marek', email: 'marek@example.test' },
          channel: 'email',
          subject: 'Usługa',
          message: { body: 'Bardzo dziękuję, wszystko jest super, polecam!' },
        },
      })
    ).json();
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(saved.getTime() + 40 * DAY);
      await t.as('agent', {
        method: 'POST',
        url: `/api/cases/${created.id}/interactions`,
        payload: { kind: 'inbound', body: 'Jednak nie jestem zadowolony. Proszę o zwrot pieniędzy.' },
      });
      const body = (
        await t.as('agent', { method: 'GET', url: `/api/customers/${created.customer.id}/profile` })
      ).json();
      expect(body.satisfiedEarlier).toEqual([
        expect.objectContaining({ interactionId: created.interactions[0].id, reason: 'gratitude' }),
      ]);
    } finally {
      t.clock.now = saved;
    }
  });

  it('lets only the owner change the profile rules, merged over the defaults and validated', async () => {
    const url = '/api/settings/profile-rules';
    const defaults = (await t.as('agent', { method: 'GET', url })).json();
    expect(defaults.boundaries.cancellations).toEqual({
      windowDays: 180,
      depositAt: 2,
      depositPercent: 10,
      blockAt: 6,
    });
    const payload = { boundaries: { cancellations: { depositPercent: 20 } } };
    expect((await t.as('supervisor', { method: 'PATCH', url, payload })).statusCode).toBe(403);
    const saved = await t.as('owner', { method: 'PATCH', url, payload });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().boundaries.cancellations).toEqual({
      windowDays: 180,
      depositAt: 2,
      depositPercent: 20,
      blockAt: 6,
    });
    expect((await t.as('agent', { method: 'GET', url })).json().boundaries.cancellations.depositPercent).toBe(
      20,
    );
    const bad = await t.as('owner', {
      method: 'PATCH',
      url,
      payload: { types: { valued: { topShare: 3 } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toBe('types.valued.topShare');
    const unknown = await t.as('owner', { method: 'PATCH', url, payload: { nonsense: 1 } });
    expect(unknown.statusCode).toBe(400);
    const reset = await t.as('owner', { method: 'DELETE', url });
    expect(reset.json().boundaries.cancellations.depositPercent).toBe(10);
  });
});
