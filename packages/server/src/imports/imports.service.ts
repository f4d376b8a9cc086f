import { minorFrom } from '@calmdesk/contracts';
import { LANGS } from '@calmdesk/contracts/enums';
import { type Insertable, sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { type CustomerRecord, insertCustomers, updateCustomers } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { BookingStatus, PrepaidPackagesTable } from '../db/schema.ts';
import { getSettings } from '../settings/settings.service.ts';
import { FieldProblem, fieldReader, shownValue } from './fields.ts';
import type { ImportKind, PreparedFile, RowError, SourceRecord } from './records.ts';

/** Rows per transaction and per multi-row statement: large enough to be fast, small enough to redo. */
export const BATCH_ROWS = 1000;

export interface ImportCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportResult extends ImportCounts {
  errors: RowError[];
}

function emptyResult(): ImportResult {
  return { imported: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
}

/** Adds a part's result to a running total (the CLI imports a file part by part). */
function addResult(total: ImportResult, part: ImportResult): void {
  total.imported += part.imported;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.rejected += part.rejected;
  total.errors.push(...part.errors);
}

/**
 * Imports a whole prepared file: its records in parts, with `onProgress(done, total)` after each.
 * `importPart` does the work, so the CLI can send the same parts to a running server instead.
 */
export async function importPrepared(
  prepared: PreparedFile,
  importPart: (records: SourceRecord[]) => Promise<ImportResult>,
  onProgress?: (done: number, total: number) => void,
  partRows = BATCH_ROWS * 5,
): Promise<ImportResult> {
  const total = emptyResult();
  total.rejected = prepared.rejected.length;
  total.errors.push(...prepared.rejected);
  const all = prepared.records.length + prepared.rejected.length;
  let done = prepared.rejected.length;
  onProgress?.(done, all);
  for (let i = 0; i < prepared.records.length; i += partRows) {
    const part = prepared.records.slice(i, i + partRows);
    addResult(total, await importPart(part));
    done += part.length;
    onProgress?.(done, all);
  }
  total.errors.sort((a, b) => a.row - b.row);
  return total;
}

/**
 * Checks and stores records of one kind, idempotent by external_id: a new id is inserted, a known one
 * updated only when a value differs. Each row is all or nothing; a refused row is reported with its
 * row number, column and reason, and the others are stored. Rows are written in multi-row statements,
 * one transaction per batch; when a batch fails in the database, its rows are redone one by one so
 * only the bad row is lost.
 */
export async function importRecords(
  db: Db,
  actor: Actor,
  kind: ImportKind,
  records: SourceRecord[],
  now: Date = new Date(),
): Promise<ImportResult> {
  const settings = await getSettings(db);
  const context = { timeZone: settings.timeZone, currency: settings.compensationPolicy.currency };
  const result = emptyResult();
  const valid: Row[] = [];
  for (const record of records) {
    try {
      valid.push({ ...readRow(kind, record, context), row: record.row, line: record.line });
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      result.errors.push({
        row: record.row,
        line: record.line,
        column: error.column,
        ...error.problem,
        message: error.message,
      });
    }
  }
  for (let i = 0; i < valid.length; i += BATCH_ROWS) {
    const batch = valid.slice(i, i + BATCH_ROWS);
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute((trx) => writeBatch(trx, kind, batch, now));
    } catch {
      outcomes = [];
      for (const row of batch) {
        try {
          outcomes.push(...(await db.transaction().execute((trx) => writeBatch(trx, kind, [row], now))));
        } catch (error) {
          outcomes.push({
            row,
            error: {
              column: null,
              reason: 'database_refused',
              message: `the database refused it: ${(error as Error).message}`,
            },
          });
        }
      }
    }
    for (const outcome of outcomes) {
      if ('error' in outcome) {
        result.errors.push({ row: outcome.row.row, line: outcome.row.line, ...outcome.error });
      } else {
        result[outcome.done] += 1;
      }
    }
  }
  result.rejected = result.errors.length;
  result.errors.sort((a, b) => a.row - b.row);
  if (result.imported + result.updated > 0) {
    await recordAudit(db, actor, {
      action: `import.${kind}`,
      details: {
        imported: result.imported,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: result.rejected,
      },
    });
  }
  return result;
}

interface CustomerRow {
  kind: 'customers';
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string | null;
}
interface BookingRow {
  kind: 'bookings';
  externalId: string;
  customerEmail: string | null;
  customerName: string | null;
  service: string | null;
  staff: string | null;
  startsAt: Date;
  status: BookingStatus;
  cancelledAt: Date | null;
  /** In minor units of `depositCurrency`. */
  deposit: { minor: number; currency: string } | null;
}
interface InvoiceRow {
  kind: 'invoices';
  externalId: string;
  customerEmail: string;
  /** In minor units of `currency`. */
  minor: number;
  currency: string;
  issuedAt: Date;
  dueAt: Date | null;
  paidAt: Date | null;
}
type Row = (CustomerRow | BookingRow | InvoiceRow) & { row: number; line: number };
type Outcome =
  | { row: Row; done: 'imported' | 'updated' | 'unchanged' }
  | { row: Row; error: Omit<RowError, 'row' | 'line'> };

const STATUSES: BookingStatus[] = ['booked', 'attended', 'cancelled', 'late_cancelled', 'no_show'];
/** The organisation's zone reads times without an offset; its currency, deposits without one. */
function readRow(
  kind: ImportKind,
  record: SourceRecord,
  { timeZone, currency }: { timeZone: string; currency: string },
): CustomerRow | BookingRow | InvoiceRow {
  const f = fieldReader(record.values, timeZone);
  const externalId = f.required('external_id', f.text('external_id', 200));
  if (kind === 'customers') {
    return {
      kind,
      externalId,
      name: f.required('name', f.text('name', 200)),
      email: f.email('email'),
      phone: f.phone('phone'),
      language: f.oneOf('language', LANGS),
    };
  }
  if (kind === 'bookings') {
    const status = f.oneOf('status', STATUSES) ?? 'booked';
    const cancelledAt = f.time('cancelled_at');
    if (cancelledAt && status !== 'cancelled' && status !== 'late_cancelled') {
      throw new FieldProblem(
        'cancelled_at',
        `is set, but the status is ${status}, not cancelled or late_cancelled`,
        { reason: 'cancelled_at_not_cancelled', value: status },
      );
    }
    const depositCurrency = f.currency('deposit_currency') ?? currency;
    const deposit = f.amount('deposit', depositCurrency);
    if (deposit !== null && deposit < 0)
      throw new FieldProblem('deposit', 'is negative', {
        reason: 'amount_negative',
        value: shownValue(record.values.deposit ?? ''),
      });
    return {
      kind,
      externalId,
      customerEmail: f.email('customer_email'),
      customerName: f.text('customer_name', 200),
      service: f.text('service', 200),
      staff: f.text('staff', 200),
      startsAt: f.required('starts_at', f.time('starts_at')),
      status,
      cancelledAt,
      deposit: deposit === null ? null : { minor: deposit, currency: depositCurrency },
    };
  }
  const invoiceCurrency = f.required('currency', f.currency('currency'));
  const minor = f.required('amount', f.amount('amount', invoiceCurrency));
  const issuedAt = f.required('issued_at', f.time('issued_at'));
  const dueAt = f.time('due_at');
  if (dueAt && dueAt < issuedAt)
    throw new FieldProblem('due_at', 'is before issued_at', {
      reason: 'due_before_issued',
      value: shownValue(record.values.due_at ?? ''),
    });
  return {
    kind,
    externalId,
    customerEmail: f.required('customer_email', f.email('customer_email')),
    minor,
    currency: invoiceCurrency,
    issuedAt,
    dueAt,
    paidAt: f.time('paid_at'),
  };
}

async function writeBatch(db: Db, kind: ImportKind, rows: Row[], now: Date): Promise<Outcome[]> {
  if (kind === 'customers') return writeCustomers(db, rows as Array<CustomerRow & Row>, now);
  if (kind === 'bookings') return writeBookings(db, rows as Array<BookingRow & Row>, now);
  return writeInvoices(db, rows as Array<InvoiceRow & Row>, now);
}

/** Many rows in one statement, as one JSON parameter: no limit on parameters, one parse. */
function json(rows: unknown[]) {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const sameMinor = (a: string | number | null, b: number | null) => (a === null ? null : minorFrom(a)) === b;

/**
 * Customers holding one of these e-mails. A hashed `= ANY` over the unnested addresses: PGlite
 * answers `emails && $list` with a scan that compares every pair, ten times slower for a batch.
 */
function hasAnyEmail(emails: string[]) {
  return sql<boolean>`EXISTS (SELECT FROM unnest(emails) AS e(email) WHERE e.email = ANY(${sql`${emails}::text[]`}))`;
}

/** The oldest customer holding each e-mail, as findCustomerByContact chooses. */
async function customersByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (emails.length === 0) return found;
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'emails'])
    .where(hasAnyEmail(emails))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    for (const email of row.emails) if (!found.has(email)) found.set(email, row.id);
  }
  return found;
}

