import { type Kysely, sql } from 'kysely';

/**
 * Mail failures as codes beside their English reason: a mailbox's last failure, a mail that could not
 * be taken into a case and a mail that was not delivered each get the kind of problem (which the web
 * app says in the reader's language) and the server's own words apart (shown as they are, in small
 * print). Rows written before have neither: their English reason is all there is.
 */
const STATEMENTS = [
  `ALTER TABLE mailboxes
    ADD COLUMN last_problem text
      CHECK (last_problem IN ('auth', 'tls', 'unreachable', 'timeout', 'folder', 'other')),
    ADD COLUMN last_detail text`,
  `ALTER TABLE mail_messages
    ADD COLUMN problem text CHECK (problem IN ('no_sender', 'unreadable', 'other')),
    ADD COLUMN detail text`,
  `ALTER TABLE mail_outbox
    ADD COLUMN last_problem text
      CHECK (last_problem IN (
        'auth', 'tls', 'unreachable', 'timeout', 'refused', 'deferred', 'bounced', 'no_smtp', 'other'
      )),
    ADD COLUMN last_detail text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
