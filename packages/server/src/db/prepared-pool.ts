import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { sqlStateOf } from './sql-state.ts';

/**
 * Distinct statements one connection keeps prepared; further ones run unnamed. Bounds what PostgreSQL
 * holds per connection however many statement shapes there are (bulk inserts, IN lists).
 */
const PREPARED_PER_CONNECTION = 200;
/** Statement texts given a name in all (connections come and go): this process's memory stays bounded too. */
const NAMED_TEXTS = 1_000;
/** Only data statements are prepared: DDL and transaction control run as they come. */
const PREPARABLE = /^\s*(?:select|insert|update|delete|with)\b/i;
/** SQLSTATE feature_not_supported: a prepared statement's result type changed under it (a migration). */
const CACHED_PLAN_STALE = '0A000';

/**
 * A pg pool for Kysely whose connections prepare the statements they run (named statements, parsed and
 * planned by PostgreSQL once per connection instead of at every call): the same few statements run all
 * day, and parsing and planning them was about a third of the database's work for an inbound message.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const unpreparable = new Set<string>();
  const preparedBy = new WeakMap<pg.PoolClient, Set<string>>();

  function nameFor(client: pg.PoolClient, sql: string): string | undefined {
    if (unpreparable.has(sql) || !PREPARABLE.test(sql)) return undefined;
    let prepared = preparedBy.get(client);
    if (!prepared) {
      prepared = new Set();
      preparedBy.set(client, prepared);
    }
    let name = names.get(sql);
    if (name && prepared.has(name)) return name;
    if (prepared.size >= PREPARED_PER_CONNECTION) return undefined;
    if (!name) {
      if (names.size >= NAMED_TEXTS) return undefined;
      name = `calmdesk_${names.size + 1}`;
      names.set(sql, name);
    }
    prepared.add(name);
    return name;
  }

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    async function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
      const values = parameters as unknown[];
      const name = nameFor(client, sql);
      try {
        const result = await (name ? client.query({ name, text: sql, values }) : client.query(sql, values));
        return result as unknown as PostgresQueryResult<R>;
      } catch (error) {
        // The schema changed under the prepared statement (a migration): this text runs unnamed from now on.
        if (name && sqlStateOf(error) === CACHED_PLAN_STALE) unpreparable.add(sql);
        throw error;
      }
    }
    return {
      query: ((sqlOrCursor: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) =>
        typeof sqlOrCursor === 'string'
          ? query(sqlOrCursor, parameters ?? [])
          : client.query(sqlOrCursor as never)) as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  }

  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