async function writeCustomers(db: Db, rows: Array<CustomerRow & Row>, now: Date): Promise<Outcome[]> {
  const ids = rows.map((r) => r.externalId);
  const existing = await db
    .selectFrom('customers')
    .select(['id', 'external_id', 'name', 'emails', 'phones', 'language'])
    .where(sql<boolean>`external_id = ANY(${sql`${ids}::text[]`})`)
    .execute();
  const byExternalId = new Map(existing.map((c) => [c.external_id, c]));
  // A customer who came in through a case (no external id yet) is claimed by e-mail, not duplicated.
  const emails = rows.filter((r) => r.email && !byExternalId.has(r.externalId)).map((r) => r.email as string);
  const unclaimed = new Map<string, (typeof existing)[number]>();
  if (emails.length > 0) {
    const candidates = await db
      .selectFrom('customers')
      .select(['id', 'external_id', 'name', 'emails', 'phones', 'language'])
      .where(hasAnyEmail(emails))
      .where('external_id', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const c of candidates) for (const e of c.emails) if (!unclaimed.has(e)) unclaimed.set(e, c);
  }
  const inserts: CustomerRecord[] = [];
  const updates: CustomerRecord[] = [];
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    let current = byExternalId.get(row.externalId);
    if (!current && row.email) {
      current = unclaimed.get(row.email);
      if (current) for (const e of current.emails) unclaimed.delete(e);
    }
    const emails = row.email ? [row.email] : [];
    const phones = row.phone ? [row.phone] : [];
    if (!current) {
      inserts.push({
        id: newId(),
        external_id: row.externalId,
        name: row.name,
        emails,
        phones,
        language: row.language,
      });
      outcomes.push({ row, done: 'imported' });
      continue;
    }
    // Contacts are added, never removed: other records (cases, matching) may rely on an old address.
    const next = {
      id: current.id,
      external_id: row.externalId,
      name: row.name,
      emails: [...current.emails, ...emails.filter((e) => !current.emails.includes(e))],
      phones: [...current.phones, ...phones.filter((p) => !current.phones.includes(p))],
      language: row.language ?? current.language,
    };
    const changed =
      current.external_id !== next.external_id ||
      current.name !== next.name ||
      current.emails.length !== next.emails.length ||
      current.phones.length !== next.phones.length ||
      current.language !== next.language;
    if (changed) updates.push(next);
    outcomes.push({ row, done: changed ? 'updated' : 'unchanged' });
  }
  await insertCustomers(db, inserts, now);
  await updateCustomers(db, updates, now);
  return outcomes;
}

