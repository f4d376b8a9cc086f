import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonOfIssue } from '../errors.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe('the reason of a failed schema check', () => {
  it('tells an empty required text from a short one, and names the bound', () => {
    expect(reasonOfIssue({ code: 'too_small', origin: 'string', minimum: 1 })).toEqual({
      reason: 'required',
    });
    expect(reasonOfIssue({ code: 'too_small', origin: 'string', minimum: 12 })).toEqual({
      reason: 'too_short',
      limit: 12,
    });
    expect(reasonOfIssue({ code: 'too_big', origin: 'array', maximum: 20 })).toEqual({
      reason: 'too_many',
      limit: 20,
    });
    expect(reasonOfIssue({ code: 'invalid_type', input: undefined })).toEqual({ reason: 'required' });
    expect(reasonOfIssue({ code: 'invalid_format', format: 'email' })).toEqual({ reason: 'not_an_email' });
    expect(reasonOfIssue({ code: 'custom', params: { reason: 'no such reason' } })).toEqual({
      reason: 'invalid',
    });
  });
});

describe.each(TEST_DATABASES)('error answers carry a code, the field and a reason on %s', (kind) => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name: 'Mari Kask' }, channel: 'phone', subject: 'Arve' },
    });
    caseId = created.json().id;
  });
  afterAll(() => t.close());

  const errorOf = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const response = await t.as('agent', { method, url, ...(payload ? { payload } : {}) });
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    return response.json().error;
  };

  it('names a cash refund without an amount on the amount field', async () => {
    const error = await errorOf('POST', `/api/cases/${caseId}/compensations`, { kind: 'cash_refund' });
    expect(error).toMatchObject({
      code: 'bad_request',
      path: 'body.amount',
      reason: 'cash_refund_needs_amount',
    });
  });

  it('names an amount with more decimals than its currency has', async () => {
    const error = await errorOf('POST', `/api/cases/${caseId}/compensations`, {
      kind: 'cash_refund',
      amount: 10.555,
      currency: 'PLN',
    });
    expect(error).toMatchObject({ code: 'bad_request', path: 'body.amount', reason: 'amount_precision' });
  });

  it('names an empty subject as required and a long one with its limit', async () => {
    const empty = await errorOf('POST', '/api/cases', {
      customer: { name: 'Mari' },
      channel: 'phone',
      subject: '',
    });
    expect(empty).toMatchObject({ path: 'body.subject', reason: 'required' });
    const long = await errorOf('POST', '/api/cases', {
      customer: { name: 'Mari' },
      channel: 'phone',
      subject: 'x'.repeat(301),
    });
    expect(long).toMatchObject({ path: 'body.subject', reason: 'too_long', limit: 300 });
  });

  it('names a malformed e-mail address', async () => {
    const error = await errorOf('POST', '/api/cases', {
      customer: { name: 'Mari', email: 'mari-at-example' },
      channel: 'email',
      subject: 'Arve',
    });
    expect(error).toMatchObject({ path: 'body.customer.email', reason: 'not_an_email' });
  });

  it('tells a wrong password at sign-in by its reason', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'agent@example.test', password: 'not the password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'unauthenticated', reason: 'credentials_wrong' });
  });
});
