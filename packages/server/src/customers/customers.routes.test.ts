import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIntact, verifyEvidence } from '../evidence/evidence.service.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('PATCH /api/customers/:id corrects a customer (GDPR Art. 16)', () => {
  let t: TestApp;
  let id = '';

  beforeAll(async () => {
    t = await createTestApp('pglite');
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/customers',
      payload: { name: 'Kasia Nowka', email: 'kasia@example.pl' },
    });
    id = created.json().id;
    await t.as('agent', {
      method: 'POST',
      url: '/api/customers',
      payload: { name: 'Mari Tamm', email: 'mari@example.ee' },
    });
  }, 60_000);
  afterAll(() => t.close());

  it('replaces the name, e-mails and phones, normalised, and audits only which fields changed', async () => {
    const answer = await t.as('agent', {
      method: 'PATCH',
      url: `/api/customers/${id}`,
      payload: { name: 'Katarzyna Nowak', emails: ['K.Nowak@Example.pl'], phones: ['+48 600 100 200'] },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      name: 'Katarzyna Nowak',
      emails: ['k.nowak@example.pl'],
      phones: ['+48600100200'],
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'customer.update')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ changed: ['name', 'emails', 'phones'] });
  });

  it("refuses another customer's e-mail, an empty patch and an unknown customer", async () => {
    const taken = await t.as('agent', {
      method: 'PATCH',
      url: `/api/customers/${id}`,
      payload: { emails: ['mari@example.ee'] },
    });
    expect(taken.statusCode).toBe(409);
    const empty = await t.as('agent', { method: 'PATCH', url: `/api/customers/${id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
    const unknown = await t.as('agent', {
      method: 'PATCH',
      url: '/api/customers/nobody',
      payload: { name: 'X' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the customer directory and merging two customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    for (const [name, email, phone] of [
      ['Łukasz Żółtowski', 'lukasz@example.pl', '+48 600 700 800'],
      ['Mari Tõnisson', 'mari.t@example.ee', '+372 5555 1234'],
      ['Anna Nowak', 'anna@example.pl', '+48 601 000 111'],
    ] as const) {
      const answer = await t.as('agent', {
        method: 'POST',
        url: '/api/customers',
        payload: { name, email, phone },
      });
      expect(answer.statusCode).toBe(201);
    }
  }, 60_000);
  afterAll(() => t.close());

  const search = async (q: string, extra = '') =>
    (
      await t.as('agent', {
        method: 'GET',
        url: `/api/customers/directory?q=${encodeURIComponent(q)}${extra}`,
      })
    ).json();

  it('finds Polish and Estonian names typed without diacritics, e-mails and phone digits', async () => {
    expect((await search('Lukasz zoltowski')).items.map((c: { name: string }) => c.name)).toEqual([
      'Łukasz Żółtowski',
    ]);
    expect((await search('tonisson')).items.map((c: { name: string }) => c.name)).toEqual(['Mari Tõnisson']);
    expect((await search('ŁUKASZ')).total).toBe(1);
    expect((await search('anna@example')).items.map((c: { name: string }) => c.name)).toEqual(['Anna Nowak']);
    expect((await search('5555-1234')).items.map((c: { name: string }) => c.name)).toEqual(['Mari Tõnisson']);
    expect((await search('nobody-like-this')).total).toBe(0);
  });

  it('pages the directory in name order with the total', async () => {
    const first = await search('', '&pageSize=2');
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(['Anna Nowak', 'Mari Tõnisson']);
    const second = await search('', '&pageSize=2&page=2');
    expect(second.items.map((c: { name: string }) => c.name)).toEqual(['Łukasz Żółtowski']);
  });

  it('moves cases, contacts and profile to the kept customer, deletes the other, audits it, and the logs still verify', async () => {
    const open = async (email: string, subject: string) => {
      const answer = await t.as('agent', {
        method: 'POST',
        url: '/api/cases',
        payload: {
          customer: { name: 'Kasia', email },
          channel: 'email',
          subject,
          message: { body: 'Dzień dobry, mam problem z fakturą.' },
        },
      });
      expect(answer.statusCode).toBe(201);
      return answer.json() as { id: string; customer: { id: string } };
    };
    const kept = await open('kasia@example.pl', 'Faktura');
    const other = await open('kasia.work@example.com', 'Zamówienie');
    await t.as('agent', {
      method: 'PATCH',
      url: `/api/customers/${other.customer.id}`,
      payload: { phones: ['+48 500 600 700'], salutation: 'ms', language: 'pl' },
    });
    const byAgent = await t.as('agent', {
      method: 'POST',
      url: `/api/customers/${kept.customer.id}/merge`,
      payload: { from: other.customer.id },
    });
    expect(byAgent.statusCode).toBe(403);
    const merged = await t.as('supervisor', {
      method: 'POST',
      url: `/api/customers/${kept.customer.id}/merge`,
      payload: { from: other.customer.id },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      customer: {
        id: kept.customer.id,
        emails: ['kasia@example.pl', 'kasia.work@example.com'],
        phones: ['+48500600700'],
        salutation: 'ms',
        language: 'pl',
      },
      moved: { cases: 1, emails: 1, phones: 1, bookings: 0, invoices: 0 },
    });
    const gone = await t.as('agent', { method: 'GET', url: `/api/customers/${other.customer.id}` });
    expect(gone.statusCode).toBe(404);
    const detail = (await t.as('agent', { method: 'GET', url: `/api/customers/${kept.customer.id}` })).json();
    expect(detail.cases.map((c: { id: string }) => c.id).sort()).toEqual([kept.id, other.id].sort());
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('action', '=', 'customer.merge')
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(kept.customer.id);
    expect(audit.details).toMatchObject({ from: other.customer.id, moved: { cases: 1 } });
    for (const id of [kept.id, other.id]) {
      const verified = await t.as('agent', { method: 'GET', url: `/api/cases/${id}/verify` });
      expect(verified.json().ok).toBe(true);
    }
    expect(isIntact(await verifyEvidence(t.database.db))).toBe(true);
    // A message from the merged address now finds the kept customer.
    const again = await open('kasia.work@example.com', 'Jeszcze raz');
    expect(again.customer.id).toBe(kept.customer.id);
  });

  it('refuses merging a customer into itself and an unknown one', async () => {
    const list = await search('anna');
    const id = list.items[0].id;
    const self = await t.as('supervisor', {
      method: 'POST',
      url: `/api/customers/${id}/merge`,
      payload: { from: id },
    });
    expect(self.statusCode).toBe(400);
    const unknown = await t.as('supervisor', {
      method: 'POST',
      url: `/api/customers/${id}/merge`,
      payload: { from: 'nobody' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
