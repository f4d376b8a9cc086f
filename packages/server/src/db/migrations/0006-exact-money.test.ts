import { ISO_4217_EXPONENTS } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/test-app.ts';
import type { OpenDatabase } from '../database.ts';

/** Rows as the schema before 0006 held them: numeric(12,2) amounts, currencies free text or missing. */
async function seedOldSchema(database: OpenDatabase, rows: string[]): Promise<void> {
  const statements = [
    `INSERT INTO organisation (id, name, languages, time_zone, business_hours, response_targets, compensation_policy)
      VALUES (1, 'Salon', '["pl"]', 'Europe/Tallinn', '{"days":{}}', '{}',
        '{"prefer":[],"cashRefundLimit":200,"currency":"EUR"}')`,
    `INSERT INTO customers (id, name) VALUES ('c1', 'Mari')`,
    `INSERT INTO cases (id, customer_id, subject, channel, status) VALUES ('k1', 'c1', 'Cut', 'visit', 'open')`,
    ...rows,
  ];
  for (const statement of statements) await sql.raw(statement).execute(database.db);
}

describe.each(['pglite', ...(process.env.DATABASE_URL ? ['postgres' as const] : [])] as const)(
  'migration 0006 (exact money) on %s',
  (kind) => {
    let database: OpenDatabase | undefined;
    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('turns numeric amounts into exact minor units and gives amounts without a currency the organisation’s', async () => {
      database = await openTestDatabase(kind, '0005-case-version');
      await seedOldSchema(database, [
        `INSERT INTO invoices (id, customer_id, amount, currency, issued_at, paid_at) VALUES
          ('i1', 'c1', 19.99, 'PLN', now(), now()),
          ('i2', 'c1', 1500.00, 'jpy', now(), NULL),
          ('i3', 'c1', 12.34, 'KWD', now(), now()),
          ('i4', 'c1', 9999999999.99, 'EUR', now(), now())`,
        `INSERT INTO compensations (id, case_id, kind, amount, currency, status) VALUES
          ('m1', 'k1', 'cash_refund', 150.50, NULL, 'approved'),
          ('m2', 'k1', 'voucher', NULL, 'PLN', 'approved'),
          ('m3', 'k1', 'cash_refund', 0.10, 'PLN', 'proposed')`,
        `INSERT INTO bookings (id, customer_id, starts_at, status, deposit_amount) VALUES
          ('b1', 'c1', now(), 'booked', 50.00), ('b2', 'c1', now(), 'booked', NULL)`,
        `INSERT INTO prepaid_packages (id, customer_id, name, sessions_bought, price, currency, bought_at) VALUES
          ('p1', 'c1', 'Ten cuts', 10, 400.00, NULL, now())`,
      ]);
      await database.migrate();
      const db = database.db;
      const invoices = await db
        .selectFrom('invoices')
        .select(['id', 'amount_minor', 'currency'])
        .orderBy('id')
        .execute();
      expect(invoices.map((i) => [i.id, String(i.amount_minor), i.currency])).toEqual([
        ['i1', '1999', 'PLN'],
        ['i2', '1500', 'JPY'],
        ['i3', '12340', 'KWD'],
        ['i4', '999999999999', 'EUR'],
      ]);
      const compensations = await db
        .selectFrom('compensations')
        .select(['id', 'amount_minor', 'currency'])
        .orderBy('id')
        .execute();
      expect(
        compensations.map((c) => [c.id, c.amount_minor === null ? null : Number(c.amount_minor), c.currency]),
      ).toEqual([
        ['m1', 15050, 'EUR'],
        ['m2', null, null],
        ['m3', 10, 'PLN'],
      ]);
      const bookings = await db
        .selectFrom('bookings')
        .select(['id', 'deposit_minor', 'deposit_currency'])
        .orderBy('id')
        .execute();
      expect(
        bookings.map((b) => [
          b.id,
          b.deposit_minor === null ? null : Number(b.deposit_minor),
          b.deposit_currency,
        ]),
      ).toEqual([
        ['b1', 5000, 'EUR'],
        ['b2', null, null],
      ]);
      const pack = await db
        .selectFrom('prepaid_packages')
        .select(['price_minor', 'currency'])
        .executeTakeFirstOrThrow();
      expect([Number(pack.price_minor), pack.currency]).toEqual([40000, 'EUR']);
    });

    it('checks every currency against the ISO 4217 list CalmDesk ships, and amounts against their currency', async () => {
      database = await openTestDatabase(kind);
      const { rows } = await sql<{ definition: string }>`
        SELECT pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint AS c JOIN pg_type AS t ON t.oid = c.contypid
        WHERE t.typname = 'currency_code' AND t.typnamespace = current_schema()::regnamespace`.execute(
        database.db,
      );
      const codes = [...(rows[0]?.definition ?? '').matchAll(/'([A-Z]{3})'/g)].map((m) => m[1]);
      expect(codes.sort()).toEqual(Object.keys(ISO_4217_EXPONENTS).sort());
      await sql`INSERT INTO customers (id, name) VALUES ('c1', 'Mari')`.execute(database.db);
      const insert = (currency: string, minor: number | null) =>
        sql`INSERT INTO bookings (id, customer_id, starts_at, status, deposit_minor, deposit_currency)
          VALUES (${`b-${currency}-${minor}`}, 'c1', now(), 'booked', ${minor}, ${currency})`.execute(
          database!.db,
        );
      await expect(insert('XYZ', 100)).rejects.toThrow(/currency_code/);
      await expect(insert('PLN', null)).rejects.toThrow(/check constraint/);
      await expect(insert('PLN', -1)).rejects.toThrow(/check constraint/);
      await insert('PLN', 5000);
    });

    it('stops on an amount finer than its currency’s minor unit, naming the row, and changes nothing', async () => {
      database = await openTestDatabase(kind, '0005-case-version');
      await seedOldSchema(database, [
        `INSERT INTO invoices (id, customer_id, amount, currency, issued_at) VALUES
          ('i1', 'c1', 19.99, 'PLN', now()), ('yen', 'c1', 1500.50, 'JPY', now())`,
      ]);
      await expect(database.migrate()).rejects.toThrow(/invoices.amount .*yen \(1500.50 JPY\)/);
      const { rows } = await sql<{ amount: string }>`SELECT amount::text FROM invoices ORDER BY id`.execute(
        database.db,
      );
      expect(rows.map((r) => r.amount)).toEqual(['19.99', '1500.50']);
    });

    it('stops on a currency that is not an ISO 4217 code, naming it', async () => {
      database = await openTestDatabase(kind, '0005-case-version');
      await seedOldSchema(database, [
        `INSERT INTO compensations (id, case_id, kind, amount, currency, status) VALUES
          ('m1', 'k1', 'cash_refund', 10, 'ZŁ', 'approved')`,
      ]);
      await expect(database.migrate()).rejects.toThrow(/compensations.currency .*'ZŁ' \(1 rows\)/);
    });
  },
);
