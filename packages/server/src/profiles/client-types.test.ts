import { describe, expect, it } from 'vitest';
import { classifyCustomer, findSatisfiedEarlier, thresholdScore } from './client-types.ts';
import { customerHistory } from './customer-history.test-helper.ts';
import type { CustomerHistory, HistoryInteraction } from './customer-history.ts';
import { DEFAULT_PROFILE_RULES } from './profile-rules.ts';
import { summariseHistory } from './profile-stats.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const daysAgo = (d: number, hours = 0) => new Date(NOW.getTime() - d * 86_400_000 - hours * 3_600_000);

const history = (partial: Partial<CustomerHistory> = {}) =>
  customerHistory({ id: 'c1', name: 'Anna Nowak', language: 'pl', emails: [] }, partial);

let seq = 0;
function message(
  at: Date,
  flags: string[],
  options: { kind?: HistoryInteraction['kind']; level?: string; problems?: number; body?: string } = {},
): HistoryInteraction {
  const kind = options.kind ?? 'inbound';
  seq++;
  return {
    id: `i${seq}`,
    caseId: 'k1',
    kind,
    body: options.body ?? `message ${seq}`,
    createdAt: at,
    analysis:
      kind === 'inbound'
        ? { flags, level: options.level ?? 'upset', lang: 'pl', problems: options.problems ?? 0 }
        : null,
  };
}

const typesOf = (h: CustomerHistory) => classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).map((t) => t.type);

