import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import {
  type ClaimedJob,
  claimJobs,
  insertScheduledRuns,
  kickJob,
  markJobAttemptFailed,
  markJobDone,
  renewLeases,
} from './jobs.service.ts';

/** A job as its handler sees it. */
export interface RunningJob {
  id: string;
  name: string;
  /** The time slot of a scheduled run; null for a one-off job. */
  slot: Date | null;
  payload: Record<string, unknown>;
  attempt: number;
}

/** What a job does, and when: every `everyMs` (one run per slot across all processes), or when queued. */
export interface JobDefinition {
  name: string;
  /** Must be idempotent: a run whose process died mid-way is run again. */
  run(job: RunningJob): Promise<unknown>;
  /** A recurring schedule of that name: the slots are multiples of `everyMs` since the epoch. */
  everyMs?: number;
  /** Attempts before the job fails for good (default 5). */
  maxAttempts?: number;
  /** The first retry's wait; each next one doubles it, up to an hour (default 10 s). */
  retryMs?: number;
}

export interface RunnerOptions {
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  now?: () => Date;
  /** How often the table is looked at for due jobs when nothing wakes the runner (default 1 s). */
  pollMs?: number;
  /** How long a claimed job is left to this process before another may take it (renewed while it runs). */
  leaseMs?: number;
  /** How many jobs this process runs at once (default 4). */
  concurrency?: number;
}

export interface JobRunner {
  /** Who this runner is in `jobs.locked_by`. */
  holder: string;
  /** Runs `name` once, soon (a one-off job, unless one is already waiting), and wakes this runner. */
  kick(name: string): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_RETRY_MS = 10_000;
const MAX_RETRY_MS = 60 * 60_000;

/**
 * Runs the background jobs of this process from the `jobs` table: writes the run of each schedule's
 * current slot (once across processes), claims due jobs with a lease, and records each attempt. A
 * failed attempt waits with exponential backoff; the last one fails the job with its error, which the
 * owner sees under Settings. A handler's exception never leaves the runner.
 */
export function startJobRunner(
  db: Db,
  definitions: readonly JobDefinition[],
  options: RunnerOptions,
): JobRunner {
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const concurrency = options.concurrency ?? 4;
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const names = [...byName.keys()];
  const scheduled = definitions.filter((d) => d.everyMs !== undefined);
  const slotWritten = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let wake: (() => void) | null = null;
  let pending = false;
  const poke = () => {
    pending = true;
    wake?.();
  };

  const slotOf = (d: JobDefinition, at: number) => Math.floor(at / (d.everyMs ?? 1)) * (d.everyMs ?? 1);

  async function writeSlots(at: Date): Promise<void> {
    const runs = scheduled
      .filter((d) => slotWritten.get(d.name) !== slotOf(d, at.getTime()))
      .map((d) => ({
        schedule: d.name,
        name: d.name,
        slot: new Date(slotOf(d, at.getTime())),
        maxAttempts: d.maxAttempts ?? DEFAULT_ATTEMPTS,
      }));
    await insertScheduledRuns(db, runs, at);
    for (const run of runs) slotWritten.set(run.schedule, run.slot.getTime());
  }

  async function execute(job: ClaimedJob): Promise<void> {
    const definition = byName.get(job.name);
    let error: unknown = null;
    try {
      if (!definition) throw new Error(`no handler for ${job.name}`);
      // A job taken again after its lease ran out on its last attempt is not run once more.
      if (job.attempts > job.maxAttempts)
        throw new Error('its process stopped while running it and no attempt is left');
      await definition.run({
        id: job.id,
        name: job.name,
        slot: job.slot,
        payload: job.payload,
        attempt: job.attempts,
      });
    } catch (caught) {
      error = caught ?? new Error('failed');
    }
    try {
      if (error === null) {
        await markJobDone(db, job, now());
        return;
      }
      const final = job.attempts >= job.maxAttempts;
      const firstRetryMs = definition?.retryMs ?? DEFAULT_RETRY_MS;
      const wait = Math.min(firstRetryMs * 2 ** (job.attempts - 1), MAX_RETRY_MS);
      options.log.warn({ job: job.id, name: job.name, err: error, final }, 'a background job failed');
      await markJobAttemptFailed(
        db,
        job,
        describeError(error),
        final ? null : new Date(now().getTime() + wait),
        now(),
      );
    } catch (writeError) {
      options.log.error({ job: job.id, err: writeError }, 'could not record a background job');
    }
  }

  async function tick(): Promise<void> {
    await writeSlots(now());
    const free = concurrency - running.size;
    if (free <= 0) return;
    const claimed = await claimJobs(
      db,
      { names, limit: free, leaseMs, holder, holding: [...running.keys()] },
      now(),
    );
    for (const job of claimed) {
      const done = execute(job).finally(() => {
        running.delete(job.id);
        poke();
      });
      running.set(job.id, done);
    }
    if (claimed.length === free) pending = true;
  }

  const heartbeat = setInterval(
    () => {
      if (running.size === 0) return;
      renewLeases(db, holder, [...running.keys()], new Date(now().getTime() + leaseMs)).catch((error) =>
        options.log.warn({ err: error }, 'could not renew the leases of background jobs'),
      );
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  heartbeat.unref();

  const loop = (async () => {
    while (!stopped) {
      pending = false;
      try {
        await tick();
      } catch (error) {
        options.log.warn({ err: error }, 'could not look for background jobs');
      }
      if (stopped || pending) continue;
      const at = now().getTime();
      const untilNextSlot = Math.min(
        ...scheduled.map((d) => slotOf(d, at) + (d.everyMs ?? 0) - at),
        Number.POSITIVE_INFINITY,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, Math.min(pollMs, untilNextSlot)));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    holder,
    async kick(name) {
      const definition = byName.get(name);
      if (!definition) throw new Error(`no background job named ${name}`);
      await kickJob(db, name, definition.maxAttempts ?? DEFAULT_ATTEMPTS, now());
      poke();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      // The jobs under way finish (their results recorded) before the database closes.
      await Promise.all(running.values());
      clearInterval(heartbeat);
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
