import { type Kysely, sql } from 'kysely';
import { AUDIT_SHARDS } from './0016-evidence-log.ts';

/**
 * An audit entry's chain is picked by the transaction that writes it, no longer by its target: every
 * entry of one transaction goes to one chain. A transaction that audited two targets (a mail opening a
 * case for a customer writes about both) locked two chains' heads in the order of its writes, so two
 * such transactions could each hold the chain the other waited for, and PostgreSQL ended one of them
 * as a deadlock. Now a transaction holds at most one chain's head and never waits for a second. A
 * target's entries may then lie in several chains; their times, which each hash covers, order them.
 * Entries already written keep their chain: the shard is stored on the entry and never worked out again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      head audit_heads;
    BEGIN
      NEW.shard := (txid_current() % ${AUDIT_SHARDS})::int;
      SELECT * INTO head FROM audit_heads WHERE org_id = NEW.org_id AND shard = NEW.shard FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'no audit chain % for organisation %', NEW.shard, NEW.org_id;
      END IF;
      NEW.seq := head.last_seq + 1;
      NEW.prev_hash := head.last_hash;
      NEW.hash := audit_entry_hash(NEW);
      UPDATE audit_heads SET last_seq = NEW.seq, last_hash = NEW.hash
        WHERE org_id = NEW.org_id AND shard = NEW.shard;
      RETURN NEW;
    END
  $$`)
    .execute(db);
}
