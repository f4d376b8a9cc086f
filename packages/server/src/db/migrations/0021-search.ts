import { type Kysely, sql } from 'kysely';

/**
 * Search that ignores case and Polish and Estonian letters ("zolw" finds "żółw", "oun" finds "õun"):
 * calmdesk_fold lowers and takes the marks off, and trigram indexes (pg_trgm, also in PGlite) on the
 * folded text of every log entry, every case's subject and every customer's name, e-mails and phones
 * answer `LIKE '%…%'` without reading every row. They are indexes on expressions, so the database keeps
 * them in step with every write, an erasure too, and a backup holds nothing of them.
 *
 * Also: the audit log filtered by actor or action without reading it whole.
 */
const FROM = 'ĄĆĘŁŃÓŚŹŻąćęłńóśźżÕÄÖÜŠŽõäöüšžÀÁÂÃÅÇÈÉÊËÌÍÎÏÑÒÔÙÚÛÝàáâãåçèéêëìíîïñòôùúûýÿ';
const TO = 'ACELNOSZZacelnoszzOAOUSZoaouszAAAAACEEEEIIIINOOUUUYaaaaaceeeeiiiinoouuuyy';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (FROM.length !== TO.length) throw new Error('the fold maps one letter to one letter');
  // One migrator at a time creates the extension: two at once (tests, two servers) would both try.
  await sql`SELECT pg_advisory_xact_lock(hashtext('calmdesk:pg_trgm'))`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
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
    `CREATE INDEX interactions_search ON interactions USING gin (calmdesk_fold(body) ${ops})`,
    `CREATE INDEX cases_search ON cases USING gin (calmdesk_fold(subject) ${ops})`,
    `CREATE INDEX customers_search ON customers USING gin (calmdesk_customer_text(name, emails, phones) ${ops})`,
    'CREATE INDEX audit_log_by_actor ON audit_log (actor, id DESC)',
    'CREATE INDEX audit_log_by_action ON audit_log (action, id DESC)',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
