import { type Kysely, sql } from 'kysely';

/**
 * A version on every case row and on the organisation row, moved on by the database itself at every
 * UPDATE, so no code path can forget it. A writer that read a case and the settings without locking
 * them writes only if both versions are still the ones it read (optimistic concurrency);
 * `case_changed()` is how a statement says they were not.
 */
const STATEMENTS = [
  'ALTER TABLE cases ADD COLUMN version int NOT NULL DEFAULT 0',
  // Every message updates its case: room on each page lets the update stay on it (a HOT update, no
  // new entry in the case's seven indexes) whenever no indexed column (priority, status, due) changed.
  'ALTER TABLE cases SET (fillfactor = 85)',
  'ALTER TABLE organisation ADD COLUMN version int NOT NULL DEFAULT 0',
  `CREATE FUNCTION next_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.version := OLD.version + 1;
      RETURN NEW;
    END $$`,
  'CREATE TRIGGER cases_next_version BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION next_version()',
  `CREATE TRIGGER organisation_next_version BEFORE UPDATE ON organisation
    FOR EACH ROW EXECUTE FUNCTION next_version()`,
  `CREATE FUNCTION case_changed() RETURNS int LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the case or the settings changed since they were read' USING ERRCODE = 'serialization_failure';
    END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
