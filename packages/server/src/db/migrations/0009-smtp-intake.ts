import { type Kysely, sql } from 'kysely';

/**
 * Mail received by CalmDesk's own SMTP listener is stored under UIDVALIDITY 0, which no IMAP server
 * gives (RFC 3501: a non-zero number), and a UID from this sequence: it never collides with a mail
 * read over IMAP, and never repeats, whichever process takes the mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE mail_smtp_uid AS bigint START 1`.execute(db);
}
