import { type Kysely, sql } from 'kysely';

/** Analytics: the period scans read only the rows of the period, and paid revenue from the index alone. */
const STATEMENTS = [
  // Revenue by customer over a period (the Pareto curve, cost-to-serve): an index-only range scan.
  'CREATE INDEX invoices_paid ON invoices (paid_at) INCLUDE (customer_id, amount, currency) WHERE paid_at IS NOT NULL',
  'CREATE INDEX interactions_by_created ON interactions (created_at)',
  'CREATE INDEX commitments_by_due ON commitments (due_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
