import { type Kysely, sql } from 'kysely';

/**
 * Where each paying customer stands among those paying in the same currency, kept in a table: placing
 * one customer by ranking every paying customer on each request cost hundreds of milliseconds at a
 * million invoices. `revenue_rank_state` counts the statements that changed invoices, so a reader
 * knows whether the ranking still describes them.
 */
const STATEMENTS = [
  `CREATE TABLE revenue_ranks (
    customer_id text NOT NULL,
    currency text NOT NULL,
    revenue_minor bigint NOT NULL,
    rank int NOT NULL,
    PRIMARY KEY (customer_id, currency)
  )`,
  `CREATE TABLE revenue_rank_totals (
    currency text PRIMARY KEY,
    paying_customers int NOT NULL,
    total_minor bigint NOT NULL
  )`,
  `CREATE TABLE revenue_rank_state (
    id int PRIMARY KEY CHECK (id = 1),
    invoices_version bigint NOT NULL DEFAULT 0,
    ranked_version bigint,
    ranked_at timestamptz,
    window_days int,
    ranked_customers int
  )`,
  'INSERT INTO revenue_rank_state (id) VALUES (1)',
  `CREATE FUNCTION revenue_rank_invoices_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE revenue_rank_state SET invoices_version = invoices_version + 1 WHERE id = 1;
      RETURN NULL;
    END
  $$`,
  `CREATE TRIGGER revenue_rank_invoices_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION revenue_rank_invoices_changed()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
