import { toMinor } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '../db/schema.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { csvCell, toCsv } from './csv.ts';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });

  it('turns text that a spreadsheet would run as a formula into text, but keeps negative numbers', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+48 600')).toBe("'+48 600");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('  =cmd')).toBe("'  =cmd");
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell(-2.5)).toBe('-2.5');
  });

  it('writes a header, CRLF line ends and a byte-order mark', () => {
    const csv = toCsv([{ header: 'n', value: (r: { n: number }) => r.n }], [{ n: 1 }, { n: 2 }]);
    expect(csv).toBe('\uFEFFn\r\n1\r\n2\r\n');
  });
});

interface CaseSpec {
  id: string;
  customer: string;
  created: string;
  assignee?: 'agent' | 'supervisor';
  /** Minutes to the first response, and to its due time. */
  respondedAfter?: number;
  dueAfter: number;
  problems?: string[];
  log: Array<{
    kind: 'inbound' | 'outbound' | 'note' | 'call';
    at: string;
    level?: Level;
    by?: 'agent' | 'supervisor';
  }>;
}

function minorOf(amount: number, currency: string): number {
  const read = toMinor(amount, currency);
  if ('problem' in read) throw new Error(read.problem);
  return read.minor;
}

const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000);

describe.each(TEST_DATABASES)('analytics on %s', (kind) => {
  let t: TestApp;
  const get = async (url: string, role: 'owner' | 'supervisor' | 'agent' = 'supervisor') => {
    const response = await t.as(role, { method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const JAN_FEB = 'from=2026-01-01&to=2026-02-28';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const customers: Array<[string, string]> = [
      ['A', 'Anna'],
      ['B', 'Bartek'],
      ['C', 'Celina'],
      ['D', 'Kowalski, "Jan"\nline two'],
      ['E', '=HYPERLINK("http://evil.test")'],
      ['F', 'Franek'],
      ['X', 'Old money'],
    ];
    await db
      .insertInto('customers')
      .values(
        customers.map(([id, name]) => ({
          id,
          name,
          emails: [],
          phones: [],
          tags: [],
          updated_at: new Date(),
        })),
      )
      .execute();
    const invoice = (
      id: string,
      customer: string,
      amount: number,
      paidAt: string | null,
      currency = 'PLN',
    ) => ({
      id,
      customer_id: customer,
      amount_minor: minorOf(amount, currency),
      currency,
      issued_at: '2025-12-01T10:00:00Z',
      paid_at: paidAt,
      updated_at: new Date(),
    });
    await db
      .insertInto('invoices')
      .values([
        invoice('i1', 'A', 500, '2026-01-15T10:00:00Z'),
        invoice('i2', 'A', 100, '2026-02-15T10:00:00Z'),
        invoice('i3', 'A', 1000, null),
        invoice('i4', 'B', 200, '2026-01-20T10:00:00Z'),
        invoice('i5', 'C', 100, '2026-02-01T10:00:00Z'),
        invoice('i6', 'D', 60, '2026-02-10T10:00:00Z'),
        invoice('i7', 'E', 40, '2026-02-11T10:00:00Z'),
        invoice('i8', 'X', 9999, '2024-05-01T10:00:00Z'),
        invoice('i9', 'B', 19.99, '2026-02-01T10:00:00Z', 'EUR'),
        invoice('i10', 'C', 1500, '2026-02-02T10:00:00Z', 'JPY'),
      ])
      .execute();

    const cases: CaseSpec[] = [
      {
        id: 'case1',
        customer: 'A',
        created: '2026-01-10T10:00:00Z',
        assignee: 'agent',
        respondedAfter: 30,
        dueAfter: 60,
        problems: ['delivery', 'billing'],
        log: [
          { kind: 'inbound', at: '2026-01-10T10:00:00Z', level: 'angry' },
          { kind: 'outbound', at: '2026-01-10T10:30:00Z', by: 'agent' },
          { kind: 'inbound', at: '2026-01-11T10:00:00Z', level: 'calm' },
          { kind: 'outbound', at: '2026-01-11T11:00:00Z', by: 'agent' },
        ],
      },
      {
        id: 'case2',
        customer: 'B',
        created: '2026-01-20T10:00:00Z',
        respondedAfter: 120,
        dueAfter: 480,
        problems: ['delivery'],
        log: [
          { kind: 'inbound', at: '2026-01-20T10:00:00Z', level: 'upset' },
          { kind: 'outbound', at: '2026-01-20T12:00:00Z', by: 'supervisor' },
          { kind: 'outbound', at: '2026-01-20T13:00:00Z', by: 'agent' },
          { kind: 'outbound', at: '2026-01-20T14:00:00Z', by: 'supervisor' },
          { kind: 'inbound', at: '2026-01-21T10:00:00Z', level: 'hostile' },
          { kind: 'call', at: '2026-01-21T11:00:00Z', by: 'supervisor' },
        ],
      },
      {
        id: 'case3',
        customer: 'C',
        created: '2026-02-05T10:00:00Z',
        assignee: 'agent',
        respondedAfter: 600,
        dueAfter: 30,
        problems: ['quality'],
        log: [
          { kind: 'inbound', at: '2026-02-05T10:00:00Z', level: 'hostile' },
          { kind: 'inbound', at: '2026-02-05T11:00:00Z', level: 'upset' },
        ],
      },
      {
        id: 'case4',
        customer: 'D',
        created: '2026-02-06T10:00:00Z',
        assignee: 'supervisor',
        dueAfter: 1440,
        log: [{ kind: 'inbound', at: '2026-02-06T10:00:00Z', level: 'calm' }],
      },
      {
        id: 'case5',
        customer: 'F',
        created: '2026-02-10T10:00:00Z',
        assignee: 'agent',
        respondedAfter: 60,
        dueAfter: 1440,
        problems: ['delivery'],
        log: [
          { kind: 'inbound', at: '2026-02-10T10:00:00Z', level: 'calm' },
          { kind: 'inbound', at: '2026-02-10T12:00:00Z', level: 'calm' },
          { kind: 'note', at: '2026-02-10T13:00:00Z', by: 'agent' },
        ],
      },
      {
        // Opened before the period: its January reply is effort in the period, the case is not.
        id: 'case6',
        customer: 'A',
        created: '2025-12-20T10:00:00Z',
        assignee: 'agent',
        respondedAfter: 5,
        dueAfter: 1440,
        problems: ['billing'],
        log: [
          { kind: 'inbound', at: '2025-12-20T10:00:00Z', level: 'upset' },
          { kind: 'outbound', at: '2026-01-02T10:00:00Z', by: 'agent' },
        ],
      },
    ];
    for (const c of cases) {
      await db
        .insertInto('cases')
        .values({
          id: c.id,
          customer_id: c.customer,
          subject: c.id,
          channel: 'email',
          status: 'open',
          problems: c.problems ?? [],
          assignee_id: c.assignee ? t.users[c.assignee].id : null,
          first_response_due_at: minutesAfter(c.created, c.dueAfter),
          first_responded_at:
            c.respondedAfter === undefined ? null : minutesAfter(c.created, c.respondedAfter),
          created_at: c.created,
          updated_at: c.created,
        })
        .execute();
      // Made-up logs with no chain: stored past the trigger that takes only a case's recorded end.
      await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_at_recorded_end`.execute(db);
      await db
        .insertInto('interactions')
        .values(
          c.log.map((entry, i) => ({
            id: `${c.id}-${i + 1}`,
            case_id: c.id,
            seq: i + 1,
            kind: entry.kind,
            author_id: entry.by ? t.users[entry.by].id : null,
            body: 'text',
            analysis: entry.level ? JSON.stringify({ level: entry.level, flags: [] }) : null,
            created_at: entry.at,
            prev_hash: '-',
            hash: '-',
            body_digest: '-',
          })),
        )
        .execute();
      await sql`ALTER TABLE interactions ENABLE TRIGGER interactions_at_recorded_end`.execute(db);
    }

    const commitment = (
      id: string,
      who: 'us' | 'customer',
      due: string,
      status: 'open' | 'kept' | 'missed',
    ) => ({
      id,
      case_id: 'case1',
      who,
      text: 'promise',
      due_at: due,
      status,
      updated_at: new Date(),
    });
    await db
      .insertInto('commitments')
      .values([
        commitment('k1', 'us', '2026-01-05T10:00:00Z', 'kept'),
        commitment('k2', 'us', '2026-01-06T10:00:00Z', 'kept'),
        commitment('k3', 'us', '2026-01-07T10:00:00Z', 'missed'),
        commitment('k4', 'us', '2026-02-20T10:00:00Z', 'open'),
        commitment('k5', 'us', '2026-02-21T10:00:00Z', 'kept'),
        commitment('k6', 'customer', '2026-02-22T10:00:00Z', 'missed'),
        commitment('k7', 'us', '2026-03-10T10:00:00Z', 'open'),
      ])
      .execute();

    const incident = (id: string, interaction: string, caseId: string, customer: string, level: Level) => ({
      id,
      interaction_id: interaction,
      case_id: caseId,
      customer_id: customer,
      flags: ['insult'],
      level,
    });
    await db
      .insertInto('abuse_incidents')
      .values([
        {
          ...incident('a1', 'case2-5', 'case2', 'B', 'hostile'),
          target_user_id: null,
          created_at: '2026-01-21T10:00:00Z',
        },
        {
          ...incident('a2', 'case3-1', 'case3', 'C', 'hostile'),
          target_user_id: t.users.agent.id,
          created_at: '2026-02-05T10:00:00Z',
        },
        {
          ...incident('a3', 'case1-1', 'case1', 'A', 'angry'),
          target_user_id: t.users.agent.id,
          created_at: '2026-01-10T10:00:00Z',
        },
      ])
      .execute();

    // 250 customers paying 1 each in 2023: a curve long enough to be downsampled.
    const many = Array.from({ length: 250 }, (_, i) => `Y${i}`);
    await db
      .insertInto('customers')
      .values(many.map((id) => ({ id, name: id, emails: [], phones: [], tags: [], updated_at: new Date() })))
      .execute();
    await db
      .insertInto('invoices')
      .values(many.map((id) => invoice(`inv-${id}`, id, 1, '2023-06-15T10:00:00Z')))
      .execute();
    // A thousand payments of 0.10 PLN in 2022: float sums of them miss 100 by a hair.
    await db
      .insertInto('invoices')
      .values(Array.from({ length: 1000 }, (_, i) => invoice(`dime-${i}`, 'F', 0.1, '2022-03-01T10:00:00Z')))
      .execute();
  });
  afterAll(() => t.close());

  it('defaults to the last 12 months, from the first day of the month in the organisation time zone', async () => {
    const body = await get('/api/analytics/problems');
    expect(body.period).toEqual({
      from: '2025-03-31T22:00:00.000Z',
      to: '2026-03-02T09:00:00.000Z',
      timeZone: 'Europe/Warsaw',
      months: [
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
      ],
    });
  });

  it('shows the top 20 % of customers bringing 60 % of paid revenue, with every rank on a short curve', async () => {
    const body = await get(`/api/analytics/revenue-pareto?${JAN_FEB}`);
    expect(body.period.months).toEqual(['2026-01', '2026-02']);
    expect(body).toMatchObject({
      customers: 5,
      revenue: 1000,
      topCustomers: 1,
      topShare: 0.6,
      currency: 'PLN',
      currencies: ['EUR', 'JPY', 'PLN'],
      totals: [
        { currency: 'EUR', amount: 19.99 },
        { currency: 'JPY', amount: 1500 },
        { currency: 'PLN', amount: 1000 },
      ],
    });
    expect(
      body.points.map((p: { customerShare: number; revenueShare: number }) => [
        p.customerShare,
        p.revenueShare,
      ]),
    ).toEqual([
      [0, 0],
      [0.2, 0.6],
      [0.4, 0.8],
      [0.6, 0.9],
      [0.8, 0.96],
      [1, 1],
    ]);
    const dollars = await get(`/api/analytics/revenue-pareto?${JAN_FEB}&currency=USD`);
    expect(dollars).toMatchObject({ currency: 'USD', customers: 0, revenue: 0, topShare: null, points: [] });
  });

  it('draws the curve of one currency at a time, never adding euros to złoty', async () => {
    const euro = await get(`/api/analytics/revenue-pareto?${JAN_FEB}&currency=EUR`);
    expect(euro).toMatchObject({ currency: 'EUR', customers: 1, revenue: 19.99, topShare: 1 });
    expect(euro.points.at(-1)).toEqual({
      rank: 1,
      customerShare: 1,
      cumulativeRevenue: 19.99,
      revenueShare: 1,
      currency: 'EUR',
    });
    const yen = await get(`/api/analytics/revenue-pareto?${JAN_FEB}&currency=JPY`);
    expect(yen).toMatchObject({ currency: 'JPY', customers: 1, revenue: 1500 });
    const unknown = await t.as('owner', {
      method: 'GET',
      url: `/api/analytics/revenue-pareto?${JAN_FEB}&currency=XYZ`,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/currency/);
  });

  it('adds a thousand payments of 0.10 up to exactly 100', async () => {
    const body = await get('/api/analytics/revenue-pareto?from=2022-01-01&to=2022-12-31');
    expect(body).toMatchObject({ customers: 1, revenue: 100, totals: [{ currency: 'PLN', amount: 100 }] });
  });

  it('downsamples a long curve to 101 points from the origin to (1, 1)', async () => {
    const body = await get('/api/analytics/revenue-pareto?from=2023-01-01&to=2023-12-31');
    expect(body).toMatchObject({ customers: 250, revenue: 250, topCustomers: 50, topShare: 0.2 });
    expect(body.points).toHaveLength(101);
    expect(body.points[0]).toEqual({
      rank: 0,
      customerShare: 0,
      cumulativeRevenue: 0,
      revenueShare: 0,
      currency: 'PLN',
    });
    expect(body.points[100]).toEqual({
      rank: 250,
      customerShare: 1,
      cumulativeRevenue: 250,
      revenueShare: 1,
      currency: 'PLN',
    });
    const ranks = body.points.map((p: { rank: number }) => p.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('estimates handling minutes per customer and splits revenue × effort at the medians', async () => {
    const body = await get(`/api/analytics/cost-to-serve?${JAN_FEB}`);
    expect(body.handlingMinutes).toEqual({ inbound: 2, outbound: 6, call: 8, note: 1 });
    expect(body.customers).toBe(6);
    expect(body.currency).toBe('PLN');
    expect(body.medians).toEqual({ revenue: 80, minutes: 4.5, currency: 'PLN' });
    expect(body.quadrants).toEqual({
      high_revenue_high_effort: { customers: 2, revenue: 800, minutes: 52, currency: 'PLN' },
      high_revenue_low_effort: { customers: 1, revenue: 100, minutes: 4, currency: 'PLN' },
      low_revenue_low_effort: { customers: 2, revenue: 100, minutes: 2, currency: 'PLN' },
      low_revenue_high_effort: { customers: 1, revenue: 0, minutes: 5, currency: 'PLN' },
    });
    const rows = body.items.map(
      (r: { customerId: string; cases: number; minutes: number; revenue: number; quadrant: string }) => [
        r.customerId,
        r.cases,
        r.minutes,
        r.revenue,
        r.quadrant,
      ],
    );
    expect(rows).toEqual([
      ['B', 1, 30, 200, 'high_revenue_high_effort'],
      ['A', 1, 22, 600, 'high_revenue_high_effort'],
      ['F', 1, 5, 0, 'low_revenue_high_effort'],
      ['C', 1, 4, 100, 'high_revenue_low_effort'],
      ['D', 1, 2, 60, 'low_revenue_low_effort'],
      ['E', 0, 0, 40, 'low_revenue_low_effort'],
    ]);
    expect(body.items[1]).toMatchObject({
      name: 'Anna',
      interactions: { inbound: 2, outbound: 3, call: 0, note: 0 },
    });
    expect(body.items[1]).not.toHaveProperty('types');
    const byRevenue = await get(`/api/analytics/cost-to-serve?${JAN_FEB}&sort=revenue&limit=2`);
    expect(byRevenue.items.map((r: { customerId: string }) => r.customerId)).toEqual(['A', 'B']);
    expect(byRevenue.customers).toBe(6);
  });

  it('counts a case as de-escalated when its last inbound level is below the first, per agent and month', async () => {
    const body = await get(`/api/analytics/de-escalation?${JAN_FEB}`);
    const agent = t.users.agent.id;
    const supervisor = t.users.supervisor.id;
    expect(body.items).toEqual([
      {
        month: '2026-01',
        agentId: agent,
        agentName: 'Test agent',
        cases: 1,
        deescalated: 1,
        unchanged: 0,
        escalated: 0,
        rate: 1,
      },
      // Unassigned: the supervisor wrote most of the replies.
      {
        month: '2026-01',
        agentId: supervisor,
        agentName: 'Test supervisor',
        cases: 1,
        deescalated: 0,
        unchanged: 0,
        escalated: 1,
        rate: 0,
      },
      {
        month: '2026-02',
        agentId: agent,
        agentName: 'Test agent',
        cases: 2,
        deescalated: 1,
        unchanged: 1,
        escalated: 0,
        rate: 0.5,
      },
    ]);
    expect(
      body.byAgent.map((r: { agentId: string; cases: number; rate: number }) => [r.agentId, r.cases, r.rate]),
    ).toEqual([
      [agent, 3, 2 / 3],
      [supervisor, 1, 0],
    ]);
  });

  it('gives the median and p90 first-response minutes per month, overall and by the opening level', async () => {
    const body = await get(`/api/analytics/response-times?${JAN_FEB}`);
    const row = (
      month: string,
      level: string,
      cases: number,
      responded: number,
      within: number,
      median: number | null,
      p90: number | null,
    ) => ({
      month,
      level,
      cases,
      responded,
      withinTarget: within,
      medianMinutes: median,
      p90Minutes: p90,
    });
    expect(body.items).toEqual([
      row('2026-01', 'all', 2, 2, 2, 75, 111),
      row('2026-01', 'upset', 1, 1, 1, 120, 120),
      row('2026-01', 'angry', 1, 1, 1, 30, 30),
      row('2026-02', 'all', 3, 2, 1, 330, 546),
      row('2026-02', 'calm', 2, 1, 1, 60, 60),
      row('2026-02', 'hostile', 1, 1, 0, 600, 600),
    ]);
  });

  it('rates commitments kept against kept, missed and overdue open ones, leaving those not yet due aside', async () => {
    const body = await get('/api/analytics/commitments?from=2026-01-01&to=2026-03-31');
    const row = (
      month: string | null,
      who: string,
      kept: number,
      missed: number,
      overdue: number,
      pending: number,
      rate: number | null,
    ) => ({
      month,
      who,
      kept,
      missed,
      overdueOpen: overdue,
      pending,
      rate,
    });
    expect(body.items).toEqual([
      row('2026-01', 'us', 2, 1, 0, 0, 2 / 3),
      row('2026-02', 'us', 1, 0, 1, 0, 0.5),
      row('2026-02', 'customer', 0, 1, 0, 0, 0),
      row('2026-03', 'us', 0, 0, 0, 1, null),
    ]);
    expect(body.byWho).toEqual([row(null, 'us', 3, 1, 1, 1, 0.6), row(null, 'customer', 0, 1, 0, 0, 0)]);
  });

  it('counts the abuse that reached each agent per month', async () => {
    const body = await get(`/api/analytics/abuse-exposure?${JAN_FEB}`);
    const agent = t.users.agent.id;
    expect(body.items).toEqual([
      {
        month: '2026-01',
        agentId: agent,
        agentName: 'Test agent',
        incidents: 1,
        hostile: 0,
        cases: 1,
        customers: 1,
      },
      // It came while nobody held the case: the supervisor, who called the customer next, took it.
      {
        month: '2026-01',
        agentId: t.users.supervisor.id,
        agentName: 'Test supervisor',
        incidents: 1,
        hostile: 1,
        cases: 1,
        customers: 1,
      },
      {
        month: '2026-02',
        agentId: agent,
        agentName: 'Test agent',
        incidents: 1,
        hostile: 1,
        cases: 1,
        customers: 1,
      },
    ]);
    expect(body.byAgent).toEqual([
      {
        month: null,
        agentId: agent,
        agentName: 'Test agent',
        incidents: 2,
        hostile: 1,
        cases: 2,
        customers: 2,
      },
      {
        month: null,
        agentId: t.users.supervisor.id,
        agentName: 'Test supervisor',
        incidents: 1,
        hostile: 1,
        cases: 1,
        customers: 1,
      },
    ]);
  });

  it('counts problem categories of the cases opened each month', async () => {
    const body = await get(`/api/analytics/problems?${JAN_FEB}`);
    expect(body.items).toEqual([
      { month: '2026-01', category: 'delivery', cases: 2 },
      { month: '2026-01', category: 'billing', cases: 1 },
      { month: '2026-02', category: 'delivery', cases: 1 },
      { month: '2026-02', category: 'quality', cases: 1 },
    ]);
    expect(body.byCategory).toEqual([
      { month: null, category: 'delivery', cases: 3 },
      { month: null, category: 'billing', cases: 1 },
      { month: null, category: 'quality', cases: 1 },
    ]);
  });

  it('exports every customer as CSV with a filename, escaped names and formula-safe cells', async () => {
    const response = await t.as('owner', {
      method: 'GET',
      url: `/api/analytics/cost-to-serve?${JAN_FEB}&limit=1&format=csv`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="calmdesk-cost-to-serve-2026-01-01-to-2026-02-28.csv"',
    );
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,name,cases,inbound,outbound,calls,notes,handling_minutes,revenue,currency,quadrant',
    );
    expect(lines[1]).toBe('B,Bartek,1,2,3,1,0,30,200,PLN,high_revenue_high_effort');
    expect(response.body).toContain(
      'D,"Kowalski, ""Jan""\nline two",1,1,0,0,0,2,60,PLN,low_revenue_low_effort\r\n',
    );
    expect(response.body).toContain('E,"\'=HYPERLINK(""http://evil.test"")",0,');
    // Seven data lines, the header and the empty string after the last CRLF; D's name holds one LF.
    expect(response.body.split('\r\n')).toHaveLength(8);
  });

  it('answers an Accept: text/csv with CSV and marks the per-agent totals', async () => {
    const response = await t.as('supervisor', {
      method: 'GET',
      url: `/api/analytics/abuse-exposure?${JAN_FEB}`,
      headers: { accept: 'text/csv' },
    });
    expect(response.headers['content-disposition']).toContain(
      'calmdesk-abuse-exposure-2026-01-01-to-2026-02-28.csv',
    );
    expect(response.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'month,agent_id,agent_name,incidents,hostile,cases,customers',
      `2026-01,${t.users.agent.id},Test agent,1,0,1,1`,
      `2026-01,${t.users.supervisor.id},Test supervisor,1,1,1,1`,
      `2026-02,${t.users.agent.id},Test agent,1,1,1,1`,
      `total,${t.users.agent.id},Test agent,2,1,2,2`,
      `total,${t.users.supervisor.id},Test supervisor,1,1,1,1`,
      '',
    ]);
  });

  it('refuses agents and a period that ends before it starts', async () => {
    for (const path of [
      'revenue-pareto',
      'cost-to-serve',
      'de-escalation',
      'response-times',
      'commitments',
      'abuse-exposure',
      'problems',
    ]) {
      const response = await t.as('agent', { method: 'GET', url: `/api/analytics/${path}?format=csv` });
      expect(response.statusCode, path).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const backwards = await t.as('owner', {
      method: 'GET',
      url: '/api/analytics/problems?from=2026-02-01&to=2026-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    const unknown = await t.as('owner', { method: 'GET', url: '/api/analytics/problems?since=2026-02-01' });
    expect(unknown.statusCode).toBe(400);
  });
});
