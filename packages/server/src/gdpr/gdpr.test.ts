import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLogs } from '../audit/audit-chain.ts';
import { verifyAllLogs } from '../cases/evidence.ts';
import type { Db } from '../db/database.ts';
import { processMail, storeRawMail } from '../mail/ingest-mail.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

/** In the customer's name, address, words, attachment, raw mail and imported rows: found nowhere after erasure. */
const TOKEN = 'qzvtokenmarzena';
const EMAIL = `${TOKEN}@example.test`;

function customerMail(uid: number, subject: string): string {
  return [
    `From: Marzena ${TOKEN} <${EMAIL}>`,
    'To: support@salon.example',
    `Subject: ${subject}`,
    `Message-ID: <gdpr-${uid}-${TOKEN}@example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Dzień dobry, tu ${TOKEN}. Farba wyszła zielona, proszę o zwrot.`,
    '--b1',
    'Content-Type: text/plain',
    `Content-Disposition: attachment; filename="${TOKEN}-paragon.txt"`,
    '',
    `Paragon dla ${TOKEN}: 120 zł`,
    '--b1--',
    '',
  ].join('\r\n');
}

/** Every text, json, array and bytea column of every table of the schema that holds the token. */
async function findToken(db: Db, token: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
    SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED')`.execute(
    db,
  );
  const found: string[] = [];
  for (const { table_name, column_name, data_type } of columns.rows) {
    const column = sql.ref(`${table_name}.${column_name}`);
    const holds =
      data_type === 'bytea'
        ? sql`position(convert_to(${token}, 'UTF8') in ${column}) > 0`
        : sql`${column}::text ILIKE ${`%${token}%`}`;
    const { rows } = await sql<{
      n: string | number;
    }>`SELECT count(*) AS n FROM ${sql.table(table_name)} WHERE ${holds}`.execute(db);
    if (Number(rows[0]?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe.each(TEST_DATABASES)('GDPR export and erasure on %s', (kind) => {
  let t: TestApp;
  let customerId = '';
  let caseId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const mailbox = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: {
        address: 'support@salon.example',
        imap: 'imap://support:pw@127.0.0.1:1/INBOX',
        smtp: 'smtp://support:pw@127.0.0.1:1',
      },
    });
    expect(mailbox.statusCode).toBe(201);
    const raw = new TextEncoder().encode(customerMail(1, `Zielone włosy ${TOKEN}`));
    await storeRawMail(db, mailbox.json().id, { uidValidity: '1', uid: '1', raw }, t.clock.now);
    const stored = await db.selectFrom('mail_messages').select('id').executeTakeFirstOrThrow();
    const outcome = await processMail(db, stored.id, t.clock.now);
    expect(outcome.state).toBe('processed');
    caseId = outcome.caseId ?? '';
    const detail = await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}` });
    customerId = detail.json().customer.id;
    await importCsv(t, 'customers', `external_id,name,email\nK-1,Marzena ${TOKEN},${EMAIL}\n`);
    await importCsv(
      t,
      'bookings',
      `external_id,starts_at,customer_email,service,status\nB-1,2026-02-10T10:00:00Z,${EMAIL},Koloryzacja ${TOKEN},attended\n`,
    );
    await importCsv(
      t,
      'invoices',
      `external_id,customer_email,amount,currency,issued_at\nFV-2026-1,${EMAIL},120.00,PLN,2026-02-10T10:00:00Z\nFV-2019-1,${EMAIL},80.00,PLN,2019-05-10T10:00:00Z\n`,
    );
    const reply = await t.as('owner', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: {
        kind: 'outbound',
        body: `Pani Marzeno ${TOKEN}, przepraszamy. Oddzwonimy do piątku i umówimy poprawkę koloru.`,
      },
    });
    expect(reply.statusCode).toBe(201);
    await t.as('owner', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'note', body: `Notatka o ${TOKEN}: klientka stała od lat.` },
    });
    const compensation = await t.as('owner', {
      method: 'POST',
      url: `/api/cases/${caseId}/compensations`,
      payload: { kind: 'voucher', amount: 50, note: `Bon dla ${TOKEN}` },
    });
    expect(compensation.statusCode).toBe(201);
    if (compensation.json().status !== 'issued') {
      const issued = await t.as('owner', {
        method: 'POST',
        url: `/api/compensations/${compensation.json().id}/decision`,
        payload: { decision: 'issue' },
      });
      expect(issued.statusCode).toBe(200);
    }
    const boundary = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/boundaries`,
      payload: { level: 'warning', reason: `Ostrzeżenie dla ${TOKEN}` },
    });
    expect(boundary.statusCode).toBe(201);
    const closed = await t.as('owner', {
      method: 'PATCH',
      url: `/api/cases/${caseId}`,
      payload: { status: 'closed' },
    });
    expect(closed.statusCode).toBe(200);
  }, 180_000);
  afterAll(() => t?.close());

  it('exports everything as one zip with JSON, an escaped HTML summary, the raw mail and the attachment', async () => {
    const answer = await t.as('supervisor', { method: 'GET', url: `/api/customers/${customerId}/export` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toMatch(
      /^attachment; filename="customer-[\w-]{8}-2026-03-02\.zip"/,
    );
    const files = unzipSync(new Uint8Array(answer.rawPayload));
    const names = Object.keys(files);
    expect(names).toEqual(expect.arrayContaining(['customer.json', 'summary.html']));
    expect(names.filter((n) => n.startsWith('mail/'))).toHaveLength(1);
    expect(
      names.filter((n) => n.startsWith('attachments/') && n.endsWith(`${TOKEN}-paragon.txt`)),
    ).toHaveLength(1);
    const data = JSON.parse(strFromU8(files['customer.json'] as Uint8Array));
    expect(data.customer.emails).toEqual([EMAIL]);
    expect(data.cases[0].interactions.map((i: { kind: string }) => i.kind)).toEqual([
      'inbound',
      'outbound',
      'note',
    ]);
    expect(data.cases[0].compensations[0].note).toBe(`Bon dla ${TOKEN}`);
    expect(data.bookings[0].service).toBe(`Koloryzacja ${TOKEN}`);
    expect(data.invoices.map((i: { number: string }) => i.number)).toEqual(['FV-2019-1', 'FV-2026-1']);
    expect(data.boundaries[0].reason).toBe(`Ostrzeżenie dla ${TOKEN}`);
    const html = strFromU8(files['summary.html'] as Uint8Array);
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain(`Farba wyszła zielona`);
    expect(html).not.toMatch(/<script/i);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'customer.export')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets an agent neither export nor erase', async () => {
    const exported = await t.as('agent', { method: 'GET', url: `/api/customers/${customerId}/export` });
    expect(exported.statusCode).toBe(403);
    const erased = await t.as('supervisor', {
      method: 'POST',
      url: `/api/customers/${customerId}/erase`,
      payload: { reason: 'request' },
    });
    expect(erased.statusCode).toBe(403);
  });

  it('erases the token from every table and column while every case log and the audit log still verify', async () => {
    const db = t.database.db;
    const before = await findToken(db, TOKEN);
    expect(before).toEqual(
      expect.arrayContaining([
        'customers.name',
        'customers.emails',
        'cases.subject',
        'interactions.body',
        'mail_messages.raw',
        'mail_attachments.content',
        'mail_outbox.body',
        'bookings.service',
        'compensations.note',
        'boundary_decisions.reason',
        'boundary_decisions.letter',
      ]),
    );
    const answer = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/erase`,
      payload: { reason: 'request of 2026-03-01 by e-mail' },
    });
    expect(answer.statusCode).toBe(200);
    const result = answer.json();
    const erased = Object.fromEntries(
      result.erased.map((e: { part: string; count: number }) => [e.part, e.count]),
    );
    expect(erased).toMatchObject({
      customer: 1,
      messages: 3,
      mail: 1,
      attachments: 1,
      bookings: 1,
      invoices_past_retention: 1,
      boundary_decisions: 1,
    });
    expect(result.kept[0]).toEqual({
      part: 'invoices',
      count: 1,
      reason: 'accounting_law',
      until: '2032-01-01T00:00:00.000Z',
    });
    expect(result.accountingYears).toBe(5);
    expect(await findToken(db, TOKEN)).toEqual([]);
    expect(await verifyAllLogs(db)).toMatchObject({ broken: [] });
    expect((await verifyAuditLogs(db)).every((v) => v.ok)).toBe(true);
    const log = await t.as('owner', { method: 'GET', url: `/api/cases/${caseId}` });
    const entries = log.json().interactions;
    expect(entries.at(-1)).toMatchObject({ kind: 'note' });
    expect(entries.at(-1).body).toContain('RODO art. 17');
    const invoice = await db.selectFrom('invoices').select(['external_id', 'amount_minor']).execute();
    expect(invoice).toMatchObject([{ external_id: 'FV-2026-1' }]);
    const customer = await t.as('owner', { method: 'GET', url: `/api/customers/${customerId}` });
    expect(customer.json()).toMatchObject({ name: '—', emails: [], erasedAt: '2026-03-02T09:00:00.000Z' });
    const again = await t.as('owner', {
      method: 'POST',
      url: `/api/customers/${customerId}/erase`,
      payload: { reason: 'twice' },
    });
    expect(again.json().error.code).toBe('conflict');
  });
});

async function importCsv(t: TestApp, kind: string, csv: string): Promise<void> {
  const answer = await t.as('owner', {
    method: 'POST',
    url: `/api/imports/${kind}`,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(answer.json()).toMatchObject({ rejected: 0 });
}
