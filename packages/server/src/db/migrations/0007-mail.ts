import { type Kysely, sql } from 'kysely';

/**
 * E-mail in: the mailboxes CalmDesk reads, every message taken from them (the raw bytes first, so a
 * message that fails to parse is kept) and their attachments. A message is taken once per mailbox by
 * UIDVALIDITY + UID and by Message-ID, whatever its flags say.
 */
const STATEMENTS = [
  `CREATE TABLE mailboxes (
    id text PRIMARY KEY,
    address text NOT NULL UNIQUE,
    imap_url text NOT NULL,
    imap_password text NOT NULL,
    smtp_url text,
    smtp_password text,
    reply_secret text NOT NULL,
    status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
    last_error text,
    last_sync_at timestamptz,
    uid_validity bigint,
    last_uid bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE mail_messages (
    id text PRIMARY KEY,
    mailbox_id text NOT NULL REFERENCES mailboxes (id),
    uid_validity bigint NOT NULL,
    uid bigint NOT NULL,
    message_id text,
    raw bytea NOT NULL,
    size int NOT NULL,
    state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'processed', 'ignored', 'failed')),
    kind text CHECK (kind IN ('mail', 'auto_reply', 'bounce')),
    reason text,
    attempts int NOT NULL DEFAULT 0,
    from_address text,
    subject text,
    case_id text REFERENCES cases (id),
    interaction_id text REFERENCES interactions (id),
    bounced_interaction_id text REFERENCES interactions (id),
    received_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    UNIQUE (mailbox_id, uid_validity, uid)
  )`,
  `CREATE UNIQUE INDEX mail_messages_message_id ON mail_messages (mailbox_id, message_id)
    WHERE message_id IS NOT NULL`,
  'CREATE INDEX mail_messages_state ON mail_messages (mailbox_id, state)',
  'CREATE INDEX mail_messages_case ON mail_messages (case_id)',
  `CREATE TABLE mail_attachments (
    id text PRIMARY KEY,
    message_id text NOT NULL REFERENCES mail_messages (id),
    filename text,
    content_type text NOT NULL,
    disposition text,
    content_id text,
    size int NOT NULL,
    content bytea,
    note text
  )`,
  'CREATE INDEX mail_attachments_message ON mail_attachments (message_id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
