import { type Kysely, sql } from 'kysely';

/**
 * GDPR: a customer whose personal data was erased (Art. 17) keeps a row, so the facts that stay (the cases'
 * statuses, invoices kept by accounting law, the log's chain) still have their customer; `erased_at` marks
 * it. The owner's retention period (null: off) and when it was last set, which the retention job reads so
 * nobody is erased sooner than a week after the report first listed them.
 */
const STATEMENTS = [
  'ALTER TABLE customers ADD COLUMN erased_at timestamptz',
  'ALTER TABLE organisation ADD COLUMN retention_months int CHECK (retention_months BETWEEN 1 AND 1200)',
  'ALTER TABLE organisation ADD COLUMN retention_set_at timestamptz',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
