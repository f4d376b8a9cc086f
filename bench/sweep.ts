/**
 * `npx tsx bench/sweep.ts`: the deadline sweep (the `deadlines.sweep` background job) on PostgreSQL
 * (DATABASE_URL) when 10,000 of our promises on 100 cases fall due at once: each is marked escalated,
 * its case escalated and audited, and its holder and the supervisors notified. The floor is the sweep's
 * first statement alone (marking the same 10,000 promises escalated, rolled back), run on the same data.
 * Each round starts from the same state; the median of the rounds is reported.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from '@calmdesk/analysis/table';
import {
  type Actor,
  addUser,
  createCase,
  type Db,
  escalateOverdue,
  newId,
  openDatabase,
} from '@calmdesk/server/testing';
import { quantile } from './measure.ts';

const CASES = 100;
const PROMISES_PER_CASE = 100;
const ROUNDS = 5;
const TARGET_MS = 2_000;
const BENCH_ACTOR: Actor = { kind: 'token', id: 'bench', role: 'owner' };

export interface SweepBenchResult {
  promises: number;
  notifications: number;
  /** Sorted, ms. */
  sweep: number[];
  floor: number[];
}

export async function runSweepBench(databaseUrl: string): Promise<SweepBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-sweep-'));
  const schema = `bench_sweep_${process.pid}`;
  const database = await openDatabase({ databaseUrl, dataDir, schema });
  const db = database.db;
  try {
    await seed(db);
    const result: SweepBenchResult = {
      promises: CASES * PROMISES_PER_CASE,
      notifications: 0,
      sweep: [],
      floor: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      await reset(db);
      const now = new Date();
      const floorStart = performance.now();
      await db
        .transaction()
        .execute(async (trx) => {
          await trx
            .updateTable('commitments')
            .set({ escalated_at: now })
            .where('status', '=', 'open')
            .where('due_at', '<', now)
            .where('escalated_at', 'is', null)
            .execute();
          throw new RollBack();
        })
        .catch((error) => {
          if (!(error instanceof RollBack)) throw error;
        });
      result.floor.push(performance.now() - floorStart);
      const start = performance.now();
      const swept = await escalateOverdue(db, now);
      result.sweep.push(performance.now() - start);
      if (swept !== result.promises) throw new Error(`swept ${swept} of ${result.promises}`);
      const told = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      result.notifications = Number(told.n);
    }
    result.sweep.sort((a, b) => a - b);
    result.floor.sort((a, b) => a - b);
    return result;
  } finally {
    await db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

class RollBack extends Error {}

async function seed(db: Db): Promise<void> {
  const holders = [];
  for (let i = 0; i < 5; i++) {
    holders.push(
      await addUser(db, BENCH_ACTOR, {
        name: `Agent ${i + 1}`,
        email: `agent${i + 1}@bench.test`,
        password: 'bench-password-1',
        role: 'agent',
      }),
    );
  }
  await addUser(db, BENCH_ACTOR, {
    name: 'Supervisor',
    email: 'supervisor@bench.test',
    password: 'bench-password-1',
    role: 'supervisor',
  });
  const due = new Date(Date.now() - 60_000);
  for (let c = 0; c < CASES; c++) {
    const opened = await createCase(
      db,
      BENCH_ACTOR,
      {
        customer: { name: `Customer ${c + 1}`, email: `customer${c + 1}@bench.test` },
        channel: 'email',
        subject: `Order ${c + 1}`,
        message: { body: 'Good morning, I am still waiting for the refund you promised.' },
      },
      new Date(),
    );
    await db
      .updateTable('cases')
      .set({ assignee_id: holders[c % holders.length]?.id ?? null, first_responded_at: new Date() })
      .where('id', '=', opened.id)
      .execute();
    await db
      .insertInto('commitments')
      .values(
        Array.from({ length: PROMISES_PER_CASE }, (_, i) => ({
          id: newId(),
          case_id: opened.id,
          interaction_id: null,
          who: 'us' as const,
          text: `We will call back about item ${i + 1}.`,
          due_at: due,
          updated_at: due,
        })),
      )
      .execute();
  }
}

/** Back to the state before the sweep: nothing escalated, nobody told. */
async function reset(db: Db): Promise<void> {
  await db.deleteFrom('notifications').execute();
  await db.deleteFrom('audit_log').where('action', '=', 'case.escalate_overdue').execute();
  await db.updateTable('commitments').set({ escalated_at: null }).execute();
  await db.updateTable('cases').set({ escalated_at: null, escalation_reason: null }).execute();
}

export function sweepBenchRows(result: SweepBenchResult): string[][] {
  const median = (values: number[]) => quantile(values, 0.5);
  return [
    [
      `deadline sweep: ${result.promises.toLocaleString('en')} promises due, ${result.notifications.toLocaleString('en')} notifications`,
      median(result.sweep).toFixed(0),
      (result.sweep.at(-1) ?? 0).toFixed(0),
      (median(result.sweep) / median(result.floor)).toFixed(1),
      `< ${TARGET_MS} ms`,
    ],
    [
      'floor: marking the same promises escalated, one statement',
      median(result.floor).toFixed(0),
      (result.floor.at(-1) ?? 0).toFixed(0),
      '1.0',
      '',
    ],
  ];
}

/** Runs the bench and prints its table (also part of `npm run bench`). */
export async function reportSweepBench(markdown: boolean): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('(DATABASE_URL is not set: the deadline-sweep bench needs PostgreSQL, skipped)');
    return;
  }
  const result = await runSweepBench(databaseUrl);
  console.log(
    renderTable(
      `Deadline sweep on PostgreSQL, ${CASES} cases × ${PROMISES_PER_CASE} promises falling due at once (median of ${ROUNDS} rounds, ms)`,
      ['figure', 'median ms', 'max ms', '× floor', 'target'],
      sweepBenchRows(result),
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportSweepBench(process.argv.includes('--markdown'));
}
