import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeExpiredSessions, signIn } from '../auth/auth.service.ts';
import type { OpenDatabase } from '../db/database.ts';
import { eventually } from '../testing/eventually.ts';
import { createTestApp, openTestDatabase, TEST_DATABASES } from '../testing/test-app.ts';
import { type JobDefinition, type JobRunner, startJobRunner } from './job-runner.ts';
import { claimJobs, enqueueJob, insertScheduledRuns, markJobAttemptFailed } from './jobs.service.ts';

const quiet = { warn() {}, error() {} };

describe.each(TEST_DATABASES)('the job runner on %s', (kind) => {
  let database: OpenDatabase;
  let runners: JobRunner[];
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    runners = [];
  });
  afterEach(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await database.close();
  });
  const start = (definitions: JobDefinition[], leaseMs = 30_000) => {
    const runner = startJobRunner(database.db, definitions, { log: quiet, pollMs: 20, leaseMs });
    runners.push(runner);
    return runner;
  };
  const jobRow = (id: string) =>
    database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('runs each slot of a schedule once however many runners share the database', async () => {
    const slots: number[] = [];
    for (let i = 0; i < 3; i++) {
      start([
        {
          name: 'tick',
          everyMs: 60,
          run: async (job) => {
            slots.push(job.slot?.getTime() ?? 0);
          },
        },
      ]);
    }
    await eventually(async () => slots.length >= 8, 'eight slots run');
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.every((slot) => slot % 60 === 0)).toBe(true);
    const rows = await database.db
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('schedule', '=', 'tick')
      .where('state', '=', 'done')
      .execute();
    expect(rows.length).toBe(slots.length);
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
  });

  it('retries a failing job with growing waits, then fails it with its error while the others run', async () => {
    const attempts: number[] = [];
    const ticks: number[] = [];
    start([
      {
        name: 'mail.report',
        maxAttempts: 3,
        retryMs: 60,
        run: async () => {
          attempts.push(Date.now());
          throw new Error('the report server refused: 550 mailbox unavailable');
        },
      },
      {
        name: 'tick',
        everyMs: 40,
        run: async () => {
          ticks.push(Date.now());
        },
      },
    ]);
    const id = await enqueueJob(database.db, { name: 'mail.report', maxAttempts: 3 }, new Date());
    await eventually(async () => (await jobRow(id)).state === 'failed', 'the job failed');
    const row = await jobRow(id);
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBe('the report server refused: 550 mailbox unavailable');
    expect(row.finished_at).not.toBeNull();
    const [first = 0, second = 0, third = 0] = attempts;
    expect(attempts).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(60);
    expect(third - second).toBeGreaterThanOrEqual(120);
    // The schedule kept running between the failed attempts.
    expect(ticks.filter((t) => t > first && t < third).length).toBeGreaterThanOrEqual(2);
  });

  it('gives a job whose runner died to another runner when its lease runs out', async () => {
    const id = await enqueueJob(database.db, { name: 'letters.send', maxAttempts: 5 }, new Date());
    // A runner claims it and dies: nobody renews the lease.
    const [taken] = await claimJobs(
      database.db,
      { names: ['letters.send'], limit: 1, leaseMs: 150, holder: 'dead-host:1', holding: [] },
      new Date(),
    );
    expect(taken?.id).toBe(id);
    const ran: string[] = [];
    const survivor = start([
      {
        name: 'letters.send',
        run: async (job) => {
          ran.push(job.id);
        },
      },
    ]);
    await eventually(async () => (await jobRow(id)).state === 'done', 'the job done');
    const row = await jobRow(id);
    expect(ran).toEqual([id]);
    expect(row.attempts).toBe(2);
    expect(row.locked_by).toBe(survivor.holder);
    // The dead runner's late answer changes nothing: its attempt is no longer the job's.
    if (taken) await markJobAttemptFailed(database.db, taken, 'too late', null, new Date());
    expect((await jobRow(id)).state).toBe('done');
  });

  it('keeps renewing the lease of a long job, so nobody takes it while it runs', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const slowImport: JobDefinition = {
      name: 'import.large',
      run: async () => {
        runs++;
        await held;
      },
    };
    // Two runners with the lease at a second: whichever takes the job must keep it.
    start([slowImport], 1_000);
    start([slowImport], 1_000);
    const id = await enqueueJob(database.db, { name: 'import.large', maxAttempts: 5 }, new Date());
    await eventually(async () => runs === 1, 'the job running');
    const leaseEnd = (await jobRow(id)).run_at.getTime();
    await eventually(async () => (await jobRow(id)).run_at.getTime() > leaseEnd, 'the lease renewed');
    release();
    await eventually(async () => (await jobRow(id)).state === 'done', 'the job done');
    expect(runs).toBe(1);
    expect((await jobRow(id)).attempts).toBe(1);
  });

  it('purges expired sessions only', async () => {
    const app = await createTestApp(kind);
    try {
      const now = new Date('2026-03-02T09:00:00Z');
      await signIn(app.database.db, 'agent@example.test', 'agent-password', now);
      await signIn(app.database.db, 'owner@example.test', 'owner-password', new Date('2026-01-01T09:00:00Z'));
      expect(await purgeExpiredSessions(app.database.db, now)).toBe(1);
      const left = await app.database.db.selectFrom('sessions').select('user_id').execute();
      expect(left.map((s) => s.user_id)).toEqual([app.users.agent.id]);
    } finally {
      await app.close();
    }
  });
});

