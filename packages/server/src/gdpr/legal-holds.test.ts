import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processMail, storeRawMail } from '../mail/ingest-mail.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('legal holds keep a customer from erasure on %s', (kind) => {
  let t: TestApp;
  let mailboxId = '';
  let uid = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const mailbox = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: {
        address: 'support@salon.example',
        imap: 'imap://support:pw@127.0.0.1:1/INBOX',
        smtp: 'smtp://support:pw@127.0.0.1:1',
      },
    });
    mailboxId = mailbox.json().id;
  }, 120_000);
  afterAll(() => t?.close());

  /** A case opened by the customer's mail: its customer and case ids. */
  async function caseByMail(from: string): Promise<{ customerId: string; caseId: string }> {
    uid += 1;
    const raw = [
      `From: ${from}`,
      'To: support@salon.example',
      'Subject: Reklamacja',
      `Message-ID: <hold-${uid}@example.pl>`,
      '',
      'Proszę o zwrot pieniędzy za nieudaną usługę.',
      '',
    ].join('\r\n');
    const { db } = t.database;
    await storeRawMail(
      db,
      mailboxId,
      { uidValidity: '1', uid: String(uid), raw: new TextEncoder().encode(raw) },
      t.clock.now,
    );
    const stored = await db
      .selectFrom('mail_messages')
      .select('id')
      .where('uid', '=', uid)
      .executeTakeFirstOrThrow();
    const outcome = await processMail(db, stored.id, t.clock.now);
    const detail = await t.as('owner', { method: 'GET', url: `/api/cases/${outcome.caseId}` });
    return { customerId: detail.json().customer.id, caseId: outcome.caseId ?? '' };
  }

  const close = (caseId: string) =>
    t.as('owner', { method: 'PATCH', url: `/api/cases/${caseId}`, payload: { status: 'closed' } });

  async function refusedErasure(customerId: string) {
    const answer = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/erase`,
      payload: { reason: 'request' },
    });
    expect(answer.statusCode).toBe(409);
    const customer = await t.as('owner', { method: 'GET', url: `/api/customers/${customerId}` });
    expect(customer.json().erasedAt).toBeNull();
    return answer.json().error;
  }

  it('refuses while a case is not resolved or closed, naming the case', async () => {
    const { customerId, caseId } = await caseByMail('Anna Nowak <anna.hold@example.pl>');
    const error = await refusedErasure(customerId);
    expect(error.code).toBe('legal_hold');
    expect(error.holds).toEqual([{ kind: 'open_case', id: caseId, caseId }]);
  });

  it('refuses while a compensation waits for approval or issue, even on a closed case', async () => {
    const { customerId, caseId } = await caseByMail('Jan Wiśniewski <jan.hold@example.pl>');
    const proposed = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/compensations`,
      payload: { kind: 'cash_refund', amount: 900 },
    });
    expect(proposed.json().status).toBe('proposed');
    expect((await close(caseId)).statusCode).toBe(200);
    const error = await refusedErasure(customerId);
    expect(error.holds).toEqual([{ kind: 'pending_compensation', id: proposed.json().id, caseId }]);
  });

  it('refuses while a boundary letter waits in the outbox, and erases once it is settled', async () => {
    const { customerId, caseId } = await caseByMail('Piotr Kowal <piotr.hold@example.pl>');
    expect((await close(caseId)).statusCode).toBe(200);
    const decided = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/boundaries`,
      payload: { level: 'warning', reason: 'Obraźliwe wiadomości', language: 'pl' },
    });
    const decision = decided.json();
    const sent = await t.as('owner', { method: 'POST', url: `/api/boundaries/${decision.id}/letter/send` });
    expect(sent.json().letterDelivery).toMatchObject({ state: 'queued' });
    const error = await refusedErasure(customerId);
    expect(error.holds).toEqual([{ kind: 'boundary_in_progress', id: decision.id, caseId: null }]);
    await t.database.db
      .updateTable('mail_outbox')
      .set({ state: 'sent' })
      .where('boundary_decision_id', '=', decision.id)
      .execute();
    const erased = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/erase`,
      payload: { reason: 'request' },
    });
    expect(erased.statusCode).toBe(200);
  });
});
