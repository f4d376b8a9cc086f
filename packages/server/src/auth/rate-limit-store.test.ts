import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { purgeEndedRateLimits } from './rate-limit-store.ts';

describe.each(TEST_DATABASES)('the sign-in limit on %s', (kind) => {
  let t: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp(kind);
    // A second server on the same database, as a second process behind a proxy.
    second = await buildApp({
      db: t.database.db,
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      now: () => t.clock.now,
    });
  }, 120_000);
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const attempt = (app: FastifyInstance, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress: ip,
      payload: { email: 'agent@example.test', password: 'wrong-password' },
    });

  it('is one limit for every server on the database, per client address, and opens again after its minute', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 10; i++)
      answers.push((await attempt(i % 2 === 0 ? t.app : second, '10.0.0.7')).statusCode);
    expect(answers.every((status) => status === 401)).toBe(true);
    expect((await attempt(second, '10.0.0.7')).statusCode).toBe(429);
    expect((await attempt(t.app, '10.0.0.7')).statusCode).toBe(429);
    // Another client is not held back by this one.
    expect((await attempt(t.app, '10.0.0.8')).statusCode).toBe(401);

    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    await purgeEndedRateLimits(t.database.db, t.clock.now);
    expect((await attempt(second, '10.0.0.7')).statusCode).toBe(401);
  });
});