async function writeBookings(db: Db, rows: Array<BookingRow & Row>, now: Date): Promise<Outcome[]> {
  const ids = rows.map((r) => r.externalId);
  const existing = await db
    .selectFrom('bookings')
    .select([
      'id',
      'external_id',
      'customer_id',
      'service',
      'staff',
      'starts_at',
      'status',
      'cancelled_at',
      'deposit_minor',
      'deposit_currency',
    ])
    .where(sql<boolean>`external_id = ANY(${sql`${ids}::text[]`})`)
    .execute();
  const byExternalId = new Map(existing.map((b) => [b.external_id, b]));
  const customerOf = await customersByEmail(db, [
    ...new Set(rows.flatMap((r) => (r.customerEmail ? [r.customerEmail] : []))),
  ]);
  const newCustomers: CustomerRecord[] = [];
  const inserts: unknown[] = [];
  const updates: unknown[] = [];
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    const current = byExternalId.get(row.externalId);
    let customerId = current?.customer_id;
    if (row.customerEmail) {
      customerId = customerOf.get(row.customerEmail);
      if (!customerId) {
        customerId = newId();
        customerOf.set(row.customerEmail, customerId);
        newCustomers.push({
          id: customerId,
          external_id: null,
          name: row.customerName ?? row.customerEmail,
          emails: [row.customerEmail],
          phones: [],
          language: null,
        });
      }
    }
    if (!customerId) {
      outcomes.push({
        row,
        error: {
          column: 'customer_email',
          reason: 'customer_missing',
          message: 'is empty, and a new booking needs its customer',
        },
      });
      continue;
    }
    const next = {
      id: current?.id ?? newId(),
      external_id: row.externalId,
      customer_id: customerId,
      service: row.service,
      staff: row.staff,
      starts_at: row.startsAt.toISOString(),
      status: row.status,
      cancelled_at: row.cancelledAt?.toISOString() ?? null,
      deposit_minor: row.deposit?.minor ?? null,
      deposit_currency: row.deposit?.currency ?? null,
      // An exported deposit was taken; what happens to it later is decided in CalmDesk.
      deposit_status: row.deposit !== null && row.deposit.minor > 0 ? 'paid' : 'none',
    };
    if (!current) {
      inserts.push(next);
      outcomes.push({ row, done: 'imported' });
      continue;
    }
    const changed =
      current.customer_id !== next.customer_id ||
      current.service !== next.service ||
      current.staff !== next.staff ||
      !sameTime(current.starts_at, row.startsAt) ||
      current.status !== next.status ||
      !sameTime(current.cancelled_at, row.cancelledAt) ||
      !sameMinor(current.deposit_minor, row.deposit?.minor ?? null) ||
      current.deposit_currency !== (row.deposit?.currency ?? null);
    if (changed) updates.push(next);
    outcomes.push({ row, done: changed ? 'updated' : 'unchanged' });
  }
  await insertCustomers(db, newCustomers, now);
  const columns = sql`v(id text, external_id text, customer_id text, service text, staff text, starts_at timestamptz,
    status text, cancelled_at timestamptz, deposit_minor bigint, deposit_currency text, deposit_status text)`;
  if (inserts.length > 0) {
    await sql`INSERT INTO bookings (id, external_id, customer_id, service, staff, starts_at, status, cancelled_at,
        deposit_minor, deposit_currency, deposit_status, created_at, updated_at)
      SELECT v.id, v.external_id, v.customer_id, v.service, v.staff, v.starts_at, v.status, v.cancelled_at,
        v.deposit_minor, v.deposit_currency, v.deposit_status, ${now}::timestamptz, ${now}::timestamptz
      FROM jsonb_to_recordset(${json(inserts)}) AS ${columns}`.execute(db);
  }
  if (updates.length > 0) {
    await sql`UPDATE bookings AS b SET customer_id = v.customer_id, service = v.service, staff = v.staff,
        starts_at = v.starts_at, status = v.status, cancelled_at = v.cancelled_at,
        deposit_minor = v.deposit_minor, deposit_currency = v.deposit_currency, updated_at = ${now}::timestamptz
      FROM jsonb_to_recordset(${json(updates)}) AS ${columns}
      WHERE b.id = v.id`.execute(db);
  }
  return outcomes;
}

