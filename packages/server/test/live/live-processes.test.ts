import type { LiveEvent } from '@calmdesk/contracts';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { CLI_ACTOR } from '../../src/local/local.service.ts';
import { connectEventStream, type EventStreamClient } from '../../src/testing/event-stream-client.ts';
import { HAS_POSTGRES } from '../../src/testing/test-app.ts';
import { addUser } from '../../src/users/users.service.ts';
import {
  apiClient,
  crashAllServers,
  createStore,
  type ServerProcess,
  type Store,
  startServerProcess,
} from '../reliability/server-process.ts';

const stores: Store[] = [];
const streams: EventStreamClient[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await crashAllServers();
  await Promise.all(stores.splice(0).map((store) => store.remove()));
});

const STAFF = [
  { name: 'Anna Nowak', email: 'anna@salon.test', role: 'agent' },
  { name: 'Piret Kask', email: 'piret@salon.test', role: 'supervisor' },
] as const;
const PASSWORD = 'live-processes-password';

/** Three server processes on one PostgreSQL schema with two staff members, as three instances behind a proxy. */
async function startThreeServers(): Promise<{ store: Store; servers: ServerProcess[] }> {
  const store = await createStore('postgres');
  stores.push(store);
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: store.dataDir,
    schema: store.schema,
  });
  try {
    for (const member of STAFF) await addUser(database.db, CLI_ACTOR, { ...member, password: PASSWORD });
  } finally {
    await database.close();
  }
  const servers: ServerProcess[] = [];
  // One after the other: the first one migrates the schema.
  for (let i = 0; i < 3; i++) servers.push(await startServerProcess(store));
  return { store, servers };
}

async function listen(server: ServerProcess, token: string): Promise<EventStreamClient> {
  const stream = await connectEventStream(`${server.url}/api/events`, { authorization: `Bearer ${token}` });
  streams.push(stream);
  return stream;
}

/** Signs a staff member in on one server: the headers of their later writes there. */
async function signIn(server: ServerProcess, email: string): Promise<Record<string, string>> {
  const answer = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(answer.status).toBe(200);
  const cookie = answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': ((await answer.json()) as { csrfToken: string }).csrfToken };
}

async function markReplying(server: ServerProcess, caseId: string, headers: Record<string, string>) {
  const answer = await fetch(`${server.url}/api/cases/${caseId}/replying`, { method: 'POST', headers });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { users: Array<{ id: string; name: string }> };
}

const isPresence = (caseId: string, names: string[]) => (e: LiveEvent) =>
  e.type === 'presence' && e.caseId === caseId && e.users.map((u) => u.name).join() === names.join();

describe.skipIf(!HAS_POSTGRES)('live updates across server processes on one PostgreSQL', () => {
  it('brings a message posted to one process to the event streams of the others, and who is replying', {
    timeout: 120_000,
  }, async () => {
    const { store, servers } = await startThreeServers();
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const onB = await listen(b, store.token);
    const onC = await listen(c, store.token);
    const callA = apiClient(a, store.token);

    const created = await callA<{ id: string }>('POST', '/api/cases', {
      customer: { name: 'Maria Tamm', email: 'maria@example.test' },
      channel: 'email',
      subject: 'Broken dishwasher',
      message: { body: 'The dishwasher you repaired leaks again.' },
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id;
    await onB.waitFor((e) => e.type === 'case.created' && e.caseId === caseId);

    const inbound = await callA<{ id: string }>('POST', `/api/cases/${caseId}/interactions`, {
      kind: 'inbound',
      body: 'Still no technician. I want my money back.',
    });
    expect(inbound.status).toBe(201);
    for (const stream of [onB, onC]) {
      const added = await stream.waitFor((e) => e.type === 'interaction.added' && e.caseId === caseId);
      expect(added.event).toEqual({
        type: 'interaction.added',
        caseId,
        interactionId: inbound.body.id,
        kind: 'inbound',
      });
    }

    // Anna opens the reply box on A; Piret, served by C, opens it next and is told Anna is replying.
    const anna = await signIn(a, 'anna@salon.test');
    const piret = await signIn(c, 'piret@salon.test');
    expect((await markReplying(a, caseId, anna)).users).toEqual([]);
    await onB.waitFor(isPresence(caseId, ['Anna Nowak']));
    await onC.waitFor(isPresence(caseId, ['Anna Nowak']));
    expect((await markReplying(c, caseId, piret)).users.map((u) => u.name)).toEqual(['Anna Nowak']);
    await onB.waitFor(isPresence(caseId, ['Anna Nowak', 'Piret Kask']));

    // A stream opened on B now learns at once who is replying there.
    const late = await listen(b, store.token);
    await late.waitFor(isPresence(caseId, ['Anna Nowak', 'Piret Kask']));

    const closed = await fetch(`${a.url}/api/cases/${caseId}/replying`, { method: 'DELETE', headers: anna });
    expect(closed.status).toBe(204);
    await onC.waitFor(isPresence(caseId, ['Piret Kask']));
  });

  it('listens again after its LISTEN connection is cut, and tells the pages to fetch again', {
    timeout: 120_000,
  }, async () => {
    const { store, servers } = await startThreeServers();
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const onB = await listen(b, store.token);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const cut = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [`calmdesk live ${store.schema}`],
      );
      expect(cut.rowCount).toBe(3);
    } finally {
      await admin.end();
    }
    await onB.waitFor((e) => e.type === 'resync', 20_000);
    const created = await apiClient(a, store.token)<{ id: string }>('POST', '/api/cases', {
      customer: { name: 'Jaan Kask', email: 'jaan@example.test' },
      channel: 'web',
      subject: 'Arve on vale',
      message: { body: 'Arve summa on vale, palun parandage.' },
    });
    expect(created.status).toBe(201);
    // A's own listener may still be coming back: the event reaches B once both listen again.
    await onB.waitFor((e) => e.type === 'case.created' && e.caseId === created.body.id, 20_000);
  });
});