describe('client types', () => {
  it('scores 0.5 at the threshold and 1 at twice the threshold', () => {
    expect(thresholdScore(2, 2)).toBe(0.5);
    expect(thresholdScore(4, 2)).toBe(1);
    expect(thresholdScore(9, 2)).toBe(1);
    expect(thresholdScore(1, 2)).toBe(0.25);
  });

  it('suggests nothing for a quiet customer', () => {
    expect(typesOf(history({ interactions: [message(daysAgo(3), [], { level: 'calm' })] }))).toEqual([]);
  });

  it('calls a customer impatient for urgency and follow-ups sent before anyone answered', () => {
    const h = history({
      interactions: [
        message(daysAgo(5, 5), ['urgency']),
        message(daysAgo(5, 3), ['urgency', 'repeat_contact']),
        message(daysAgo(5, 1), []),
      ],
    });
    const [type] = classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW);
    expect(type?.type).toBe('impatient');
    expect(type?.params).toMatchObject({ urgent: 2, repeat: 1, quickFollowUps: 2 });
    expect(type?.score).toBe(0.83);
    expect(type?.evidence.map((e) => e.kind)).toEqual(['interaction', 'interaction', 'interaction']);
  });

  it('does not count a follow-up that came after our reply as chasing', () => {
    const h = history({
      interactions: [
        message(daysAgo(5, 5), ['urgency']),
        message(daysAgo(5, 4), [], { kind: 'outbound' }),
        message(daysAgo(5, 3), []),
        message(daysAgo(5, 2), [], { kind: 'outbound' }),
        message(daysAgo(5, 1), []),
      ],
    });
    expect(typesOf(h)).not.toContain('impatient');
  });

  it('calls a customer with an overdue invoice and a free-work demand a non-payer', () => {
    const h = history({
      invoices: [
        {
          id: 'inv1',
          externalId: 'FV/1/2026',
          minor: 50000,
          currency: 'PLN',
          issuedAt: daysAgo(60),
          dueAt: daysAgo(45),
          paidAt: null,
        },
      ],
      interactions: [message(daysAgo(10), ['compensation_demand'])],
    });
    const type = classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'non_payer');
    expect(type?.params).toMatchObject({
      overdue: 1,
      outstanding: [{ currency: 'PLN', amount: 500 }],
      demands: 1,
    });
    expect(type?.score).toBe(0.75);
    expect(type?.evidence.map((e) => e.id).sort()).toEqual([`i${seq}`, 'inv1'].sort());
    expect(type?.sentence).toContain('500.00 PLN outstanding');
  });

  it('calls many complaints with few of them our fault nitpicking, but not when most were ours', () => {
    const cases = (faults: Array<'ours' | 'customer' | 'unknown'>) =>
      faults.map((fault, n) => ({
        id: `k${n}`,
        subject: `Reklamacja ${n}`,
        status: 'resolved' as const,
        fault,
        createdAt: daysAgo(30 * n + 1),
        updatedAt: daysAgo(30 * n),
      }));
    const picky = history({ cases: cases(['customer', 'unknown', 'customer', 'customer', 'ours']) });
    const type = classifyCustomer(picky, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'nitpicker');
    expect(type?.params).toEqual({ cases: 5, ours: 1, windowDays: 365 });
    const wronged = history({ cases: cases(['ours', 'ours', 'customer', 'ours']) });
    expect(typesOf(wronged)).not.toContain('nitpicker');
  });

  it('calls a customer abusive on the first incident and scores a threat of violence 1', () => {
    const insult = message(daysAgo(3), ['insult'], { body: 'Jesteście idiotami' });
    const h = history({
      interactions: [insult],
      incidents: [
        {
          id: 'x1',
          interactionId: insult.id,
          caseId: 'k1',
          flags: ['insult'],
          level: 'hostile',
          createdAt: daysAgo(3),
        },
      ],
    });
    const type = classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'abusive');
    expect(type?.score).toBe(0.5);
    expect(type?.evidence[0]?.excerpt).toBe('insult: Jesteście idiotami');
    h.incidents.push({
      id: 'x2',
      interactionId: 'other',
      caseId: 'k1',
      flags: ['threat_violence'],
      level: 'hostile',
      createdAt: daysAgo(1),
    });
    expect(classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'abusive')?.score).toBe(1);
  });

  it('calls a customer who breaks promises and goes silent disengaged', () => {
    const h = history({
      cases: [
        {
          id: 'k1',
          subject: 'Dokumenty',
          status: 'waiting_customer',
          fault: 'unknown',
          createdAt: daysAgo(40),
          updatedAt: daysAgo(20),
        },
      ],
      interactions: [message(daysAgo(20), [], { kind: 'outbound' })],
      commitments: [
        {
          id: 'p1',
          caseId: 'k1',
          who: 'customer',
          text: 'Wyślę dokumenty jutro',
          dueAt: daysAgo(25),
          status: 'open',
        },
        {
          id: 'p2',
          caseId: 'k1',
          who: 'customer',
          text: 'Zadzwonię w piątek',
          dueAt: daysAgo(35),
          status: 'kept',
        },
      ],
    });
    const type = classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'disengaged');
    expect(type?.params).toEqual({ brokenPromises: 1, silentCases: 1, silenceDays: 7 });
    expect(type?.evidence.map((e) => e.kind).sort()).toEqual(['case', 'commitment']);
  });

  it('counts a cancellation inside the notice period as late even when it is marked plainly cancelled', () => {
    const booking = (
      id: string,
      start: Date,
      status: 'cancelled' | 'no_show' | 'attended',
      cancelledAt: Date | null,
    ) => ({
      id,
      service: 'Manicure',
      startsAt: start,
      status,
      cancelledAt,
    });
    const start = daysAgo(10);
    const h = history({
      bookings: [
        booking('b1', start, 'cancelled', new Date(start.getTime() - 3 * 3_600_000)),
        booking('b2', daysAgo(20), 'cancelled', daysAgo(23)),
        booking('b3', daysAgo(30), 'no_show', null),
        booking('b4', daysAgo(40), 'attended', null),
      ],
    });
    const type = classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'serial_canceller');
    expect(type?.params).toMatchObject({ lateCancellations: 1, noShows: 1 });
    expect(type?.evidence.map((e) => e.id).sort()).toEqual(['b1', 'b3']);
    const stats = summariseHistory(h, DEFAULT_PROFILE_RULES, NOW);
    expect(stats.bookings).toMatchObject({
      cancelled: 2,
      no_show: 1,
      attended: 1,
      lateCancellations: 1,
      total: 4,
    });
  });

  it('recognises a late unspecific refund demand after thanks, and shows the earlier thanks', () => {
    const thanks = message(daysAgo(60), ['gratitude'], {
      level: 'calm',
      body: 'Dziękuję, wszystko działa świetnie!',
    });
    const demand = message(daysAgo(2), ['refund_demand'], {
      body: 'Nie jestem zadowolona, oddajcie pieniądze.',
    });
    const h = history({ interactions: [thanks, demand] });
    const type = classifyCustomer(h, DEFAULT_PROFILE_RULES, NOW).find((t) => t.type === 'refund_seeker');
    expect(type?.score).toBe(1);
    expect(type?.params).toMatchObject({ gapDays: 58, satisfiedMessages: 1, thanked: true });
    const satisfied = findSatisfiedEarlier(h, DEFAULT_PROFILE_RULES, NOW);
    expect(satisfied).toEqual([
      expect.objectContaining({
        interactionId: thanks.id,
        reason: 'gratitude',
        excerpt: 'Dziękuję, wszystko działa świetnie!',
      }),
    ]);
  });

  it('does not call a refund demand that names a concrete problem refund seeking, but still shows the earlier thanks', () => {
    const thanks = message(daysAgo(60), ['gratitude'], { level: 'calm' });
    const demand = message(daysAgo(2), ['refund_demand'], { problems: 1 });
    const h = history({ interactions: [thanks, demand] });
    expect(typesOf(h)).not.toContain('refund_seeker');
    expect(findSatisfiedEarlier(h, DEFAULT_PROFILE_RULES, NOW)).toHaveLength(1);
  });

  it('does not call a refund demand soon after the satisfied message late', () => {
    const h = history({
      interactions: [
        message(daysAgo(5), ['gratitude'], { level: 'calm' }),
        message(daysAgo(2), ['refund_demand']),
      ],
    });
    expect(typesOf(h)).not.toContain('refund_seeker');
    expect(findSatisfiedEarlier(h, DEFAULT_PROFILE_RULES, NOW)).toEqual([]);
  });

  it('calls the top fifth of paying customers valued and no one below it', () => {
    const ranked = (rank: number) =>
      history({
        revenueRanking: {
          currency: 'PLN',
          revenue: 1000 / rank,
          rank,
          payingCustomers: 10,
          totalRevenue: 3000,
        },
      });
    expect(typesOf(ranked(1))).toEqual(['valued']);
    expect(classifyCustomer(ranked(2), DEFAULT_PROFILE_RULES, NOW)[0]?.params).toMatchObject({
      rank: 2,
      topPercent: 20,
    });
    expect(typesOf(ranked(3))).toEqual([]);
  });

  it('follows the thresholds in the rules', () => {
    const h = history({ interactions: [message(daysAgo(3), ['urgency'])] });
    expect(typesOf(h)).toEqual([]);
    const rules = structuredClone(DEFAULT_PROFILE_RULES);
    rules.types.impatient.minSignals = 1;
    expect(classifyCustomer(h, rules, NOW).map((t) => t.type)).toEqual(['impatient']);
  });
});
