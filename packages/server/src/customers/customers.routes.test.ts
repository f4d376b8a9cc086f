import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
