import { type Kysely, sql } from 'kysely';

/**
 * A version on every case row, moved on by the database itself at every UPDATE, so no code path can
 * forget it. A writer that read the case without locking it writes only if the version is still the
 * one it read (optimistic concurrency); `case_changed()` is how a statement says it was not.
 */
const STATEMENTS = [
  'ALTER TABLE cases ADD COLUMN version int NOT NULL DEFAULT 0',
  `CREATE FUNCTION cases_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.version := OLD.version + 1;
      RETURN NEW;
    END $$`,
  `CREATE TRIGGER cases_next_version BEFORE UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_next_version()`,
  `CREATE FUNCTION case_changed() RETURNS int LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the case changed since it was read' USING ERRCODE = 'serialization_failure';
    END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
