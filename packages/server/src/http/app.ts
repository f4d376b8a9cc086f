import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Builds the HTTP app without listening, so tests can use `app.inject()`. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: config.logLevel } });
  app.get('/api/health', async () => ({ ok: true }));
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist });
  }
  return app;
}
