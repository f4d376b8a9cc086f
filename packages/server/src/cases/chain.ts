import { createHash } from 'node:crypto';
import type { InteractionRow } from '../db/schema.ts';

/** The hash of a case's first entry links to this, so an emptied log cannot pass for a fresh one. */
const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = Pick<
  InteractionRow,
  'case_id' | 'seq' | 'kind' | 'author_id' | 'body' | 'created_at' | 'overridden_by' | 'prev_hash'
>;

/**
 * The hash of one log entry: its facts and the previous entry's hash. The analysis is left out on
 * purpose: it is derived from the body and may be recomputed by a newer engine.
 */
export function entryHash(entry: ChainedFields): string {
  const facts = [
    entry.prev_hash,
    entry.case_id,
    entry.seq,
    entry.kind,
    entry.author_id,
    entry.body,
    entry.created_at.toISOString(),
    entry.overridden_by,
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The seq of the first entry that does not match its hash or its predecessor. */
  brokenAt?: number;
}

/** Walks a case's log oldest first and reports the first entry that was altered, removed or inserted. */
export function verifyChain(entries: Array<ChainedFields & Pick<InteractionRow, 'hash'>>): ChainVerdict {
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const intact =
      entry.seq === expectedSeq && entry.prev_hash === previous && entryHash(entry) === entry.hash;
    if (!intact) return { ok: false, entries: entries.length, brokenAt: entry.seq };
    previous = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length };
}