describe.each(TEST_DATABASES)('the background jobs for the owner on %s', (kind) => {
  it('shows each schedule’s last success and failure and the failed jobs, and retries one', async () => {
    const app = await createTestApp(kind);
    try {
      const db = app.database.db;
      const runner = startJobRunner(
        db,
        [
          { name: 'deadlines.sweep', everyMs: 60_000, run: async () => {} },
          {
            name: 'webhook.deliver',
            maxAttempts: 1,
            run: async () => {
              throw new Error('https://hooks.example.test answered 502');
            },
          },
        ],
        { log: quiet, pollMs: 20 },
      );
      const failedId = await enqueueJob(db, { name: 'webhook.deliver', maxAttempts: 1 }, new Date());
      const row = () =>
        db.selectFrom('jobs').select('state').where('id', '=', failedId).executeTakeFirstOrThrow();
      await eventually(async () => (await row()).state === 'failed', 'the webhook job failed');
      await eventually(async () => {
        const swept = await db
          .selectFrom('jobs')
          .select('state')
          .where('schedule', '=', 'deadlines.sweep')
          .execute();
        return swept.some((r) => r.state === 'done');
      }, 'a sweep done');
      await runner.stop();
      // An earlier slot of the sweep that failed for good.
      await insertScheduledRuns(
        db,
        [
          {
            schedule: 'deadlines.sweep',
            name: 'deadlines.sweep',
            slot: new Date('2020-01-01T00:00:00Z'),
            maxAttempts: 1,
          },
        ],
        new Date(),
      );
      const [old] = await claimJobs(
        db,
        { names: ['deadlines.sweep'], limit: 1, leaseMs: 1000, holder: 'test', holding: [] },
        new Date(),
      );
      if (old) await markJobAttemptFailed(db, old, 'deadlock detected', null, new Date());

      const seen = await app.as('owner', { method: 'GET', url: '/api/jobs' });
      expect(seen.statusCode).toBe(200);
      const overview = seen.json();
      const sweep = overview.schedules.find((s: { name: string }) => s.name === 'deadlines.sweep');
      expect(sweep.lastSuccessAt).not.toBeNull();
      expect(sweep.lastFailure).toMatchObject({ error: 'deadlock detected', attempts: 1 });
      // It failed before the last success: not failing now.
      expect(sweep.failing).toBe(0);
      expect(overview.failed).toEqual([
        expect.objectContaining({
          id: failedId,
          name: 'webhook.deliver',
          error: 'https://hooks.example.test answered 502',
        }),
      ]);

      expect((await app.as('supervisor', { method: 'GET', url: '/api/jobs' })).statusCode).toBe(403);
      expect(
        (await app.as('supervisor', { method: 'POST', url: `/api/jobs/${failedId}/retry` })).statusCode,
      ).toBe(403);
      const retried = await app.as('owner', { method: 'POST', url: `/api/jobs/${failedId}/retry` });
      expect(retried.json()).toEqual({ id: failedId, state: 'queued' });
      expect((await row()).state).toBe('queued');
      expect((await app.as('owner', { method: 'POST', url: '/api/jobs/nope/retry' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
