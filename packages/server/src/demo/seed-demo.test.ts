import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAllLogs } from '../cases/cases.service.ts';
import { type OpenDatabase, openDatabase } from '../db/database.ts';
import { type DemoResult, seedDemo } from './seed-demo.ts';

describe('demo seed', () => {
  const now = new Date('2026-03-20T10:00:00Z');
  let database: OpenDatabase;
  let result: DemoResult;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    result = await seedDemo(database.db, now);
  }, 60_000);
  afterAll(() => database.close());

  it('creates an owner, a supervisor and two agents with one-time passwords', async () => {
    expect(result.seeded).toBe(true);
    expect(result.accounts.map((a) => a.role).sort()).toEqual(['agent', 'agent', 'owner', 'supervisor']);
    expect(result.accounts.find((a) => a.role === 'owner')?.email).toBe('owner@calmdesk.local');
    for (const account of result.accounts) expect(account.password.length).toBeGreaterThanOrEqual(16);
  });

  it('seeds about 30 customers and 80 cases in Polish, Estonian and English', async () => {
    const db = database.db;
    const customers = await db.selectFrom('customers').select('id').execute();
    expect(customers.length).toBeGreaterThanOrEqual(28);
    const cases = await db.selectFrom('cases').select(['language', 'status', 'created_at']).execute();
    expect(cases.length).toBeGreaterThanOrEqual(75);
    for (const lang of ['pl', 'et', 'en']) {
      expect(cases.filter((c) => c.language === lang).length).toBeGreaterThanOrEqual(15);
    }
    expect(cases.filter((c) => c.status === 'resolved' || c.status === 'closed').length).toBeGreaterThan(10);
    const oldest = Math.min(...cases.map((c) => c.created_at.getTime()));
    expect((now.getTime() - oldest) / 86_400_000).toBeGreaterThan(21);
    expect(cases.every((c) => c.created_at <= now)).toBe(true);
  });

  it('analyses every inbound message in its own language and detects the hard cases', async () => {
    const inbound = await database.db
      .selectFrom('interactions')
      .innerJoin('cases', 'cases.id', 'interactions.case_id')
      .select(['interactions.analysis', 'cases.language'])
      .where('kind', '=', 'inbound')
      .execute();
    expect(inbound.length).toBeGreaterThan(80);
    const analyses = inbound.map((i) => i.analysis as { lang: string; flags: string[]; level: string });
    expect(analyses.every((a) => a.lang === 'pl' || a.lang === 'et' || a.lang === 'en')).toBe(true);
    const langMatches = inbound.filter((i) => (i.analysis as { lang: string }).lang === i.language).length;
    expect(langMatches / inbound.length).toBeGreaterThan(0.95);
    const flags = new Set(analyses.flatMap((a) => a.flags));
    for (const flag of [
      'insult',
      'profanity',
      'threat_legal',
      'threat_public',
      'refund_demand',
      'gratitude',
    ]) {
      expect(flags).toContain(flag);
    }
    expect(analyses.some((a) => a.level === 'hostile')).toBe(true);
  });

  it('leaves intact hash chains, real commitments (some overdue) and compensations', async () => {
    const db = database.db;
    const logs = await verifyAllLogs(db);
    expect(logs.broken).toEqual([]);
    expect(logs.entries).toBeGreaterThan(150);
    const commitments = await db.selectFrom('commitments').select(['status', 'due_at', 'who']).execute();
    expect(commitments.some((c) => c.status === 'kept')).toBe(true);
    expect(commitments.some((c) => c.status === 'open' && c.due_at < now && c.who === 'us')).toBe(true);
    const compensations = await db.selectFrom('compensations').select(['kind', 'status']).execute();
    expect(new Set(compensations.map((c) => c.kind)).size).toBeGreaterThanOrEqual(4);
    const missedFirstResponse = await db
      .selectFrom('cases')
      .select('id')
      .where('first_responded_at', 'is', null)
      .where('first_response_due_at', '<', now)
      .execute();
    expect(missedFirstResponse.length).toBeGreaterThan(0);
  });

  it('never seeds a database that already has users', async () => {
    const again = await seedDemo(database.db, now);
    expect(again).toMatchObject({ seeded: false, accounts: [] });
    const cases = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBe(result.cases);
  });
});
