import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/auth.hook.ts';
import { createToken } from '../auth/auth.service.ts';
import { loadConfig } from '../config.ts';
import { type OpenDatabase, openDatabase } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { buildApp } from '../http/app.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { addUser, type PublicUser } from '../users/users.service.ts';
import { migratedPglite } from './pglite-template.ts';
import { hasPart } from './requirements.ts';
import { testRun } from './test-schemas.global-setup.ts';

/** Whether PostgreSQL tests run: DATABASE_URL answers (they fail when CALMDESK_TEST_REQUIRE names postgres and it does not). */
export const HAS_POSTGRES = await hasPart('postgres');

/** Which databases the database tests run on: PGlite always, PostgreSQL too when DATABASE_URL answers. */
export const TEST_DATABASES: Array<'pglite' | 'postgres'> = HAS_POSTGRES
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A fresh database; `migrateTo` stops its migrations after the named one (tests of a migration). */
export async function openTestDatabase(
  kind: 'pglite' | 'postgres',
  migrateTo?: string,
): Promise<OpenDatabase> {
  if (kind === 'pglite') {
    if (migrateTo) return openDatabase({ dataDir: 'memory://', migrateTo });
    return openDatabase({ dataDir: 'memory://', template: await migratedPglite() });
  }
  // Dropped with the rest of the run's schemas when every test is done (test-schemas.global-setup.ts).
  const schema = `test_${testRun()}_${process.pid}_${randomBytes(5).toString('hex')}`;
  return openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '', schema, migrateTo });
}

export interface TestApp {
  app: FastifyInstance;
  database: OpenDatabase;
  users: Record<Role, PublicUser>;
  /** Sends a request as a staff member of that role (a bearer token bound to the role). */
  as(role: Role, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Sends a request as the signed-in person of that role (their session cookie and CSRF token). */
  asUser(role: Role, options: InjectOptions): Promise<LightMyRequestResponse>;
  clock: { now: Date };
  close(): Promise<void>;
}

/**
 * A real app on a fresh database, with an owner, a supervisor and an agent who can sign in; `env` adds
 * settings as the environment would give them (`TRUST_PROXY` …).
 */
export async function createTestApp(
  kind: 'pglite' | 'postgres' = 'pglite',
  env: NodeJS.ProcessEnv = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const clock = { now: new Date('2026-03-02T09:00:00Z') };
  const app = await buildApp({
    db: database.db,
    config: loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env }),
    now: () => clock.now,
  });
  const users = {} as Record<Role, PublicUser>;
  const tokens = {} as Record<Role, string>;
  for (const role of ['owner', 'supervisor', 'agent'] as const) {
    users[role] = await addUser(database.db, CLI_ACTOR, {
      name: `Test ${role}`,
      email: `${role}@example.test`,
      password: `${role}-password`,
      role,
    });
    tokens[role] = (await createToken(database.db, role, `test ${role}`)).token;
  }
  const sessions = new Map<Role, { cookie: string; csrf: string }>();
  const sessionOf = async (role: Role) => {
    let session = sessions.get(role);
    if (!session) {
      const signedIn = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: `${role}@example.test`, password: `${role}-password` },
      });
      const cookie = signedIn.cookies.find((c) => c.name === SESSION_COOKIE);
      if (!cookie) throw new Error(`${role} could not sign in: ${signedIn.body}`);
      session = { cookie: `${cookie.name}=${cookie.value}`, csrf: signedIn.json().csrfToken };
      sessions.set(role, session);
    }
    return session;
  };
  return {
    app,
    database,
    users,
    clock,
    as: (role, options) =>
      app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${tokens[role]}` } }),
    asUser: async (role, options) => {
      const session = await sessionOf(role);
      return app.inject({
        ...options,
        headers: { ...options.headers, cookie: session.cookie, [CSRF_HEADER]: session.csrf },
      });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
