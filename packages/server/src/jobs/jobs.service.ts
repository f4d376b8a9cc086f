import type { FailedJob, JobRetried, JobSchedule, JobsOverview } from '@calmdesk/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { notFound } from '../errors.ts';

/** A run of a recurring schedule, due in its time slot. */
export interface ScheduledRun {
  schedule: string;
  name: string;
  slot: Date;
  maxAttempts: number;
}

/**
 * Writes the runs of these slots; a slot another process wrote already is left alone (the unique
 * schedule and slot), so each slot has one row however many processes ask.
 */
export async function insertScheduledRuns(db: Db, runs: readonly ScheduledRun[], now: Date): Promise<void> {
  if (runs.length === 0) return;
  await db
    .insertInto('jobs')
    .values(
      runs.map((run) => ({
        id: newId(),
        name: run.name,
        schedule: run.schedule,
        slot: run.slot,
        payload: '{}',
        max_attempts: run.maxAttempts,
        run_at: run.slot,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['schedule', 'slot']).doNothing())
    .execute();
}

/** Queues a one-off job, due at `runAt` (now when not given). */
export async function enqueueJob(
  db: Db,
  job: { name: string; payload?: Record<string, unknown>; maxAttempts: number; runAt?: Date },
  now: Date,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('jobs')
    .values({
      id,
      name: job.name,
      schedule: null,
      slot: null,
      payload: JSON.stringify(job.payload ?? {}),
      max_attempts: job.maxAttempts,
      run_at: job.runAt ?? now,
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * Queues a one-off run of `name` now unless one is already waiting to start: a job that has not
 * started yet will see whatever made the caller ask, so a burst of asks is one run.
 */
export async function kickJob(db: Db, name: string, maxAttempts: number, now: Date): Promise<void> {
  await sql`
    INSERT INTO jobs (id, name, payload, max_attempts, run_at, created_at)
    SELECT ${newId()}, ${name}, '{}', ${maxAttempts}, ${now}, ${now}
    WHERE NOT EXISTS (
      SELECT 1 FROM jobs WHERE name = ${name} AND schedule IS NULL AND state = 'queued' AND attempts = 0
    )`.execute(db);
}

export interface ClaimedJob {
  id: string;
  name: string;
  schedule: string | null;
  slot: Date | null;
  payload: Record<string, unknown>;
  /** This attempt's number: it fences the result, so a runner whose lease ran out cannot write it. */
  attempts: number;
  maxAttempts: number;
}

/**
 * Takes up to `limit` due jobs of these names for `holder`: each is marked running with a lease
 * (`run_at` moved ahead), so a holder that dies leaves it to be taken again when the lease runs out,
 * and two runners never take the same job at once (SKIP LOCKED). A running job whose lease ran out is
 * due again. `holding` are the jobs this runner still runs: never taken twice by the same runner.
 */
export async function claimJobs(
  db: Db,
  options: {
    names: readonly string[];
    limit: number;
    leaseMs: number;
    holder: string;
    holding: readonly string[];
  },
  now: Date,
): Promise<ClaimedJob[]> {
  if (options.names.length === 0 || options.limit <= 0) return [];
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      attempts: eb('attempts', '+', 1),
      run_at: new Date(now.getTime() + options.leaseMs),
      locked_by: options.holder,
    }))
    .where('id', 'in', (eb) => {
      let due = eb
        .selectFrom('jobs')
        .select('id')
        .where('state', 'in', ['queued', 'running'])
        .where('run_at', '<=', now)
        .where('name', 'in', options.names);
      if (options.holding.length > 0) due = due.where('id', 'not in', options.holding);
      return due.orderBy('run_at').limit(options.limit).forUpdate().skipLocked();
    })
    .returning(['id', 'name', 'schedule', 'slot', 'payload', 'attempts', 'max_attempts'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    schedule: row.schedule,
    slot: row.slot,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/** Moves the leases of the jobs this holder still runs ahead. */
export async function renewLeases(
  db: Db,
  holder: string,
  ids: readonly string[],
  until: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ run_at: until })
    .where('id', 'in', ids)
    .where('state', '=', 'running')
    .where('locked_by', '=', holder)
    .execute();
}

/** This attempt succeeded; false when the job was taken by another runner meanwhile. */
export async function markJobDone(db: Db, job: ClaimedJob, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: now, last_error: null })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** This attempt failed: tried again at `retryAt`, or failed for good (`retryAt` null) with the error kept. */
export async function markJobAttemptFailed(
  db: Db,
  job: ClaimedJob,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { state: 'queued', run_at: retryAt, last_error: error.slice(0, 2000) }
        : { state: 'failed', finished_at: now, last_error: error.slice(0, 2000) },
    )
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
}

/** A failed job runs again now, with its attempts counted afresh; its last error stays until it succeeds. */
export async function retryJob(db: Db, id: string, now: Date): Promise<JobRetried> {
  const row = await db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: now, finished_at: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const exists = await db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst();
    if (!exists) throw notFound('job', id);
    return { id, state: exists.state };
  }
  return { id: row.id, state: 'queued' };
}

