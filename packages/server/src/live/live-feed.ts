import { randomBytes } from 'node:crypto';
import type { CaseChange, CaseDetail, LiveEvent, LiveUser } from '@calmdesk/contracts';
import { type Db, postgresTargetOf } from '../db/database.ts';
import { createPresenceBoard, REPLYING_TTL_MS } from './presence.ts';
import { localTransport, notify, postgresTransport, type Signal, type Transport } from './transport.ts';

/** Changes kept for a browser that reconnects with `Last-Event-ID` (a few minutes of a busy desk). */
const REPLAY_CAPACITY = 1_000;
const PRESENCE_SWEEP_MS = 2_000;

/** One open event stream: takes whole SSE frames. */
export type StreamWriter = (frame: string) => void;

export interface LiveFeed {
  /** Tells every process; never rejects (the write it announces has committed already). */
  publish(signal: Signal): Promise<void>;
  /**
   * Attaches a stream. It first gets what it missed since `lastEventId` (or a `resync` when that
   * cannot be told: another process's id, or older than what is kept), then who is replying where,
   * then every event as it comes. Returns the detach function.
   */
  attach(write: StreamWriter, lastEventId: string | undefined): () => void;
  /** Who else is replying on a case, as this process knows it. */
  othersReplying(caseId: string, userId: string): LiveUser[];
  /** Settles once this process hears the others. */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Logger {
  warn(obj: object, msg: string): void;
}

const feeds = new WeakMap<Db, LiveFeed>();

export function liveFeedOf(db: Db): LiveFeed | undefined {
  return feeds.get(db);
}

/**
 * Announces a committed change to every open inbox and case page, in this process and, on
 * PostgreSQL, in every other one. Call it with the database handle (not a transaction) after the
 * write; it never throws, and a failure to announce costs only liveness: pages also refetch on focus
 * and on reconnect.
 */
export async function publishChange(db: Db, change: CaseChange): Promise<void> {
  const feed = feeds.get(db);
  if (feed) return feed.publish(change);
  // A process that serves no pages (a CLI command on PostgreSQL) still tells the servers.
  const target = postgresTargetOf(db);
  if (!target) return;
  await notify(db, target.schema, change).catch(() => {});
}

/** The event of a case just opened or changed: its id, status and assignee, nothing its customer wrote. */
export function caseChangeOf(type: 'case.created' | 'case.updated', item: CaseDetail): CaseChange {
  return { type, caseId: item.id, status: item.status, assigneeId: item.assignee?.id ?? null };
}

/** Starts this process's live feed on a database: its transport, the replay buffer and the presence board. */
export function openLiveFeed(db: Db, log: Logger): LiveFeed {
  const boot = randomBytes(6).toString('base64url');
  let seq = 0;
  const replay: Array<{ seq: number; frame: string }> = [];
  const streams = new Set<StreamWriter>();
  const board = createPresenceBoard(REPLYING_TTL_MS);

  const broadcast = (frame: string) => {
    for (const write of streams) write(frame);
  };
  const presenceFrame = (caseId: string) =>
    frameOf({ type: 'presence', caseId, users: board.usersOf(caseId) });

  const receive = (signal: Signal) => {
    if (signal.type === 'replying') {
      if (board.mark(signal.caseId, signal.user, signal.active, Date.now())) {
        broadcast(presenceFrame(signal.caseId));
      }
      return;
    }
    seq += 1;
    const frame = frameOf(signal, `${boot}.${seq}`);
    replay.push({ seq, frame });
    if (replay.length > REPLAY_CAPACITY) replay.shift();
    broadcast(frame);
  };
  const hooks = {
    receive,
    // Changes sent while the LISTEN connection was down never arrive: the pages must fetch again.
    reconnected: () => broadcast(frameOf({ type: 'resync' })),
    warn: (error: unknown, message: string) => log.warn({ err: error }, message),
  };
  const target = postgresTargetOf(db);
  const transport: Transport = target ? postgresTransport(db, target, hooks) : localTransport(hooks);

  const sweep = setInterval(() => {
    for (const caseId of board.expire(Date.now())) broadcast(presenceFrame(caseId));
  }, PRESENCE_SWEEP_MS);
  sweep.unref();

  /** The frames a stream coming back with `lastEventId` missed, or null when they cannot be told. */
  const missedSince = (lastEventId: string): string[] | null => {
    const [lastBoot, lastSeqText] = lastEventId.split('.');
    const lastSeq = Number(lastSeqText);
    if (lastBoot !== boot || !Number.isInteger(lastSeq) || lastSeq > seq) return null;
    const oldest = replay[0]?.seq ?? seq + 1;
    if (lastSeq + 1 < oldest) return null;
    return replay.filter((entry) => entry.seq > lastSeq).map((entry) => entry.frame);
  };

  const feed: LiveFeed = {
    async publish(signal) {
      try {
        await transport.send(signal);
      } catch (error) {
        log.warn({ err: error, event: signal.type }, 'could not announce a change to the live screens');
      }
    },
    attach(write, lastEventId) {
      if (lastEventId) {
        const missed = missedSince(lastEventId);
        for (const frame of missed ?? [frameOf({ type: 'resync' })]) write(frame);
      }
      for (const caseId of board.cases()) write(presenceFrame(caseId));
      streams.add(write);
      return () => streams.delete(write);
    },
    othersReplying(caseId, userId) {
      return board.usersOf(caseId).filter((user) => user.id !== userId);
    },
    ready: transport.ready,
    async close() {
      clearInterval(sweep);
      streams.clear();
      if (feeds.get(db) === feed) feeds.delete(db);
      await transport.close();
    },
  };
  feeds.set(db, feed);
  return feed;
}

/** An SSE frame: the event as one `data:` line (JSON has no raw line breaks), with its id when it has one. */
export function frameOf(event: LiveEvent, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(event)}\n\n`;
}
