import { afterEach, describe, expect, it } from 'vitest';
import { HAS_POSTGRES } from '../../src/testing/test-app.ts';
import {
  apiClient,
  type CaseView,
  crashAllServers,
  createStore,
  type ServerProcess,
  type Store,
  type StoredInteraction,
  startServerProcess,
  type Verdict,
  wholeLog,
} from './server-process.ts';

const WRITES_PER_WORKER = 15;

const stores: Store[] = [];
afterEach(async () => {
  await crashAllServers();
  await Promise.all(stores.splice(0).map((store) => store.remove()));
});

/** Two server processes on one PostgreSQL schema, as two instances behind a load balancer. */
async function startTwoServers(): Promise<{ store: Store; servers: [ServerProcess, ServerProcess] }> {
  const store = await createStore('postgres');
  stores.push(store);
  // One after the other: the first one migrates the schema, the second finds it up to date.
  const a = await startServerProcess(store);
  const b = await startServerProcess(store);
  return { store, servers: [a, b] };
}

async function openCase(call: ReturnType<typeof apiClient>): Promise<string> {
  const created = await call<{ id: string }>('POST', '/api/cases', {
    customer: { name: 'Maria Tamm', email: 'maria@example.test' },
    channel: 'email',
    subject: 'Broken dishwasher',
    message: { body: 'The dishwasher you repaired leaks again. I want it fixed this week.' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const BODIES = {
  inbound: (n: number) => `Still waiting for the technician, message ${n}. Please call me back.`,
  outbound: (n: number) =>
    `Thank you for your patience. We have booked a technician visit for you (update ${n}).`,
  note: (n: number) => `Called the service partner, they confirm the visit (note ${n}).`,
  call: (n: number) => `Customer called about the visit time (call ${n}).`,
} as const;

describe.skipIf(!HAS_POSTGRES)('two server processes on one PostgreSQL', () => {
  it('never fork a case log under concurrent inbound messages, replies, notes and calls', {
    timeout: 60_000,
  }, async () => {
    const { store, servers } = await startTwoServers();
    const clients = servers.map((server) => apiClient(server, store.token));
    const caseId = await openCase(clients[0]!);

    const kinds = ['inbound', 'outbound', 'note', 'call'] as const;
    const acknowledged: StoredInteraction[] = [];
    const failures: string[] = [];
    // Eight workers, four per server, each writing one kind as fast as it is answered.
    const workers = kinds.flatMap((kind) =>
      clients.map(async (call, serverIndex) => {
        for (let n = 0; n < WRITES_PER_WORKER; n++) {
          const response = await call<StoredInteraction & { error?: unknown }>(
            'POST',
            `/api/cases/${caseId}/interactions`,
            { kind, body: BODIES[kind](serverIndex * 100 + n) },
          );
          if (response.status === 201) acknowledged.push(response.body);
          else failures.push(`${kind}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }),
    );
    await Promise.all(workers);
    expect(failures).toEqual([]);

    const log = await wholeLog(clients[1]!, caseId);
    const seqs = log.map((entry) => entry.seq);
    // The opening message is entry 1; every acknowledged write follows it exactly once.
    expect(seqs).toEqual(Array.from({ length: acknowledged.length + 1 }, (_, i) => i + 1));
    expect(new Set(acknowledged.map((entry) => entry.seq)).size).toBe(acknowledged.length);
    expect(
      log
        .slice(1)
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(acknowledged.map((entry) => entry.id).sort());
    for (const client of clients) {
      const verdict = await client<Verdict>('GET', `/api/cases/${caseId}/verify`);
      expect(verdict.body).toEqual({ ok: true, entries: acknowledged.length + 1 });
    }
  });

  it('lose no update when both servers patch different fields of one case at once', {
    timeout: 60_000,
  }, async () => {
    const { store, servers } = await startTwoServers();
    const clients = servers.map((server) => apiClient(server, store.token));
    const caseId = await openCase(clients[0]!);

    const statuses = ['open', 'waiting_us', 'waiting_customer'] as const;
    const faults = ['ours', 'third_party', 'customer'] as const;
    const valuesOf = (n: number) => ({
      status: statuses[n % statuses.length]!,
      stage: `stage-${n}`,
      fault: faults[n % faults.length]!,
      subject: `Broken dishwasher, round ${n}`,
    });
    const fields = Object.keys(valuesOf(0)) as Array<keyof ReturnType<typeof valuesOf>>;
    // Round by round: the four fields are patched at once, two through each server, while a note on
    // each server takes the same row lock. Once all are acknowledged the case must hold every new value:
    // a PATCH that wrote back a stale copy of the row would undo one of the others.
    for (let n = 0; n < WRITES_PER_WORKER; n++) {
      const values = valuesOf(n);
      const patches = fields.map((field, i) =>
        clients[i % clients.length]!('PATCH', `/api/cases/${caseId}`, { [field]: values[field] }),
      );
      const notes = clients.map((call, serverIndex) =>
        call('POST', `/api/cases/${caseId}/interactions`, {
          kind: 'note',
          body: BODIES.note(serverIndex * 100 + n),
        }),
      );
      const answers = await Promise.all([...patches, ...notes]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 201, 201]);
      const detail = await clients[n % clients.length]!<CaseView>('GET', `/api/cases/${caseId}`);
      const { status, stage, fault, subject } = detail.body;
      expect({ round: n, status, stage, fault, subject }).toEqual({ round: n, ...values });
    }

    for (const client of clients) {
      const verdict = await client<Verdict>('GET', `/api/cases/${caseId}/verify`);
      expect(verdict.body).toEqual({ ok: true, entries: 1 + 2 * WRITES_PER_WORKER });
    }
  });
});