async function writeInvoices(db: Db, rows: Array<InvoiceRow & Row>, now: Date): Promise<Outcome[]> {
  const ids = rows.map((r) => r.externalId);
  const existing = await db
    .selectFrom('invoices')
    .select([
      'id',
      'external_id',
      'customer_id',
      'amount_minor',
      'currency',
      'issued_at',
      'due_at',
      'paid_at',
    ])
    .where(sql<boolean>`external_id = ANY(${sql`${ids}::text[]`})`)
    .execute();
  const byExternalId = new Map(existing.map((i) => [i.external_id, i]));
  const customerOf = await customersByEmail(db, [...new Set(rows.map((r) => r.customerEmail))]);
  const inserts: unknown[] = [];
  const updates: unknown[] = [];
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    const customerId = customerOf.get(row.customerEmail);
    if (!customerId) {
      outcomes.push({
        row,
        error: {
          column: 'customer_email',
          reason: 'customer_unknown',
          value: row.customerEmail,
          message: `no customer has the e-mail ${row.customerEmail} (import customers first)`,
        },
      });
      continue;
    }
    const current = byExternalId.get(row.externalId);
    const next = {
      id: current?.id ?? newId(),
      external_id: row.externalId,
      customer_id: customerId,
      amount_minor: row.minor,
      currency: row.currency,
      issued_at: row.issuedAt.toISOString(),
      due_at: row.dueAt?.toISOString() ?? null,
      paid_at: row.paidAt?.toISOString() ?? null,
    };
    if (!current) {
      inserts.push(next);
      outcomes.push({ row, done: 'imported' });
      continue;
    }
    const changed =
      current.customer_id !== customerId ||
      !sameMinor(current.amount_minor, row.minor) ||
      current.currency !== row.currency ||
      !sameTime(current.issued_at, row.issuedAt) ||
      !sameTime(current.due_at, row.dueAt) ||
      !sameTime(current.paid_at, row.paidAt);
    if (changed) updates.push(next);
    outcomes.push({ row, done: changed ? 'updated' : 'unchanged' });
  }
  const columns = sql`v(id text, external_id text, customer_id text, amount_minor bigint, currency text,
    issued_at timestamptz, due_at timestamptz, paid_at timestamptz)`;
  if (inserts.length > 0) {
    await sql`INSERT INTO invoices (id, external_id, customer_id, amount_minor, currency, issued_at, due_at, paid_at, created_at, updated_at)
      SELECT v.id, v.external_id, v.customer_id, v.amount_minor, v.currency, v.issued_at, v.due_at, v.paid_at, ${now}::timestamptz, ${now}::timestamptz
      FROM jsonb_to_recordset(${json(inserts)}) AS ${columns}`.execute(db);
  }
  if (updates.length > 0) {
    await sql`UPDATE invoices AS i SET customer_id = v.customer_id, amount_minor = v.amount_minor, currency = v.currency,
        issued_at = v.issued_at, due_at = v.due_at, paid_at = v.paid_at, updated_at = ${now}::timestamptz
      FROM jsonb_to_recordset(${json(updates)}) AS ${columns}
      WHERE i.id = v.id`.execute(db);
  }
  return outcomes;
}

/** Records a customer's prepaid package (a price and its currency together, or neither). */
export async function addPrepaidPackage(
  db: Db,
  values: Omit<Insertable<PrepaidPackagesTable>, 'id'>,
): Promise<void> {
  await db
    .insertInto('prepaid_packages')
    .values({ id: newId(), ...values })
    .execute();
}
