import { escalateOverdue } from '../alerts/alerts.service.ts';
import { purgeExpiredSessions } from '../auth/auth.service.ts';
import { purgeEndedRateLimits } from '../auth/rate-limit-store.ts';
import { announceRecommendations } from '../boundaries/boundaries.service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { writeDailyCheckpoint } from '../evidence/checkpoint-job.ts';
import { runRetention } from '../gdpr/retention.ts';
import { purgeIdempotencyKeys } from '../idempotency/idempotency.service.ts';
import { getProfileRules } from '../profiles/profile-rules.ts';
import { REVENUE_RANK_JOB, rankRevenue } from '../profiles/revenue-ranks.ts';
import type { JobDefinition } from './job-runner.ts';
import { purgeFinishedJobs } from './jobs.service.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const RECOMMEND_EVERY_MS = 5 * 60_000;

/**
 * The server's own schedules: the deadline sweep (missed first responses, promises falling due and
 * due soon: escalation and reminders), the purge of expired sessions, of ended sign-in limit windows,
 * of old job runs and of answers kept for Idempotency-Key retries past their day; the retention
 * period's erasures; with CHECKPOINT_DIR, a signed checkpoint of every log each day.
 */
export function serverJobs(
  db: Db,
  config: Pick<Config, 'sweepIntervalMs' | 'checkpointKey' | 'checkpointDir' | 'dataDir'>,
  now: () => Date,
): JobDefinition[] {
  const { checkpointDir } = config;
  const checkpoints: JobDefinition[] = checkpointDir
    ? [
        {
          name: 'evidence.checkpoint',
          everyMs: DAY,
          run: async () => {
            await writeDailyCheckpoint(db, { ...config, checkpointDir }, now());
          },
        },
      ]
    : [];
  return [
    {
      name: 'deadlines.sweep',
      everyMs: config.sweepIntervalMs,
      // The next slot sweeps again anyway: a few quick retries, then the failure shows.
      maxAttempts: 3,
      retryMs: Math.min(config.sweepIntervalMs, 10_000),
      run: () => escalateOverdue(db, now()),
    },
    // The rules read a customer's whole history: every few minutes, for the customers whose cases moved.
    {
      name: 'boundaries.recommend',
      everyMs: RECOMMEND_EVERY_MS,
      run: () => announceRecommendations(db, now(), RECOMMEND_EVERY_MS * 2),
    },
    // Opening a customer reads their place among the paying customers; a large business ranks here.
    {
      name: REVENUE_RANK_JOB,
      everyMs: 15 * 60_000,
      run: async () => {
        await rankRevenue(db, now(), (await getProfileRules(db)).types.valued.windowDays);
      },
    },
    { name: 'sessions.purge', everyMs: HOUR, run: () => purgeExpiredSessions(db, now()) },
    { name: 'limits.purge', everyMs: HOUR, run: () => purgeEndedRateLimits(db, now()) },
    { name: 'jobs.purge', everyMs: HOUR, run: () => purgeFinishedJobs(db, now()) },
    { name: 'idempotency.purge', everyMs: HOUR, run: () => purgeIdempotencyKeys(db, now()) },
    // The owner's retention period (off unless set): erases customers a week after the report listed them.
    { name: 'retention.erase', everyMs: 6 * HOUR, run: () => runRetention(db, now()) },
    ...checkpoints,
  ];
}
