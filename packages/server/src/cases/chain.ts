import { createHash } from 'node:crypto';
import type { ChainProblem } from '@calmdesk/contracts';
import type { InteractionRow } from '../db/schema.ts';

/** The hash of a case's first entry links to this, so an emptied log cannot pass for a fresh one. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an erased body holds: the text is gone, its digest (and so the chain) stays. */
export const ERASED_BODY = '';

/** Tags the hash format, so a later format can never produce a hash that passes for this one. */
const FORMAT = 'calmdesk-log/2';

/**
 * A log's first entry after migration 0016 chains to this record of the old chain's head: the
 * entries were hashed again over their digests, and the old head stays provable from an old backup.
 * A log the migration found already broken says where, and stays reported as broken.
 */
export function migratedOrigin(oldHead: string, brokenAt: number | undefined): string {
  return brokenAt === undefined ? `0016:${oldHead}` : `0016-broken-at-${brokenAt}:${oldHead}`;
}

function brokenBeforeMigration(origin: string): number | undefined {
  const found = /^0016-broken-at-(\d+):/.exec(origin);
  return found ? Number(found[1]) : undefined;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * JSON with every object's keys sorted: jsonb gives an object back in its own key order, so the digest
 * of a stored analysis must not depend on the order it was written in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The digest of a stored JSON part (analysis, coaching); null when there is none. */
export function jsonDigest(value: unknown): string | null {
  return value === null || value === undefined ? null : sha256Hex(canonicalJson(value));
}

export type ChainedFields = Pick<
  InteractionRow,
  | 'case_id'
  | 'seq'
  | 'kind'
  | 'author_id'
  | 'created_at'
  | 'overridden_by'
  | 'prev_hash'
  | 'body_digest'
  | 'analysis_digest'
  | 'coaching_digest'
  | 'attachments_digest'
> &
  Partial<Pick<InteractionRow, 'via' | 'call_direction' | 'call_minutes'>>;

/**
 * The hash of one log entry: its facts, the digests of its stored parts and the previous entry's
 * hash. Digests rather than the parts themselves, so a part erased on request leaves the chain whole.
 */
export function entryHash(entry: ChainedFields): string {
  const facts = [
    FORMAT,
    entry.prev_hash,
    entry.case_id,
    entry.seq,
    entry.kind,
    entry.author_id,
    entry.created_at.toISOString(),
    entry.overridden_by,
    entry.body_digest,
    entry.analysis_digest,
    entry.coaching_digest,
    entry.attachments_digest,
  ];
  // How a logged message came and a call's direction and length are facts too; an entry without them
  // hashes as it always did, so the logs written before they existed stay whole.
  const logged = [entry.via ?? null, entry.call_direction ?? null, entry.call_minutes ?? null];
  if (logged.some((fact) => fact !== null)) facts.push(...logged);
  return sha256Hex(JSON.stringify(facts));
}

/** One attachment of the mail an entry came from, as mail_attachments stores it; its content by digest. */
export interface AttachmentFacts {
  filename: string | null;
  content_type: string;
  disposition: string | null;
  content_id: string | null;
  size: number;
  /** SHA-256 of the content; null when the content was not kept (too large). */
  content_digest: string | null;
  note: string | null;
}

/** The digest of an entry's attachments in any order; null when it has none. */
export function attachmentsDigest(attachments: readonly AttachmentFacts[]): string | null {
  if (attachments.length === 0) return null;
  return sha256Hex(`[${attachments.map(canonicalJson).sort().join(',')}]`);
}

/** The digests of an entry's parts, as stored beside them. */
export function partDigests(parts: {
  body: string;
  analysis: unknown;
  coaching: unknown;
  attachments?: readonly AttachmentFacts[];
}) {
  return {
    body_digest: sha256Hex(parts.body),
    analysis_digest: jsonDigest(parts.analysis),
    coaching_digest: jsonDigest(parts.coaching),
    attachments_digest: attachmentsDigest(parts.attachments ?? []),
  };
}

export type StoredEntry = ChainedFields &
  Pick<InteractionRow, 'hash' | 'body' | 'analysis' | 'coaching' | 'erased_at'> & {
    /** The attachments of the mail the entry came from, as stored now. */
    attachments?: readonly AttachmentFacts[];
  };

/**
 * Whether the parts still stored match their digests. A part erased on request (an entry with
 * `erased_at`; its mail's attachments too) is taken from its digest; a missing part of an entry never
 * erased must never have been.
 */
export function partsMatch(entry: StoredEntry): boolean {
  const erased = entry.erased_at !== null;
  const bodyGone = erased && (entry.body === null || entry.body === ERASED_BODY);
  const bodyOk = bodyGone || sha256Hex(entry.body) === entry.body_digest;
  const jsonOk = (value: unknown, digest: string | null) =>
    value === null ? erased || digest === null : jsonDigest(value) === digest;
  const attachmentsOk = erased || attachmentsDigest(entry.attachments ?? []) === entry.attachments_digest;
  return (
    bodyOk &&
    attachmentsOk &&
    jsonOk(entry.analysis, entry.analysis_digest) &&
    jsonOk(entry.coaching, entry.coaching_digest)
  );
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The seq of the first entry that was altered, removed or added outside CalmDesk. */
  brokenAt?: number;
  problem?: ChainProblem;
}

/** Where a case's chain starts and where the case row says it ends. */
export interface ChainEnds {
  origin: string;
  lastSeq: number;
  lastHash: string;
}

/**
 * Walks a case's log oldest first and reports the first entry that was altered, removed or inserted;
 * then holds the log to the end the case row recorded, so removing the newest entries (or all of them)
 * or adding one without moving the case's end shows.
 */
export function verifyChain(entries: StoredEntry[], ends: ChainEnds): ChainVerdict {
  const count = entries.length;
  const broken = (brokenAt: number, problem: ChainProblem): ChainVerdict => ({
    ok: false,
    entries: count,
    brokenAt,
    problem,
  });
  const before = brokenBeforeMigration(ends.origin);
  if (before !== undefined) return broken(before, 'altered_before_migration');
  let previous = ends.origin;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq > expectedSeq) return broken(expectedSeq, 'missing');
    const intact =
      entry.seq === expectedSeq &&
      entry.prev_hash === previous &&
      entryHash(entry) === entry.hash &&
      partsMatch(entry);
    if (!intact) return broken(entry.seq, 'altered');
    previous = entry.hash;
    expectedSeq += 1;
  }
  if (count < ends.lastSeq) return broken(count + 1, 'missing');
  if (count > ends.lastSeq) return broken(ends.lastSeq + 1, 'unrecorded');
  if (previous !== ends.lastHash) return broken(Math.max(count, 1), 'altered');
  return { ok: true, entries: count };
}
