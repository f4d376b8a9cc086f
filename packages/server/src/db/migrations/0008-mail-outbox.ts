import { type Kysely, sql } from 'kysely';

/**
 * E-mail out: every mail CalmDesk sends is written to the outbox in the same transaction as what
 * caused it (a reply, an acknowledgement, a boundary letter) and delivered afterwards, with retries. The
 * Message-ID is fixed when the row is written, so a delivery retried after a crash is the same mail.
 * A mailbox may acknowledge new mail (off by default).
 */
const STATEMENTS = [
  `CREATE TABLE mail_outbox (
    id text PRIMARY KEY,
    mailbox_id text NOT NULL REFERENCES mailboxes (id),
    case_id text REFERENCES cases (id),
    interaction_id text UNIQUE REFERENCES interactions (id),
    boundary_decision_id text REFERENCES boundary_decisions (id),
    kind text NOT NULL CHECK (kind IN ('reply', 'acknowledgement', 'letter', 'notification')),
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    message_id text NOT NULL UNIQUE,
    in_reply_to text,
    "references" text[] NOT NULL DEFAULT '{}',
    auto_submitted boolean NOT NULL DEFAULT false,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  )`,
  `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'queued'`,
  'CREATE INDEX mail_outbox_case ON mail_outbox (case_id)',
  'CREATE INDEX mail_outbox_boundary_decision ON mail_outbox (boundary_decision_id)',
  'ALTER TABLE mailboxes ADD COLUMN acknowledge boolean NOT NULL DEFAULT false',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
