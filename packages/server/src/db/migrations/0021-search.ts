import { type Kysely, sql } from 'kysely';

/**
 * Search that ignores case and Polish and Estonian letters ("zolw" finds "żółw", "oun" finds "õun"):
 * calmdesk_fold lowers and takes the marks off. case_search holds each case's searchable text folded
 * once, in parts — the subject with the customer's name, e-mails and phones (also as bare digits), and
 * each log entry — under a trigram index (pg_trgm, also in PGlite), so `LIKE '%…%'` reads neither the log nor
 * every case. The database keeps it in step (triggers below): every writer of cases, log entries and
 * customers, an erasure too, without any of them knowing about it.
 *
 * Also: the audit log filtered by actor or action without reading it whole.
 */
const FROM = 'ĄĆĘŁŃÓŚŹŻąćęłńóśźżÕÄÖÜŠŽõäöüšžÀÁÂÃÅÇÈÉÊËÌÍÎÏÑÒÔÙÚÛÝàáâãåçèéêëìíîïñòôùúûýÿ';
const TO = 'ACELNOSZZacelnoszzOAOUSZoaouszAAAAACEEEEIIIINOOUUUYaaaaaceeeeiiiinoouuuyy';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (FROM.length !== TO.length) throw new Error('the fold maps one letter to one letter');
  // One migrator at a time creates the extension: two at once (tests, two servers) would both try.
  await sql`SELECT pg_advisory_xact_lock(hashtext('calmdesk:pg_trgm'))`.execute(db);
  // In public, not in the schema being migrated: an extension lives once per database, and dropping a
  // schema that held it (a test's, a bench's) would take every other schema's trigram index with it.
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
  const { rows } = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'`.execute(db);
  const ops = `"${(rows[0]?.schema ?? 'public').replaceAll('"', '""')}".gin_trgm_ops`;
  const statements = [
    // translate before lower: lower() leaves non-ASCII letters alone under the C locale.
    `CREATE FUNCTION calmdesk_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN lower(translate(value, '${FROM}', '${TO}'))`,
    // A phone is also kept as its digits alone, so "600 123" finds "+48600123456".
    `CREATE FUNCTION calmdesk_customer_text(name text, emails text[], phones text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN calmdesk_fold(name || ' ' || array_to_string(emails, ' ') || ' ' || array_to_string(phones, ' ')
        || ' ' || regexp_replace(array_to_string(phones, ' '), '[^0-9 ]', '', 'g'))`,
    // One row per part of a case: part 0 its subject and customer, part n its log entry n. A new entry
    // adds its own row, so a long log costs nothing more per message than a short one.
    `CREATE TABLE case_search (
      case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      part int NOT NULL,
      doc text NOT NULL,
      PRIMARY KEY (case_id, part)
    )`,
    `CREATE INDEX case_search_doc ON case_search USING gin (doc ${ops})`,
    // Part 0 of some cases, built anew (a new case, a changed subject or customer).
    `CREATE FUNCTION case_search_header(ids text[]) RETURNS void LANGUAGE sql AS $$
      INSERT INTO case_search (case_id, part, doc)
      SELECT c.id, 0, calmdesk_fold(c.subject) || ' ' || calmdesk_customer_text(u.name, u.emails, u.phones)
      FROM cases c JOIN customers u ON u.id = c.customer_id WHERE c.id = ANY (ids)
      ON CONFLICT (case_id, part) DO UPDATE SET doc = EXCLUDED.doc
    $$`,
    // Every part of some cases, built anew.
    `CREATE FUNCTION case_search_refresh(ids text[]) RETURNS void LANGUAGE sql AS $$
      SELECT case_search_header(ids);
      INSERT INTO case_search (case_id, part, doc)
      SELECT i.case_id, i.seq, calmdesk_fold(i.body) FROM interactions i WHERE i.case_id = ANY (ids)
      ON CONFLICT (case_id, part) DO UPDATE SET doc = EXCLUDED.doc
    $$`,
    `CREATE FUNCTION case_search_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM case_search_header(ARRAY[NEW.id]);
        RETURN NULL;
      END
    $$`,
    `CREATE TRIGGER case_search_on_case_insert AFTER INSERT ON cases
      FOR EACH ROW EXECUTE FUNCTION case_search_on_case()`,
    `CREATE TRIGGER case_search_on_case_update AFTER UPDATE OF subject, customer_id ON cases
      FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
      EXECUTE FUNCTION case_search_on_case()`,
    // A new log entry, or one whose body was erased, is its own part: no rebuild on the path of every message.
    `CREATE FUNCTION case_search_on_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_search (case_id, part, doc) VALUES (NEW.case_id, NEW.seq, calmdesk_fold(NEW.body))
          ON CONFLICT (case_id, part) DO UPDATE SET doc = EXCLUDED.doc;
        RETURN NULL;
      END
    $$`,
    `CREATE TRIGGER case_search_on_entry_insert AFTER INSERT ON interactions
      FOR EACH ROW EXECUTE FUNCTION case_search_on_entry()`,
    `CREATE TRIGGER case_search_on_entry_erased AFTER UPDATE OF body ON interactions
      FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION case_search_on_entry()`,
    `CREATE FUNCTION case_search_on_customer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM case_search_header(ARRAY(SELECT id FROM cases WHERE customer_id = NEW.id));
        RETURN NULL;
      END
    $$`,
    `CREATE TRIGGER case_search_on_customer AFTER UPDATE OF name, emails, phones ON customers
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.emails IS DISTINCT FROM NEW.emails
        OR OLD.phones IS DISTINCT FROM NEW.phones)
      EXECUTE FUNCTION case_search_on_customer()`,
    // A restore inserts the rows the backup holds after the triggers above built them already: the
    // backup's row takes the place of the built one instead of failing on the key.
    `CREATE FUNCTION case_search_insert_replaces() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() = 1 AND EXISTS (
          SELECT 1 FROM case_search WHERE case_id = NEW.case_id AND part = NEW.part
        ) THEN
          UPDATE case_search SET doc = NEW.doc WHERE case_id = NEW.case_id AND part = NEW.part;
          RETURN NULL;
        END IF;
        RETURN NEW;
      END
    $$`,
    `CREATE TRIGGER case_search_insert_replaces BEFORE INSERT ON case_search
      FOR EACH ROW EXECUTE FUNCTION case_search_insert_replaces()`,
    'SELECT case_search_refresh(ARRAY(SELECT id FROM cases))',
    'CREATE INDEX audit_log_by_actor ON audit_log (actor, id DESC)',
    'CREATE INDEX audit_log_by_action ON audit_log (action, id DESC)',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
