import type { FastifyInstance } from 'fastify';
import { escalateOverdue } from './alerts/alerts.service.ts';
import type { Config } from './config.ts';
import { type OpenDatabase, openDatabase } from './db/database.ts';
import { buildApp } from './http/app.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: OpenDatabase;
  url: string;
  close(): Promise<void>;
}

const ESCALATION_SWEEP_MS = 60_000;

/** Opens the database (migrating it), serves the API and the web app, and sweeps overdue items. */
export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openDatabase(config);
  const ctx = { db: database.db, config, now: () => new Date() };
  const app = await buildApp(ctx);
  const address = await app.listen({ port: config.port, host: config.host });
  const sweep = setInterval(() => {
    escalateOverdue(ctx.db, ctx.now()).catch((error) =>
      app.log.error({ err: error }, 'escalation sweep failed'),
    );
  }, ESCALATION_SWEEP_MS);
  sweep.unref();
  return {
    app,
    database,
    url: address,
    async close() {
      clearInterval(sweep);
      await app.close();
      await database.close();
    },
  };
}
