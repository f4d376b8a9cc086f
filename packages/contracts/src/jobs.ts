import { z } from 'zod';
import { IdParamsSchema, InstantSchema } from './common.ts';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

/** The last run of a schedule that failed for good, with the error of its last attempt. */
export const JobFailureSchema = z.object({
  jobId: z.string(),
  at: InstantSchema,
  error: z.string().nullable(),
  attempts: z.number().int(),
});
export type JobFailure = z.infer<typeof JobFailureSchema>;

/**
 * A recurring background job (the deadline sweep, mail delivery …) as its runs stand: `failing` counts
 * the runs that failed since the last success, `retrying` that the newest one failed and waits to try again.
 */
export const JobScheduleSchema = z.object({
  name: z.string(),
  lastRunAt: InstantSchema,
  lastSuccessAt: InstantSchema.nullable(),
  lastFailure: JobFailureSchema.nullable(),
  failing: z.number().int(),
  retrying: z.boolean(),
});
export type JobSchedule = z.infer<typeof JobScheduleSchema>;

/** A one-off job that gave up after its last attempt. */
export const FailedJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: InstantSchema,
  failedAt: InstantSchema,
});
export type FailedJob = z.infer<typeof FailedJobSchema>;

export const JobsOverviewSchema = z.object({
  schedules: z.array(JobScheduleSchema),
  failed: z.array(FailedJobSchema),
});
export type JobsOverview = z.infer<typeof JobsOverviewSchema>;

export const JobParamsSchema = IdParamsSchema;

/** A retried job is queued again (a job that was not failed is left as it was). */
export const JobRetriedSchema = z.object({ id: z.string(), state: JobStateSchema });
export type JobRetried = z.infer<typeof JobRetriedSchema>;
