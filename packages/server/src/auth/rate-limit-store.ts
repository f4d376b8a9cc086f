import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { digest } from './secrets.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store that counts in the database: every server process on one PostgreSQL
 * counts the same sign-in attempts (the default store counts per process). A fixed window per key;
 * one statement per request.
 */
export function databaseRateLimitStore(db: Db, now: () => Date): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(options: object = {}) {
      const route = (options as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      this.prefix = route ? `${route.method} ${route.url}|` : '';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      countHit(db, this.prefix + key, timeWindow, at)
        .then((window) => callback(null, window))
        .catch((error: Error) => callback(error));
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      db.selectFrom('rate_limits')
        .select(['hits', 'window_ends_at'])
        .where('key', '=', this.prefix + key)
        .executeTakeFirst()
        .then((row) => {
          const live = row && row.window_ends_at.getTime() > at.getTime();
          callback(
            null,
            live
              ? { current: row.hits, ttl: row.window_ends_at.getTime() - at.getTime() }
              : { current: 0, ttl: timeWindow },
          );
        })
        .catch((error: Error) => callback(error));
    }

    child(routeOptions: object): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}

/** Counts one hit on `key` in its fixed window (a new one when the last has ended): the hits so far. */
async function countHit(
  db: Db,
  key: string,
  windowMs: number,
  at: Date,
): Promise<{ current: number; ttl: number }> {
  const ends = new Date(at.getTime() + windowMs);
  const { rows } = await sql<{ hits: number; window_ends_at: Date }>`
    INSERT INTO rate_limits AS r (key, hits, window_ends_at) VALUES (${key}, 1, ${ends}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.window_ends_at <= ${at}::timestamptz THEN 1 ELSE r.hits + 1 END,
      window_ends_at = CASE WHEN r.window_ends_at <= ${at}::timestamptz THEN excluded.window_ends_at ELSE r.window_ends_at END
    RETURNING hits, window_ends_at`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the rate limit was not counted');
  return { current: row.hits, ttl: Math.max(0, new Date(row.window_ends_at).getTime() - at.getTime()) };
}

/**
 * Sign-in attempts on one account, whatever address they come from: the limit per address alone lets
 * many addresses guess one password together.
 */
export const ACCOUNT_SIGN_IN_LIMIT = { max: 20, windowMs: 15 * 60_000 };

/** The account's key: its e-mail as a digest, so the table holds no address of a person. */
function accountKey(email: string): string {
  return `sign-in account|${digest(normaliseEmail(email))}`;
}

/** Counts a sign-in attempt on the account before its password is checked; past the limit, 429. */
export async function countAccountSignIn(db: Db, email: string, now: Date): Promise<void> {
  const { max, windowMs } = ACCOUNT_SIGN_IN_LIMIT;
  const window = await countHit(db, accountKey(email), windowMs, now);
  if (window.current > max) {
    throw new AppError(
      'too_many_requests',
      `too many sign-in attempts for this account: try again in ${Math.ceil(window.ttl / 60_000)} minutes`,
    );
  }
}

/** A sign-in that succeeded does not count against the account. */
export async function forgiveAccountSignIn(db: Db, email: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', accountKey(email))
    .where('hits', '>', 0)
    .execute();
}

/** Forgets the windows that have ended (run by the sweep). */
export async function purgeEndedRateLimits(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_ends_at', '<=', now).execute();
}
