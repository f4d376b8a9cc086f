import type { Db } from '../db/database.ts';

/** How long an answer is kept for a retry. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/**
 * A first request that has not answered in this long died with its process: its key is taken over.
 * Longer than any request CalmDesk answers (the body limit is 1 MB; imports stream and keep no key).
 */
export const ABANDONED_AFTER_MS = 5 * 60_000;

/** One client's key for one operation. */
export interface KeyId {
  actor: string;
  key: string;
  operation: string;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; response: string }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

/**
 * Takes the key for this request, or says why not: the stored answer of the same request, another
 * request under the same key, or the same request still being answered. The INSERT decides between
 * two simultaneous requests: exactly one of them claims the key.
 */
export async function claimKey(db: Db, id: KeyId, requestHash: string, now: Date): Promise<Claim> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ ...id, request_hash: requestHash, status: null, response: null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { kind: 'claimed' };
  const takenOver = await takeOverStale(db, id, requestHash, now);
  if (takenOver) return { kind: 'claimed' };
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response'])
    .where('actor', '=', id.actor)
    .where('key', '=', id.key)
    .where('operation', '=', id.operation)
    .executeTakeFirst();
  // Purged between the two statements: nobody holds the key any more.
  if (!row) return claimKey(db, id, requestHash, now);
  if (row.request_hash !== requestHash) return { kind: 'reused' };
  if (row.status === null || row.response === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: row.status, response: row.response };
}

/** An expired answer, or a first request abandoned by a process that died, gives way to this one. */
async function takeOverStale(db: Db, id: KeyId, requestHash: string, now: Date): Promise<boolean> {
  const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const abandoned = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const row = await db
    .updateTable('idempotency_keys')
    .set({ request_hash: requestHash, status: null, response: null, created_at: now })
    .where('actor', '=', id.actor)
    .where('key', '=', id.key)
    .where('operation', '=', id.operation)
    .where((eb) =>
      eb.or([
        eb('created_at', '<', expired),
        eb.and([eb('status', 'is', null), eb('created_at', '<', abandoned)]),
      ]),
    )
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the answer of a claimed key for the retries. */
export async function storeAnswer(db: Db, id: KeyId, status: number, response: string): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status, response })
    .where('actor', '=', id.actor)
    .where('key', '=', id.key)
    .where('operation', '=', id.operation)
    .execute();
}

/** Frees a claimed key whose request failed: it created nothing, so a retry may run again. */
export async function releaseKey(db: Db, id: KeyId): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('actor', '=', id.actor)
    .where('key', '=', id.key)
    .where('operation', '=', id.operation)
    .where('status', 'is', null)
    .execute();
}

/** The `idempotency.purge` job: answers older than a day are forgotten. */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