/** How long finished runs are kept: a day of successes, a month of failures. */
const KEEP_DONE_MS = 86_400_000;
const KEEP_FAILED_MS = 30 * 86_400_000;

/** Deletes old finished runs; the newest success of each schedule is always kept. */
export async function purgeFinishedJobs(db: Db, now: Date): Promise<number> {
  const result = await sql`
    DELETE FROM jobs j
    WHERE (j.state = 'done' AND j.finished_at < ${new Date(now.getTime() - KEEP_DONE_MS)}
        AND (j.schedule IS NULL OR j.slot < (SELECT max(d.slot) FROM jobs d WHERE d.schedule = j.schedule AND d.state = 'done')))
      OR (j.state = 'failed' AND j.finished_at < ${new Date(now.getTime() - KEEP_FAILED_MS)})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const FAILED_SHOWN = 50;

/**
 * For the owner: each schedule's latest run, last success and last failure (with its error), how many
 * runs failed since the last success and whether one is being retried; and the failed one-off jobs.
 */
export async function jobsOverview(db: Db): Promise<JobsOverview> {
  const [latest, successes, failures, failing, failed] = await Promise.all([
    sql<{ schedule: string; slot: Date; state: string; attempts: number; last_error: string | null }>`
      SELECT DISTINCT ON (schedule) schedule, slot, state, attempts, last_error
      FROM jobs WHERE schedule IS NOT NULL ORDER BY schedule, slot DESC`.execute(db),
    sql<{ schedule: string; finished_at: Date }>`
      SELECT DISTINCT ON (schedule) schedule, finished_at
      FROM jobs WHERE schedule IS NOT NULL AND state = 'done' ORDER BY schedule, slot DESC`.execute(db),
    sql<{ schedule: string; id: string; finished_at: Date; last_error: string | null; attempts: number }>`
      SELECT DISTINCT ON (schedule) schedule, id, finished_at, last_error, attempts
      FROM jobs WHERE schedule IS NOT NULL AND state = 'failed' ORDER BY schedule, slot DESC`.execute(db),
    sql<{ schedule: string; n: number | string }>`
      SELECT j.schedule, count(*) AS n FROM jobs j
      WHERE j.schedule IS NOT NULL AND j.state = 'failed'
        AND j.slot > coalesce((SELECT max(d.slot) FROM jobs d WHERE d.schedule = j.schedule AND d.state = 'done'), '-infinity')
      GROUP BY j.schedule`.execute(db),
    db
      .selectFrom('jobs')
      .select(['id', 'name', 'attempts', 'last_error', 'finished_at', 'created_at'])
      .where('schedule', 'is', null)
      .where('state', '=', 'failed')
      .orderBy('finished_at', 'desc')
      .limit(FAILED_SHOWN)
      .execute(),
  ]);
  const successOf = new Map(successes.rows.map((r) => [r.schedule, r.finished_at]));
  const failureOf = new Map(failures.rows.map((r) => [r.schedule, r]));
  const failingOf = new Map(failing.rows.map((r) => [r.schedule, Number(r.n)]));
  const schedules = latest.rows.map((run): JobSchedule => {
    const failure = failureOf.get(run.schedule);
    return {
      name: run.schedule,
      lastRunAt: iso(run.slot),
      lastSuccessAt: successOf.has(run.schedule) ? iso(successOf.get(run.schedule) as Date) : null,
      lastFailure: failure
        ? {
            jobId: failure.id,
            at: iso(failure.finished_at),
            error: failure.last_error,
            attempts: failure.attempts,
          }
        : null,
      failing: failingOf.get(run.schedule) ?? 0,
      retrying: run.state !== 'done' && run.state !== 'failed' && run.last_error !== null,
    };
  });
  return {
    schedules,
    failed: failed.map(
      (job): FailedJob => ({
        id: job.id,
        name: job.name,
        attempts: job.attempts,
        error: job.last_error,
        createdAt: job.created_at.toISOString(),
        failedAt: job.finished_at ? job.finished_at.toISOString() : job.created_at.toISOString(),
      }),
    ),
  };
}

// Raw queries on PGlite and pg both read timestamptz as Date; the guard keeps a text value working too.
function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
