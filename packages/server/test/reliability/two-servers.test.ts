import { afterEach, describe, expect, it } from 'vitest';
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

describe.skipIf(!process.env.DATABASE_URL)('two server processes on one PostgreSQL', () => {
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

    const detail = await clients[1]!<CaseView>('GET', `/api/cases/${caseId}`);
    const seqs = detail.body.interactions.map((entry) => entry.seq);
    // The opening message is entry 1; every acknowledged write follows it exactly once.
    expect(seqs).toEqual(Array.from({ length: acknowledged.length + 1 }, (_, i) => i + 1));
    expect(new Set(acknowledged.map((entry) => entry.seq)).size).toBe(acknowledged.length);
    expect(
      detail.body.interactions
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
    // Each field has one writer, so the last value it had acknowledged is the value the case must hold.
    const writers: Record<'status' | 'stage' | 'fault' | 'subject', (n: number) => string> = {
      status: (n) => statuses[n % statuses.length]!,
      stage: (n) => `stage-${n}`,
      fault: (n) => faults[n % faults.length]!,
      subject: (n) => `Broken dishwasher, round ${n}`,
    };
    const lastAcknowledged: Partial<Record<keyof typeof writers, string>> = {};
    const failures: string[] = [];
    const fields = Object.keys(writers) as Array<keyof typeof writers>;
    const patchers = fields.map(async (field, i) => {
      const call = clients[i % clients.length]!;
      for (let n = 0; n < WRITES_PER_WORKER; n++) {
        const value = writers[field](n);
        const response = await call('PATCH', `/api/cases/${caseId}`, { [field]: value });
        if (response.status === 200) lastAcknowledged[field] = value;
        else failures.push(`${field}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    });
    // Notes on both servers take the same row lock meanwhile, without touching these fields.
    const notes = clients.map(async (call, serverIndex) => {
      for (let n = 0; n < WRITES_PER_WORKER; n++) {
        const response = await call('POST', `/api/cases/${caseId}/interactions`, {
          kind: 'note',
          body: BODIES.note(serverIndex * 100 + n),
        });
        if (response.status !== 201) failures.push(`note: ${response.status}`);
      }
    });
    await Promise.all([...patchers, ...notes]);
    expect(failures).toEqual([]);

    for (const client of clients) {
      const detail = await client<CaseView>('GET', `/api/cases/${caseId}`);
      expect({
        status: detail.body.status,
        stage: detail.body.stage,
        fault: detail.body.fault,
        subject: detail.body.subject,
      }).toEqual(lastAcknowledged);
      const verdict = await client<Verdict>('GET', `/api/cases/${caseId}/verify`);
      expect(verdict.body).toEqual({ ok: true, entries: 1 + 2 * WRITES_PER_WORKER });
    }
  });
});
