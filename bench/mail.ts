/**
 * `npx tsx bench/mail.ts`: mail taken from a real IMAP server (a throwaway Dovecot) into analysed
 * cases per second, on PostgreSQL (DATABASE_URL, a fresh schema, dropped afterwards) and on PGlite
 * (a temporary folder, as `calmdesk serve` keeps it), in one run. One pass as the poller makes it
 * (syncMailboxOnce): fetch every new message, store it raw, then parse, thread, analyse and write
 * each one's case in its own transaction. The floor, measured right before each database: the same
 * mails fetched from the same Dovecot over one connection and parsed, nothing stored.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from '@calmdesk/analysis/table';
import {
  type Actor,
  addMailbox,
  type Dovecot,
  findDovecot,
  loadMailboxConnections,
  openDatabase,
  parseMail,
  startDovecot,
  syncMailboxOnce,
} from '@calmdesk/server/testing';
import { percentile } from './measure.ts';
import { benchMessages } from './messages.ts';

const MAILS = 1_000;
const CUSTOMERS = 200;
/** One mail in four answers an earlier one (In-Reply-To), so threading finds its case. */
const REPLY_EVERY = 4;
const TARGET_PER_SECOND = 200;
const OWNER: Actor = { kind: 'cli', role: 'owner' };

export interface MailBenchResult {
  database: 'postgres' | 'pglite';
  mailsPerSecond: number;
  floorPerSecond: number;
  cases: number;
}

/** The mails a day of support might bring: customers' own words, replies threading into their cases. */
function composeMails(): string[] {
  const texts = benchMessages();
  return Array.from({ length: MAILS }, (_, n) => {
    const customer = n % CUSTOMERS;
    const isReply = n % REPLY_EVERY === REPLY_EVERY - 1 && n >= CUSTOMERS;
    const body = texts[n % texts.length] ?? 'Where is my order?';
    return [
      `From: Customer ${customer} <customer${customer}@example.test>`,
      'To: support@salon.example',
      `Subject: ${isReply ? 'Re: ' : ''}Order ${isReply ? 1000 + n - CUSTOMERS : 1000 + n}`,
      `Message-ID: <bench-${n}@example.test>`,
      ...(isReply ? [`In-Reply-To: <bench-${n - CUSTOMERS}@example.test>`] : []),
      'Date: Mon, 30 Nov 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '',
      'Best regards,',
      `Customer ${customer}`,
      '',
    ].join('\r\n');
  });
}

/** Passes of the floor; its figure is their median (one pass is well under a second, and jittery). */
const FLOOR_PASSES = 5;

/** Mails per second of fetching every mail from Dovecot and parsing it: the median of FLOOR_PASSES. */
async function measureFloor(dovecot: Dovecot): Promise<number> {
  const rates: number[] = [];
  for (let pass = 0; pass < FLOOR_PASSES; pass++) {
    const started = performance.now();
    const raws = await dovecot.fetchAll();
    for (const raw of raws) await parseMail(raw);
    const seconds = (performance.now() - started) / 1000;
    if (raws.length !== MAILS) throw new Error(`the floor fetched ${raws.length} mails, not ${MAILS}`);
    rates.push(MAILS / seconds);
  }
  return percentile(rates, 0.5);
}

async function measureIntake(
  dovecot: Dovecot,
  kind: 'postgres' | 'pglite',
  databaseUrl: string | undefined,
): Promise<{ mailsPerSecond: number; cases: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-mail-'));
  const schema = kind === 'postgres' ? `bench_mail_${process.pid}_${Date.now().toString(36)}` : undefined;
  const database = await openDatabase({
    databaseUrl: kind === 'postgres' ? databaseUrl : undefined,
    dataDir,
    schema,
  });
  try {
    const db = database.db;
    await addMailbox(db, OWNER, { address: 'support@salon.example', imap: dovecot.imapUrl }, new Date());
    const [mailbox] = await loadMailboxConnections(db);
    if (!mailbox) throw new Error('the mailbox was not added');
    const started = performance.now();
    await syncMailboxOnce(db, mailbox);
    const seconds = (performance.now() - started) / 1000;
    const states = await db
      .selectFrom('mail_messages')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('state')
      .execute();
    const processed = Number(states.find((s) => s.state === 'processed')?.n ?? 0);
    if (processed !== MAILS)
      throw new Error(`${processed} of ${MAILS} mails processed: ${JSON.stringify(states)}`);
    const cases = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { mailsPerSecond: MAILS / seconds, cases: Number(cases.n) };
  } finally {
    if (schema) await dropSchema(database, schema);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function dropSchema(database: Awaited<ReturnType<typeof openDatabase>>, schema: string) {
  await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
}

export async function runMailBench(databaseUrl = process.env.DATABASE_URL): Promise<MailBenchResult[]> {
  const dovecot = await startDovecot();
  try {
    await dovecot.appendMany(composeMails());
    const results: MailBenchResult[] = [];
    for (const kind of databaseUrl ? (['postgres', 'pglite'] as const) : (['pglite'] as const)) {
      const floorPerSecond = await measureFloor(dovecot);
      const intake = await measureIntake(dovecot, kind, databaseUrl);
      results.push({ database: kind, floorPerSecond, ...intake });
    }
    return results;
  } finally {
    await dovecot.close();
  }
}

export async function reportMailBench(markdown: boolean): Promise<void> {
  if (!findDovecot()) {
    console.log('(no Dovecot: the mail intake bench is skipped; apt-get install -y dovecot-imapd)');
    return;
  }
  const results = await runMailBench();
  if (!process.env.DATABASE_URL) console.log('(DATABASE_URL is not set: PostgreSQL skipped)');
  console.log(
    renderTable(
      `Mail intake: ${MAILS.toLocaleString('en')} mails from Dovecot into analysed cases (one in ${REPLY_EVERY} a reply threaded by In-Reply-To), one pass as the poller makes it; floor: the same mails fetched from the same Dovecot and parsed only, right before (median of ${FLOOR_PASSES} passes)`,
      ['database', 'mails/s', 'floor mails/s', '× floor time', 'cases', 'target'],
      results.map((r) => [
        r.database,
        r.mailsPerSecond.toFixed(0),
        r.floorPerSecond.toFixed(0),
        (r.floorPerSecond / r.mailsPerSecond).toFixed(1),
        String(r.cases),
        r.database === 'postgres' ? `≥ ${TARGET_PER_SECOND} mails/s` : '',
      ]),
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportMailBench(process.argv.includes('--markdown'));
}
