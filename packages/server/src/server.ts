import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { type Db, type OpenDatabase, openDatabase } from './db/database.ts';
import { buildApp } from './http/app.ts';
import { serverJobs } from './jobs/background-jobs.ts';
import { type JobDefinition, type JobRunner, startJobRunner } from './jobs/job-runner.ts';
import {
  findRunningServer,
  loopbackUrl,
  removeServerFile,
  ServerBusyError,
  writeServerFile,
} from './local/server-file.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: OpenDatabase;
  url: string;
  /** This process's runner of the background jobs. */
  jobs: JobRunner;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Runs on the migrated database before the server listens (the demo seed). */
  prepare?: (db: Db) => Promise<void>;
  /** Background jobs beside the server's own (the deadline sweep, purges): mail delivery under `serve`. */
  jobs?: (db: Db, log: FastifyInstance['log']) => JobDefinition[];
}

/**
 * Opens the database (migrating it), serves the API and the web app, and runs the background jobs. With
 * the embedded database it announces itself in `<dataDir>/server.json` until it closes, so the CLI
 * talks to it instead of opening the folder a second time.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const isEmbedded = !config.databaseUrl;
  if (isEmbedded) {
    const running = await findRunningServer(config.dataDir);
    if (running) {
      throw new ServerBusyError(
        `another CalmDesk server (process ${running.pid}, ${running.url}) is using ${config.dataDir}`,
      );
    }
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    poolSize: config.databasePoolSize,
  });
  const ctx = { db: database.db, config, now: () => new Date() };
  let app: FastifyInstance | undefined;
  try {
    await options.prepare?.(database.db);
    app = await buildApp(ctx);
    const address = await app.listen({ port: config.port, host: config.host });
    const port = app.server.address();
    const secret = isEmbedded
      ? writeServerFile(
          config.dataDir,
          loopbackUrl(config.host, typeof port === 'object' && port ? port.port : config.port),
        ).secret
      : null;
    const listening = app;
    const jobs = startJobRunner(
      ctx.db,
      [...serverJobs(ctx.db, config, ctx.now), ...(options.jobs?.(ctx.db, listening.log) ?? [])],
      { log: listening.log, now: ctx.now, leaseMs: config.jobLeaseMs },
    );
    return {
      app: listening,
      database,
      url: address,
      jobs,
      async close() {
        await jobs.stop();
        if (secret) removeServerFile(config.dataDir, secret);
        await listening.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
}
