import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

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
      const ends = new Date(at.getTime() + timeWindow);
      sql<{ hits: number; window_ends_at: Date }>`
        INSERT INTO rate_limits AS r (key, hits, window_ends_at) VALUES (${this.prefix + key}, 1, ${ends}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.window_ends_at <= ${at}::timestamptz THEN 1 ELSE r.hits + 1 END,
          window_ends_at = CASE WHEN r.window_ends_at <= ${at}::timestamptz THEN excluded.window_ends_at ELSE r.window_ends_at END
        RETURNING hits, window_ends_at`
        .execute(db)
        .then(({ rows }) => {
          const row = rows[0];
          if (!row) throw new Error('the rate limit was not counted');
          callback(null, {
            current: row.hits,
            ttl: Math.max(0, new Date(row.window_ends_at).getTime() - at.getTime()),
          });
        })
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

/** Forgets the windows that have ended (run by the sweep). */
export async function purgeEndedRateLimits(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_ends_at', '<=', now).execute();
}
