import { createHash } from 'node:crypto';
import { CaseChangeSchema, LiveUserSchema } from '@calmdesk/contracts';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import type { Db, PostgresTarget } from '../db/database.ts';

/** A reply box opened (or kept open: a heartbeat) or closed. */
export const ReplyingSignalSchema = z.object({
  type: z.literal('replying'),
  caseId: z.string(),
  user: LiveUserSchema,
  active: z.boolean(),
});

/** What one server process tells all of them (itself included) on the live channel. */
export const SignalSchema = z.union([CaseChangeSchema, ReplyingSignalSchema]);
export type Signal = z.infer<typeof SignalSchema>;

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; ours are a few hundred. */
export const MAX_PAYLOAD_BYTES = 7_900;

export interface Transport {
  /** Tells every process on this database, this one included. Rejects when the message could not go. */
  send(signal: Signal): Promise<void>;
  /** Settles once this process hears the others (its first LISTEN succeeded, or gave up trying at start). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface TransportHooks {
  receive(signal: Signal): void;
  /** The LISTEN connection came back after a drop: whatever was sent meanwhile was missed. */
  reconnected(): void;
  warn(error: unknown, message: string): void;
}

/**
 * The NOTIFY channel of a schema: NOTIFY reaches every session of the database, whatever its schema,
 * so two CalmDesk instances (or test runs) sharing one database must not hear each other.
 */
export function channelOf(schema: string | undefined): string {
  const channel = schema ? `calmdesk_events_${schema}` : 'calmdesk_events';
  // An identifier is at most 63 bytes; a long schema name is replaced by its hash.
  if (channel.length <= 63) return channel;
  return `calmdesk_events_${createHash('sha256')
    .update(schema ?? '')
    .digest('hex')
    .slice(0, 32)}`;
}

/** The signal as the channel carries it, or null when it would not fit. */
export function encodeSignal(signal: Signal): string | null {
  const payload = JSON.stringify(signal);
  return Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES ? payload : null;
}

function decodeSignal(payload: string): Signal | null {
  try {
    const parsed = SignalSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Sends a signal on a schema's channel through the pool (after the write it announces committed). */
export async function notify(db: Db, schema: string | undefined, signal: Signal): Promise<void> {
  const payload = encodeSignal(signal);
  if (payload === null) throw new Error(`a live ${signal.type} signal is too large`);
  await sql`select pg_notify(${channelOf(schema)}, ${payload})`.execute(db);
}

/** One process on the embedded database: the channel is a function call. */
export function localTransport(hooks: TransportHooks): Transport {
  let isClosed = false;
  return {
    async send(signal) {
      if (encodeSignal(signal) === null) throw new Error(`a live ${signal.type} signal is too large`);
      // After the caller's own work, as a NOTIFY would arrive: a slow listener never delays the write's answer.
      queueMicrotask(() => {
        if (!isClosed) hooks.receive(signal);
      });
    },
    ready: Promise.resolve(),
    async close() {
      isClosed = true;
    },
  };
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
/** A LISTEN connection is asked `select 1` this often, so a half-open one is noticed and replaced. */
const PROBE_MS = 30_000;
const PROBE_TIMEOUT_MS = 10_000;
/** How long the start waits for the first LISTEN before serving anyway (it keeps trying). */
const READY_WAIT_MS = 10_000;

/**
 * PostgreSQL: a change is `pg_notify` through the pool (after the write committed, so a listener
 * never reads a case older than the event), and each process holds one connection of its own that
 * LISTENs, replaced with backoff whenever it drops.
 */
export function postgresTransport(db: Db, target: PostgresTarget, hooks: TransportHooks): Transport {
  const channel = channelOf(target.schema);
  let isClosed = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let probe: NodeJS.Timeout | undefined;
  let backoff = MIN_BACKOFF_MS;
  let hasListened = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const giveUpWaiting = setTimeout(markReady, READY_WAIT_MS);
  giveUpWaiting.unref();

  const connect = async () => {
    if (isClosed) return;
    const client = new pg.Client({
      connectionString: target.url,
      keepAlive: true,
      // Named after its schema, so an operator (or a test) can tell one instance's listener from another's.
      application_name: `calmdesk live ${target.schema ?? ''}`.trim().slice(0, 63),
    });
    let isDropped = false;
    const drop = (error?: unknown) => {
      if (isDropped) return;
      isDropped = true;
      if (current === client) current = null;
      client.end().catch(() => {});
      if (isClosed) return;
      if (error) hooks.warn(error, `the live updates' LISTEN connection dropped; retrying in ${backoff} ms`);
      retry = setTimeout(() => void connect(), backoff);
      retry.unref();
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      const signal = decodeSignal(message.payload);
      if (signal) hooks.receive(signal);
    });
    client.on('error', (error) => drop(error));
    client.on('end', () => drop(new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      drop(error);
      return;
    }
    if (isClosed || isDropped) {
      client.end().catch(() => {});
      return;
    }
    current = client;
    backoff = MIN_BACKOFF_MS;
    if (hasListened) hooks.reconnected();
    hasListened = true;
    clearTimeout(giveUpWaiting);
    markReady();
  };

  const probeConnection = async () => {
    const client = current;
    if (!client) return;
    const timeout = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to select 1')), PROBE_TIMEOUT_MS);
      timer.unref();
    });
    try {
      await Promise.race([client.query('select 1'), timeout]);
    } catch (error) {
      client.emit('error', error);
    }
  };
  probe = setInterval(() => void probeConnection(), PROBE_MS);
  probe.unref();
  void connect();

  return {
    send: (signal) => notify(db, target.schema, signal),
    ready,
    async close() {
      isClosed = true;
      clearTimeout(retry);
      clearInterval(probe);
      clearTimeout(giveUpWaiting);
      markReady();
      const client = current;
      current = null;
      await client?.end().catch(() => {});
    },
  };
}
