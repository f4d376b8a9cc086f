import { INTERACTION_PAGE } from '@calmdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { InteractionRow } from '../db/schema.ts';
import { withTriggerOff } from '../db/triggers.test-helper.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { entryHash, partDigests } from './chain.ts';
import { verifyAllLogs } from './evidence.ts';

const ENTRIES = 13_000;

/**
 * Appends entries to a case's log straight into the table, chained and digested as the append would:
 * a long log is built in seconds instead of 13,000 analysed appends. Each inbound entry carries the
 * first entry's analysis, so the entries are as large as real ones. The check that each entry is
 * stored with its case's end is off meanwhile (entries go in a thousand to a statement here); the
 * chain verified at the end is the proof that they went in as the append would have put them.
 */
async function growLog(db: Db, caseId: string, total: number): Promise<void> {
  await withTriggerOff(db, 'interactions', 'interactions_at_recorded_end', () =>
    appendChained(db, caseId, total),
  );
}

async function appendChained(db: Db, caseId: string, total: number): Promise<void> {
  const first = await db
    .selectFrom('interactions')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  let previous: InteractionRow = first;
  for (let seq = first.seq + 1; seq <= total; ) {
    const batch: InteractionRow[] = [];
    for (; seq <= total && batch.length < 1000; seq++) {
      const inbound = seq % 2 === 1;
      const body = `${inbound ? 'Where is my order' : 'We are checking with the courier'} (message ${seq})`;
      const analysis = inbound ? first.analysis : null;
      const entry = {
        id: newId(),
        case_id: caseId,
        seq,
        kind: inbound ? 'inbound' : 'outbound',
        author_id: null,
        body,
        analysis,
        coaching: null,
        overridden_by: null,
        created_at: new Date(first.created_at.getTime() + seq * 60_000),
        prev_hash: previous.hash,
        erased_at: null,
        via: null,
        call_direction: null,
        call_minutes: null,
        ...partDigests({ body, analysis, coaching: null }),
      } as const;
      previous = { ...entry, hash: entryHash(entry) };
      batch.push(previous);
    }
    await db
      .insertInto('interactions')
      .values(
        batch.map((row) => ({
          ...row,
          analysis: row.analysis === null ? null : JSON.stringify(row.analysis),
          coaching: null,
        })),
      )
      .execute();
  }
  await db
    .updateTable('cases')
    .set({ last_seq: total, last_hash: previous.hash })
    .where('id', '=', caseId)
    .execute();
}

describe.each(TEST_DATABASES)('a long case log on %s', (kind) => {
  let t: TestApp;
  let caseId = '';
  beforeAll(async () => {
    t = await createTestApp(kind);
    const opened = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Anna Nowak', email: 'anna@example.test' },
        channel: 'email',
        subject: 'Reklamacja',
        message: { body: 'Paczka nie dotarła, a zapłaciłam dwa tygodnie temu. Proszę o zwrot pieniędzy.' },
      },
    });
    caseId = opened.json().id;
    await growLog(t.database.db, caseId, ENTRIES);
  }, 180_000);
  afterAll(() => t.close());

  it('answers the case with its newest page of entries and a cursor to the older ones', async () => {
    const response = await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}` });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.interactions).toHaveLength(INTERACTION_PAGE);
    expect(detail.interactions[0].seq).toBe(ENTRIES - INTERACTION_PAGE + 1);
    expect(detail.interactions.at(-1).seq).toBe(ENTRIES);
    expect(detail.interactionCount).toBe(ENTRIES);
    expect(detail.interactionsBefore).toBe(ENTRIES - INTERACTION_PAGE + 1);
    // The whole log is over 5 MB as JSON; its newest page is a small part of that.
    expect(response.body.length).toBeLessThan(250_000);
  });

  it('walks every older entry exactly once, page by page, oldest first within a page', async () => {
    const first = (await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}` })).json();
    const seen: number[] = first.interactions.map((entry: { seq: number }) => entry.seq);
    let before: number | null = first.interactionsBefore;
    let pages = 1;
    let bytes = 0;
    while (before !== null) {
      const response = await t.as('agent', {
        method: 'GET',
        url: `/api/cases/${caseId}/interactions?before=${before}&limit=500`,
      });
      expect(response.statusCode).toBe(200);
      bytes += response.body.length;
      const page = response.json();
      const seqs: number[] = page.items.map((entry: { seq: number }) => entry.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(Math.max(...seqs)).toBe(before - 1);
      seen.unshift(...seqs);
      before = page.before;
      pages++;
    }
    expect(seen).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1));
    expect(pages).toBe(1 + Math.ceil((ENTRIES - INTERACTION_PAGE) / 500));
    expect(bytes).toBeGreaterThan(5_000_000);
    expect((await verifyAllLogs(t.database.db)).broken).toEqual([]);
  }, 120_000);

  it('answers a page without `before` with the newest entries, and refuses bad paging', async () => {
    const newest = (
      await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}/interactions?limit=3` })
    ).json();
    expect(newest.items.map((entry: { seq: number }) => entry.seq)).toEqual([
      ENTRIES - 2,
      ENTRIES - 1,
      ENTRIES,
    ]);
    expect(newest.before).toBe(ENTRIES - 2);
    const oldest = (
      await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}/interactions?before=3` })
    ).json();
    expect(oldest).toMatchObject({ before: null });
    expect(oldest.items.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2]);
    for (const query of ['limit=0', 'limit=501', 'before=0', 'before=abc', 'after=5']) {
      const refused = await t.as('agent', {
        method: 'GET',
        url: `/api/cases/${caseId}/interactions?${query}`,
      });
      expect(refused.statusCode, query).toBe(400);
    }
    const missing = await t.as('agent', { method: 'GET', url: '/api/cases/no-such-case/interactions' });
    expect(missing.statusCode).toBe(404);
  });
});
