import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/cases/cases.service.ts';
import { type OpenDatabase, openDatabase } from '../../src/db/database.ts';
import { newId } from '../../src/db/ids.ts';
import { CLI_ACTOR } from '../../src/local/local.service.ts';
import { HAS_POSTGRES } from '../../src/testing/test-app.ts';
import { addUser } from '../../src/users/users.service.ts';
import {
  crashAllServers,
  createStore,
  type ServerProcess,
  type Store,
  startServerProcess,
} from './server-process.ts';

const PROMISES = 1_000;
const stores: Store[] = [];
const databases: OpenDatabase[] = [];
afterEach(async () => {
  await crashAllServers();
  await Promise.all(databases.splice(0).map((database) => database.close()));
  await Promise.all(stores.splice(0).map((store) => store.remove()));
});

/**
 * Three server processes sweep one PostgreSQL schema every 200 ms; a thousand of our promises fall due
 * at once and one process is killed with kill -9 while they are being swept. Each promise must be told
 * exactly once, to the person holding its case, by whichever processes are left.
 */
describe.skipIf(!HAS_POSTGRES)('the deadline sweep on three processes', () => {
  it('tells each of a thousand overdue promises exactly once, though a process is killed mid-sweep', {
    timeout: 120_000,
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
    const agent = await addUser(db, CLI_ACTOR, {
      name: 'Anna Nowak',
      email: 'anna@salon.test',
      password: 'sweep-password-1',
      role: 'agent',
    });
    const opened = await createCase(
      db,
      CLI_ACTOR,
      {
        customer: { name: 'Jan Kowalski', email: 'jan@example.pl' },
        channel: 'email',
        subject: 'Tysiąc obietnic',
        message: { body: 'Dzień dobry, czekam na odpowiedź.' },
      },
      new Date(),
    );
    await db
      .updateTable('cases')
      .set({ assignee_id: agent.id, first_responded_at: new Date() })
      .where('id', '=', opened.id)
      .execute();

    const servers: ServerProcess[] = [];
    for (let i = 0; i < 3; i++)
      servers.push(await startServerProcess(store, { env: { SWEEP_INTERVAL_MS: '200' } }));

    const due = new Date(Date.now() - 1_000);
    await db
      .insertInto('commitments')
      .values(
        Array.from({ length: PROMISES }, (_, i) => ({
          id: newId(),
          case_id: opened.id,
          interaction_id: null,
          who: 'us' as const,
          text: `Oddzwonimy w sprawie ${i + 1}.`,
          due_at: due,
          updated_at: due,
        })),
      )
      .execute();
    // The first process dies while the sweeps are under way.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await servers[0]?.crash();

    const told = async () =>
      Number(
        (
          await db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'commitment_overdue')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deadline = Date.now() + 60_000;
    while ((await told()) < PROMISES && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    // Two more sweeps of each survivor: nothing may be told again.
    await new Promise((resolve) => setTimeout(resolve, 600));

    const rows = await db
      .selectFrom('notifications')
      .select(['user_id', 'dedupe_key', 'kind'])
      .where('kind', 'in', ['commitment_overdue', 'case_escalated'])
      .execute();
    const overdue = rows.filter((r) => r.kind === 'commitment_overdue');
    expect(overdue).toHaveLength(PROMISES);
    expect(new Set(overdue.map((r) => r.dedupe_key)).size).toBe(PROMISES);
    expect(overdue.every((r) => r.user_id === agent.id)).toBe(true);
    // The case itself was escalated once, and its holder told once.
    expect(rows.filter((r) => r.kind === 'case_escalated').map((r) => r.user_id)).toEqual([agent.id]);
    const left = await db
      .selectFrom('commitments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('escalated_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
});
