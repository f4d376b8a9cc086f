import type { Customer, CustomerInput, CustomerPatch, CustomerQuery, Salutation } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CustomerRow } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

export type { Customer };

export function presentCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    emails: row.emails,
    phones: row.phones,
    language: row.language,
    addressForm: row.address_form,
    salutation: row.salutation,
    tags: row.tags,
    notes: row.notes,
    createdAt: row.created_at.toISOString(),
    erasedAt: row.erased_at?.toISOString() ?? null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Phone numbers are compared by their digits (and a leading +), however they were typed. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

export async function findCustomerByContact(
  db: Db,
  contact: { email?: string | undefined; phone?: string | undefined },
): Promise<CustomerRow | undefined> {
  if (contact.email) {
    const byEmail = await db
      .selectFrom('customers')
      .selectAll()
      .where('emails', '@>', textArray(normaliseEmail(contact.email)))
      .orderBy('created_at')
      .executeTakeFirst();
    if (byEmail) return byEmail;
  }
  if (contact.phone) {
    return db
      .selectFrom('customers')
      .selectAll()
      .where('phones', '@>', textArray(normalisePhone(contact.phone)))
      .orderBy('created_at')
      .executeTakeFirst();
  }
  return undefined;
}

/** The customer with this e-mail or phone, else a new one; call inside the caller's transaction. */
export async function matchOrCreateCustomer(
  db: Db,
  actor: Actor,
  input: CustomerInput,
): Promise<CustomerRow> {
  const found = await findCustomerByContact(db, input);
  if (found) return found;
  return insertCustomer(db, actor, input);
}

async function insertCustomer(db: Db, actor: Actor, input: CustomerInput): Promise<CustomerRow> {
  const row = await db
    .insertInto('customers')
    .values({
      id: newId(),
      name: input.name,
      emails: input.email ? [normaliseEmail(input.email)] : [],
      phones: input.phone ? [normalisePhone(input.phone)] : [],
      language: input.language ?? null,
      address_form: input.addressForm ?? null,
      tags: input.tags ?? [],
      notes: input.notes ?? null,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'customer.create', targetType: 'customer', targetId: row.id });
  return row;
}

/** Creates a customer; an e-mail or phone that already belongs to one is a conflict. */
export async function createCustomer(db: Db, actor: Actor, input: CustomerInput): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const existing = await findCustomerByContact(trx, input);
    if (existing) {
      throw new AppError(
        'conflict',
        `customer ${existing.id} has this e-mail or phone already`,
        input.email ? 'email' : 'phone',
      );
    }
    return presentCustomer(await insertCustomer(trx, actor, input));
  });
}

/**
 * Corrects a customer's name, e-mails, phones, language or form of address (GDPR Art. 16). An address or number that belongs to
 * another customer is a conflict; an erased customer has nothing left to correct. Audited by field name only.
 */
export async function updateCustomer(
  db: Db,
  actor: Actor,
  id: string,
  patch: CustomerPatch,
  now: Date,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const row = await getCustomerRow(trx, id);
    if (row.erased_at) throw new AppError('conflict', `customer ${id} was erased`);
    const emails = patch.emails ? unique(patch.emails.map(normaliseEmail)) : row.emails;
    const phones = patch.phones ? unique(patch.phones.map(normalisePhone)) : row.phones;
    await refuseTakenContacts(trx, id, emails, phones);
    const updated = await trx
      .updateTable('customers')
      .set({
        name: patch.name ?? row.name,
        emails,
        phones,
        ...(patch.language !== undefined ? { language: patch.language } : {}),
        ...(patch.salutation !== undefined
          ? { salutation: patch.salutation, address_form: addressFormOf(patch.salutation, row.address_form) }
          : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'customer.update',
      targetType: 'customer',
      targetId: id,
      details: { changed: Object.keys(patch) },
    });
    return presentCustomer(updated);
  });
}

async function refuseTakenContacts(db: Db, id: string, emails: string[], phones: string[]): Promise<void> {
  if (emails.length === 0 && phones.length === 0) return;
  const taken = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '!=', id)
    .where((eb) =>
      eb.or([
        eb('emails', '&&', sql<string[]>`${sql.val(emails)}::text[]`),
        eb('phones', '&&', sql<string[]>`${sql.val(phones)}::text[]`),
      ]),
    )
    .executeTakeFirst();
  if (taken)
    throw new AppError('conflict', `customer ${taken.id} has one of these e-mails or phones already`);
}

/** Pan or Pani is the formal address; the first name the informal one, which the coach then accepts. */
function addressFormOf(
  salutation: Salutation | null,
  current: CustomerRow['address_form'],
): CustomerRow['address_form'] {
  if (salutation === null) return current;
  return salutation === 'first_name' ? 'informal' : 'formal';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export async function listCustomers(db: Db, query: CustomerQuery): Promise<Customer[]> {
  let select = db.selectFrom('customers').selectAll();
  if (query.email) select = select.where('emails', '@>', textArray(normaliseEmail(query.email)));
  if (query.phone) select = select.where('phones', '@>', textArray(normalisePhone(query.phone)));
  if (query.q) select = select.where('name', 'ilike', `%${escapeLike(query.q)}%`);
  const rows = await select.orderBy('name').orderBy('id').limit(query.limit).execute();
  return rows.map(presentCustomer);
}

/** A one-element text[] for `@>`: Kysely would otherwise spread a JS array into a value list. */
function textArray(value: string) {
  return sql<string[]>`ARRAY[${value}]::text[]`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getCustomerRow(db: Db, id: string): Promise<CustomerRow> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('customer', id);
  return row;
}

/** A customer as an import writes it, many at a time. */
export type CustomerRecord = Pick<
  CustomerRow,
  'id' | 'external_id' | 'name' | 'emails' | 'phones' | 'language'
>;

const RECORD_COLUMNS = sql`v(id text, external_id text, name text, emails text[], phones text[], language text)`;
/** Many rows in one statement, as one JSON parameter: no limit on parameters, one parse. */
const jsonRows = (rows: CustomerRecord[]) => sql`${JSON.stringify(rows)}::jsonb`;

/** Adds customers in one statement (imports). */
export async function insertCustomers(db: Db, rows: CustomerRecord[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql`INSERT INTO customers (id, external_id, name, emails, phones, language, created_at, updated_at)
    SELECT v.id, v.external_id, v.name, v.emails, v.phones, v.language, ${now}::timestamptz, ${now}::timestamptz
    FROM jsonb_to_recordset(${jsonRows(rows)}) AS ${RECORD_COLUMNS}`.execute(db);
}

/** Replaces the imported fields of customers in one statement (imports). */
export async function updateCustomers(db: Db, rows: CustomerRecord[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql`UPDATE customers AS c SET external_id = v.external_id, name = v.name, emails = v.emails,
      phones = v.phones, language = v.language, updated_at = ${now}::timestamptz
    FROM jsonb_to_recordset(${jsonRows(rows)}) AS ${RECORD_COLUMNS}
    WHERE c.id = v.id`.execute(db);
}

/** Dates each customer from their first case (the demo, whose customers are all created at once). */
export async function backdateCustomersToFirstCase(db: Db): Promise<void> {
  await sql`UPDATE customers SET created_at = first.at, updated_at = first.at
    FROM (SELECT customer_id, min(created_at) AS at FROM cases GROUP BY customer_id) AS first
    WHERE first.customer_id = customers.id`.execute(db);
}
