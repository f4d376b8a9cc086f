import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/db/database.ts';
import { eventually } from '../../src/testing/eventually.ts';
import { HAS_POSTGRES } from '../../src/testing/test-app.ts';
import {
  crashAllServers,
  createStore,
  type ServerProcess,
  type Store,
  startServerProcess,
} from './server-process.ts';

const stores: Store[] = [];
const databases: OpenDatabase[] = [];
const clients: pg.Client[] = [];
afterEach(async () => {
  await crashAllServers();
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => {})));
  await Promise.all(databases.splice(0).map((database) => database.close()));
  await Promise.all(stores.splice(0).map((store) => store.remove()));
});

/**
 * Three `calmdesk serve` processes on one PostgreSQL schema share the background jobs: the deadline
 * sweep (every 300 ms here) runs once per slot, and a sweep held by a process killed with kill -9 is
 * finished by another when its lease runs out.
 */
describe.skipIf(!HAS_POSTGRES)('background jobs on three processes', () => {
  it('runs each slot of the deadline sweep once, and finishes the sweep of a killed process', {
    timeout: 180_000,
  }, async () => {
    const store = await createStore('postgres');
    stores.push(store);
    const database = await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: store.dataDir,
      schema: store.schema,
    });
    databases.push(database);
    const db = database.db;
    const env = { SWEEP_INTERVAL_MS: '300', JOB_LEASE_MS: '1500' };
    const servers: ServerProcess[] = [];
    for (let i = 0; i < 3; i++) servers.push(await startServerProcess(store, { env }));

    const sweeps = () =>
      db
        .selectFrom('jobs')
        .select(['id', 'slot', 'state', 'attempts', 'locked_by'])
        .where('schedule', '=', 'deadlines.sweep')
        .orderBy('slot')
        .execute();
    await eventually(
      async () => (await sweeps()).filter((s) => s.state === 'done').length >= 8,
      'eight sweeps ran',
      60_000,
    );
    const ran = (await sweeps()).filter((s) => s.state === 'done');
    // One row per slot (the table allows no other) and each run once: one attempt.
    expect(new Set(ran.map((s) => s.slot?.getTime())).size).toBe(ran.length);
    expect(ran.map((s) => s.attempts)).toEqual(ran.map(() => 1));

    // Every sweep writes commitments first: while the table is locked here, the sweeps wait in it.
    const locker = new pg.Client({
      connectionString: process.env.DATABASE_URL,
      options: `-c search_path=${store.schema}`,
    });
    clients.push(locker);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE commitments IN EXCLUSIVE MODE');
    const pidOf = (holder: string | null) => Number(holder?.split(':')[1]);
    let held: { id: string; server: ServerProcess } | undefined;
    await eventually(
      async () => {
        for (const sweep of await sweeps()) {
          const server = servers.find((s) => s.child.pid === pidOf(sweep.locked_by));
          if (sweep.state === 'running' && server) held = { id: sweep.id, server };
        }
        return held !== undefined;
      },
      'a process holds a sweep',
      30_000,
    );
    if (!held) throw new Error('no sweep held');
    const killedPid = held.server.child.pid;
    await held.server.crash();
    await locker.query('COMMIT');

    const heldRow = () =>
      db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', held?.id ?? '')
        .executeTakeFirstOrThrow();
    await eventually(async () => (await heldRow()).state === 'done', 'the held sweep is finished', 60_000);
    const finished = await heldRow();
    expect(finished.attempts).toBe(2);
    expect(pidOf(finished.locked_by)).not.toBe(killedPid);
    expect(servers.map((s) => s.child.pid)).toContain(pidOf(finished.locked_by));
    const failed = (await sweeps()).filter((s) => s.state === 'failed');
    expect(failed).toEqual([]);
  });
});
