import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { addMonths, runRetention } from './retention.ts';

describe('addMonths', () => {
  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-03-02T09:00:00Z'), 12).toISOString()).toBe('2027-03-02T09:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe.each(TEST_DATABASES)('the retention period on %s', (kind) => {
  let t: TestApp;
  let quiet = '';
  let disputing = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const open = (name: string, email: string) =>
      t.as('agent', {
        method: 'POST',
        url: '/api/cases',
        payload: { customer: { name, email }, channel: 'email', subject: 'Reklamacja' },
      });
    const done = await open('Ewa Cicha', 'ewa@example.pl');
    quiet = done.json().customer.id;
    await t.as('owner', {
      method: 'PATCH',
      url: `/api/cases/${done.json().id}`,
      payload: { status: 'closed' },
    });
    disputing = (await open('Olaf Kłótnia', 'olaf@example.pl')).json().customer.id;
    // A customer row is dated by the wall clock: their activity is set to the test's day.
    await t.database.db.updateTable('customers').set({ updated_at: t.clock.now }).execute();
  }, 120_000);
  afterAll(() => t?.close());

  const report = () => t.as('owner', { method: 'GET', url: '/api/retention/report' });

  it('is off until the owner sets it, and only the owner sees the report', async () => {
    expect((await report()).json()).toEqual({ retentionMonths: null, items: [] });
    expect((await t.as('supervisor', { method: 'GET', url: '/api/retention/report' })).statusCode).toBe(403);
    const saved = await t.as('owner', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { retentionMonths: 12 },
    });
    expect(saved.json().retentionMonths).toBe(12);
    expect((await report()).json()).toEqual({ retentionMonths: 12, items: [] });
  });

  it('lists inactive customers with their holds, and erases only after a week in the report', async () => {
    t.clock.now = new Date('2027-03-05T09:00:00Z');
    const listed = (await report()).json().items;
    expect(listed.map((i: { customerId: string }) => i.customerId).sort()).toEqual([quiet, disputing].sort());
    const quietItem = listed.find((i: { customerId: string }) => i.customerId === quiet);
    expect(quietItem).toMatchObject({
      dueAt: '2027-03-02T09:00:00.000Z',
      eraseFrom: '2027-03-09T09:00:00.000Z',
      holds: [],
    });
    const held = listed.find((i: { customerId: string }) => i.customerId === disputing);
    expect(held.holds.map((h: { kind: string }) => h.kind)).toEqual(['open_case']);
    expect(await runRetention(t.database.db, t.clock.now)).toBe(0);

    t.clock.now = new Date('2027-03-10T09:00:00Z');
    expect(await runRetention(t.database.db, t.clock.now)).toBe(1);
    const erased = await t.as('owner', { method: 'GET', url: `/api/customers/${quiet}` });
    expect(erased.json().erasedAt).toBe('2027-03-10T09:00:00.000Z');
    const kept = await t.as('owner', { method: 'GET', url: `/api/customers/${disputing}` });
    expect(kept.json()).toMatchObject({ name: 'Olaf Kłótnia', erasedAt: null });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'retention.run')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: 'system', details: { months: 12, listed: 2, erased: [quiet] } });
  });

  it('waits a week after a shortened period before erasing anyone it newly reaches', async () => {
    const closed = await t.as('owner', {
      method: 'GET',
      url: `/api/cases?customer=${disputing}`,
    });
    const caseId = closed.json().items[0].id;
    await t.as('owner', { method: 'PATCH', url: `/api/cases/${caseId}`, payload: { status: 'closed' } });
    await t.as('owner', { method: 'PATCH', url: '/api/settings', payload: { retentionMonths: 1 } });
    t.clock.now = new Date('2027-05-10T09:00:00Z');
    await t.as('owner', { method: 'PATCH', url: '/api/settings', payload: { retentionMonths: 2 } });
    const item = (await report()).json().items[0];
    expect(item).toMatchObject({ customerId: disputing, eraseFrom: '2027-05-17T09:00:00.000Z', holds: [] });
    expect(await runRetention(t.database.db, t.clock.now)).toBe(0);
  });
});
