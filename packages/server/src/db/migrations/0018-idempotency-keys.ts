import { type Kysely, sql } from 'kysely';

/**
 * The answers to POSTs sent with an `Idempotency-Key`, kept a day so a client retrying after a lost
 * connection gets the first answer again instead of a second case or reply. A row without a status
 * is a request still being answered.
 */
const STATEMENTS = [
  `CREATE TABLE idempotency_keys (
    actor text NOT NULL,
    key text NOT NULL,
    operation text NOT NULL,
    request_hash text NOT NULL,
    status int,
    response text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (actor, key, operation)
  )`,
  'CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
