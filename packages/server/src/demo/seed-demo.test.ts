import { coachReply } from '@calmdesk/analysis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { verifyAllLogs } from '../cases/evidence.ts';
import { type OpenDatabase, openDatabase } from '../db/database.ts';
import { fillReply } from '../replies/fill-reply.ts';
import { listCannedReplies } from '../replies/replies.service.ts';
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

  it('gives customers bookings, invoices and a prepaid package that tell their story', async () => {
    const db = database.db;
    const bookingsOf = async (email: string) =>
      db
        .selectFrom('bookings')
        .innerJoin('customers', 'customers.id', 'bookings.customer_id')
        .select(['status', 'starts_at', 'cancelled_at'])
        .where(sql<boolean>`customers.emails @> ARRAY[${email}]::text[]`)
        .execute();
    const canceller = await bookingsOf('aga.zielinska@example.pl');
    expect(canceller.filter((b) => b.status === 'late_cancelled').length).toBeGreaterThanOrEqual(3);
    expect(canceller.filter((b) => b.status === 'no_show').length).toBeGreaterThanOrEqual(2);
    for (const late of canceller.filter((b) => b.status === 'late_cancelled')) {
      expect(late.starts_at.getTime() - (late.cancelled_at?.getTime() ?? 0)).toBeLessThan(24 * 3_600_000);
    }
    const loyal = await bookingsOf('janina.lewandowska@example.pl');
    expect(loyal.filter((b) => b.status === 'attended').length).toBeGreaterThanOrEqual(10);
    expect(loyal.filter((b) => b.status === 'booked').every((b) => b.starts_at > now)).toBe(true);

    const overdue = await db
      .selectFrom('invoices')
      .innerJoin('customers', 'customers.id', 'invoices.customer_id')
      .select(['customers.name', 'due_at'])
      .where('paid_at', 'is', null)
      .where('due_at', '<', new Date(now.getTime() - 30 * 86_400_000))
      .execute();
    expect(overdue.map((o) => o.name)).toContain('Dekor-Bud Sp. z o.o. (Paweł Szymański)');
    const revenue = await db
      .selectFrom('invoices')
      .select(['customer_id', (eb) => eb.fn.sum<string>('amount_minor').as('total')])
      .where('paid_at', 'is not', null)
      .where('currency', '=', 'PLN')
      .groupBy('customer_id')
      .orderBy('total', 'desc')
      .execute();
    const totals = revenue.map((r) => Number(r.total));
    // 80/20: the top few customers bring most of the paid revenue.
    const top = totals.slice(0, Math.ceil(totals.length * 0.2)).reduce((a, b) => a + b, 0);
    expect(top / totals.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.6);
    const packages = await db
      .selectFrom('prepaid_packages')
      .select(['sessions_bought', 'sessions_used'])
      .execute();
    expect(packages).toEqual([{ sessions_bought: 5, sessions_used: 2 }]);
  });

  it('gives the team saved replies in each language that the coach finds nothing wrong with', async () => {
    const users = await database.db.selectFrom('users').select(['id', 'email', 'role']).execute();
    const actorOf = (email: string): Actor => {
      const user = users.find((u) => u.email === email);
      if (!user) throw new Error(`no demo user ${email}`);
      return { kind: 'user', via: 'session', id: user.id, role: user.role, name: email, email };
    };
    const tomasz = await listCannedReplies(database.db, actorOf('tomasz@calmdesk.local'));
    const liis = await listCannedReplies(database.db, actorOf('liis@calmdesk.local'));
    for (const lang of ['pl', 'et', 'en'] as const) {
      expect(liis.filter((r) => r.lang === lang && r.scope === 'shared').length).toBeGreaterThanOrEqual(2);
    }
    const personal = tomasz.filter((r) => r.scope === 'personal');
    expect(personal.length).toBeGreaterThan(0);
    expect(liis.some((r) => r.scope === 'personal')).toBe(false);
    for (const reply of tomasz) {
      const { text, unfilled } = fillReply(
        reply.body,
        reply.lang,
        {
          customer_name: 'Anna Nowak',
          customer_first_name: 'Anna',
          case_ref: 'CD-0042',
          agent_name: 'Tomasz Lis',
          business_name: 'Studio Bella',
          due_date: '2026-03-21',
        },
        { speaker: 'masculine', addressee: 'ms' },
      );
      expect(unfilled, reply.title).toEqual([]);
      expect(text, reply.title).not.toMatch(/\w\/\w/);
      expect(coachReply(text, { lang: reply.lang }).findings, reply.title).toEqual([]);
    }
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
