import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../src/testing/test-app.ts';
import {
  apiClient,
  crashAllServers,
  createStore,
  type Store,
  type StoredInteraction,
  startServerProcess,
  type Verdict,
  wholeLog,
} from './server-process.ts';

const MESSAGES = [
  'Zamówiłem pralkę trzy tygodnie temu i dalej nic. Chcę zwrotu pieniędzy, inaczej idę do rzecznika.',
  'This is the third time I am writing. The heater you installed is broken again and nobody calls back.',
  'Tellisin eelmisel nädalal, kaup on siiani saabumata. Palun vastake täna.',
  'You people are useless. Refund me today or I will post the whole story online.',
];

/** Cases written to at once; each gets its own stream of inbound messages. */
const CASES = 4;
/** Acknowledged writes before the process is killed, while the other streams are mid-request. */
const ACKS_BEFORE_CRASH = 60;
/** A stream never sends more than this, so a server that will not die cannot hang the test. */
const MAX_PER_STREAM = 500;

const stores: Store[] = [];
afterEach(async () => {
  await crashAllServers();
  await Promise.all(stores.splice(0).map((store) => store.remove()));
});

describe.each(TEST_DATABASES)('a server process killed mid-stream (%s)', (kind) => {
  it('keeps every acknowledged inbound message and an intact chain on every case', {
    timeout: 90_000,
  }, async () => {
    const store = await createStore(kind);
    stores.push(store);
    const first = await startServerProcess(store);
    const call = apiClient(first, store.token);

    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const created = await call<{ id: string }>('POST', '/api/cases', {
        customer: { name: `Customer ${i}`, email: `customer${i}@example.test` },
        channel: 'email',
        subject: `Order ${1000 + i}`,
      });
      expect(created.status).toBe(201);
      caseIds.push(created.body.id);
    }

    const acknowledged = new Map<string, StoredInteraction[]>(caseIds.map((id) => [id, []]));
    let acks = 0;
    let killing: Promise<void> | undefined;
    const stream = async (caseId: string, offset: number) => {
      for (let n = 0; n < MAX_PER_STREAM; n++) {
        const body = `${MESSAGES[(offset + n) % MESSAGES.length]} (#${n})`;
        let response: { status: number; body: StoredInteraction };
        try {
          response = await call<StoredInteraction>('POST', `/api/cases/${caseId}/interactions`, {
            kind: 'inbound',
            body,
          });
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
        if (response.status !== 201) throw new Error(`write answered ${response.status}`);
        acknowledged.get(caseId)?.push(response.body);
        acks += 1;
        if (acks === ACKS_BEFORE_CRASH) killing = first.crash();
      }
    };
    // Two streams per case, so writes also queue on the case's row lock when the process dies.
    await Promise.all(caseIds.flatMap((id, i) => [stream(id, i), stream(id, i + 1)]));
    await killing;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acks).toBeGreaterThanOrEqual(ACKS_BEFORE_CRASH);

    const second = await startServerProcess(store);
    const recall = apiClient(second, store.token);
    for (const caseId of caseIds) {
      const log = await wholeLog(recall, caseId);
      const storedIds = new Set(log.map((entry) => entry.id));
      const lost = (acknowledged.get(caseId) ?? []).filter((entry) => !storedIds.has(entry.id));
      expect(lost).toEqual([]);
      // At most the two writes in flight when the process died may have committed unacknowledged.
      const extra = log.length - (acknowledged.get(caseId)?.length ?? 0);
      expect(extra).toBeGreaterThanOrEqual(0);
      expect(extra).toBeLessThanOrEqual(2);
      const verdict = await recall<Verdict>('GET', `/api/cases/${caseId}/verify`);
      expect(verdict.body).toEqual({ ok: true, entries: log.length });

      // The recovered log takes the next entry where it left off.
      const next = await recall<StoredInteraction>('POST', `/api/cases/${caseId}/interactions`, {
        kind: 'inbound',
        body: 'Any news?',
      });
      expect(next.status).toBe(201);
      expect(next.body.seq).toBe(log.length + 1);
    }
    await second.stop();
  });
});
