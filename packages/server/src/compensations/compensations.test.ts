import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

// The default policy: cash refunds up to 200 PLN need no supervisor.
describe.each(TEST_DATABASES)('compensation approval limits on %s', (kind) => {
  let t: TestApp;
  let customerCount = 0;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function openCase(email = `customer${++customerCount}@example.test`): Promise<string> {
    const response = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name: 'Jan Kowalski', email }, channel: 'email', subject: 'Zwrot' },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function propose(
    caseId: string,
    payload: Record<string, unknown>,
    role: 'agent' | 'supervisor' = 'agent',
  ) {
    const response = await t.asUser(role, {
      method: 'POST',
      url: `/api/cases/${caseId}/compensations`,
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('holds a statutory cash refund over the limit for a supervisor and records that it is statutory', async () => {
    const caseId = await openCase();
    const refund = await propose(caseId, { kind: 'cash_refund', amount: 1_000_000_000, statutory: true });
    expect(refund).toMatchObject({ status: 'proposed', approverId: null, statutory: true });
    const decision = `/api/compensations/${refund.id}/decision`;
    const byAgent = await t.as('agent', { method: 'POST', url: decision, payload: { decision: 'approve' } });
    expect(byAgent.statusCode).toBe(403);
    const bySupervisor = await t.asUser('supervisor', {
      method: 'POST',
      url: decision,
      payload: { decision: 'approve' },
    });
    expect(bySupervisor.json()).toMatchObject({ status: 'approved', approverId: t.users.supervisor.id });
    const audit = await t.as('owner', { method: 'GET', url: `/api/audit?target=${refund.id}` });
    const proposal = audit.json().items.find((e: { action: string }) => e.action === 'compensation.propose');
    expect(proposal.details).toMatchObject({ statutory: true, status: 'proposed', amount: 1_000_000_000 });
  });

  it('approves a statutory cash refund within the limit at once', async () => {
    const caseId = await openCase();
    const refund = await propose(caseId, { kind: 'cash_refund', amount: 150, statutory: true });
    expect(refund).toMatchObject({ status: 'approved', statutory: true });
  });

  it('counts the approved and pending cash refunds of a case, so small refunds cannot add up past the limit', async () => {
    const caseId = await openCase();
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await propose(caseId, { kind: 'cash_refund', amount: 30 })).status);
    }
    // 6 × 30 = 180 fits under 200; the seventh would make 210.
    expect(statuses).toEqual([...Array(6).fill('approved'), ...Array(4).fill('proposed')]);
    // Pending ones count too: a 10 PLN refund would make 180 + 4 × 30 + 10.
    expect((await propose(caseId, { kind: 'cash_refund', amount: 10 })).status).toBe('proposed');
  });

  it('counts the cash refunds of every case of the customer', async () => {
    const email = 'splitter@example.test';
    const first = await openCase(email);
    const second = await openCase(email);
    expect(second).not.toBe(first);
    expect((await propose(first, { kind: 'cash_refund', amount: 150 })).status).toBe('approved');
    expect((await propose(second, { kind: 'cash_refund', amount: 60 })).status).toBe('proposed');
    const other = await openCase();
    expect((await propose(other, { kind: 'cash_refund', amount: 60 })).status).toBe('approved');
  });

  it('leaves rejected refunds, other currencies and other kinds out of the running total', async () => {
    const caseId = await openCase();
    const big = await propose(caseId, { kind: 'cash_refund', amount: 190 });
    expect(big.status).toBe('approved');
    const rejected = await t.as('supervisor', {
      method: 'POST',
      url: `/api/compensations/${big.id}/decision`,
      payload: { decision: 'reject' },
    });
    expect(rejected.json().status).toBe('rejected');
    await propose(caseId, { kind: 'voucher', amount: 500 });
    await propose(caseId, { kind: 'cash_refund', amount: 100, currency: 'EUR' }, 'supervisor');
    expect((await propose(caseId, { kind: 'cash_refund', amount: 200 })).status).toBe('approved');
    expect((await propose(caseId, { kind: 'cash_refund', amount: 0.01 })).status).toBe('proposed');
  });

  it('lets a supervisor approve what adds up past the limit', async () => {
    const caseId = await openCase();
    await propose(caseId, { kind: 'cash_refund', amount: 200 });
    const over = await propose(caseId, { kind: 'cash_refund', amount: 1 }, 'supervisor');
    expect(over).toMatchObject({ status: 'approved', approverId: t.users.supervisor.id });
  });

  it('keeps a limit per currency: a refund in a currency with its own limit fits it, one with none waits', async () => {
    const settings = (await t.as('owner', { method: 'GET', url: '/api/settings' })).json();
    const policy = { ...settings.compensationPolicy, otherCurrencyLimits: [{ currency: 'EUR', limit: 50 }] };
    const saved = await t.as('owner', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { compensationPolicy: policy },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const caseId = await openCase();
    expect((await propose(caseId, { kind: 'cash_refund', amount: 40, currency: 'EUR' })).status).toBe(
      'approved',
    );
    const second = await propose(caseId, { kind: 'cash_refund', amount: 10.01, currency: 'EUR' });
    expect(second.status).toBe('proposed');
    const byAgent = await t.as('agent', {
      method: 'POST',
      url: `/api/compensations/${second.id}/decision`,
      payload: { decision: 'approve' },
    });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().error.message).toContain('50 EUR');
    expect((await propose(caseId, { kind: 'cash_refund', amount: 1, currency: 'GBP' })).status).toBe(
      'proposed',
    );
    expect((await propose(caseId, { kind: 'cash_refund', amount: 150 })).status).toBe('approved');
  });

  it('refuses a second limit for one currency and an amount finer than the currency, naming the field', async () => {
    const settings = (await t.as('owner', { method: 'GET', url: '/api/settings' })).json();
    const send = (otherCurrencyLimits: unknown) =>
      t.as('owner', {
        method: 'PATCH',
        url: '/api/settings',
        payload: { compensationPolicy: { ...settings.compensationPolicy, otherCurrencyLimits } },
      });
    const twice = await send([
      { currency: 'EUR', limit: 50 },
      { currency: 'EUR', limit: 60 },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('otherCurrencyLimits.1.currency');
    const same = await send([{ currency: settings.compensationPolicy.currency, limit: 5 }]);
    expect(same.statusCode).toBe(400);
    const fine = await send([{ currency: 'EUR', limit: 10.001 }]);
    expect(fine.statusCode).toBe(400);
    expect(fine.body).toContain('otherCurrencyLimits.0.limit');
  });
});
