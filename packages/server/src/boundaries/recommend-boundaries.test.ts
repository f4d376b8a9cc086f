import { describe, expect, it } from 'vitest';
import { customerHistory } from '../profiles/customer-history.test-helper.ts';
import type { CustomerHistory, HistoryBooking, HistoryDecision } from '../profiles/customer-history.ts';
import { DEFAULT_PROFILE_RULES } from '../profiles/profile-rules.ts';
import { writeLetter } from './letters.ts';
import { computeStanding, recommendBoundaries } from './recommend-boundaries.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

const history = (partial: Partial<CustomerHistory> = {}) =>
  customerHistory({ id: 'c1', name: 'Mari Tamm', language: 'et', emails: [] }, partial);

function noShows(n: number, from = 1): HistoryBooking[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `b${from + k}`,
    service: 'Massaaž',
    startsAt: daysAgo(10 + 10 * k),
    status: 'no_show' as const,
    cancelledAt: null,
  }));
}

function decision(partial: Partial<HistoryDecision>): HistoryDecision {
  return {
    id: 'd1',
    level: 'deposit_required',
    outcome: 'dismissed',
    rule: 'cancellations_deposit',
    evidenceIds: [],
    createdAt: daysAgo(1),
    expiresAt: null,
    revokedAt: null,
    ...partial,
  };
}

const recommend = (h: CustomerHistory, decisions: HistoryDecision[] = []) =>
  recommendBoundaries(h, decisions, DEFAULT_PROFILE_RULES, NOW);

describe('boundary recommendations', () => {
  it('recommends a 10 % deposit after two late cancellations or no-shows in six months', () => {
    expect(recommend(history({ bookings: noShows(1) }))).toEqual([]);
    const [rec] = recommend(history({ bookings: noShows(2) }));
    expect(rec).toMatchObject({ rule: 'cancellations_deposit', level: 'deposit_required' });
    expect(rec?.params).toMatchObject({ count: 2, depositPercent: 10, windowDays: 180 });
    expect(rec?.evidence.map((e) => e.id)).toEqual(['b2', 'b1']);
  });

  it('recommends blocking bookings at six instead of a deposit', () => {
    const recs = recommend(history({ bookings: noShows(6) }));
    expect(recs.map((r) => r.rule)).toEqual(['cancellations_block']);
    expect(recs[0]?.level).toBe('booking_blocked');
  });

  it('ignores cancellations older than the window', () => {
    const old = noShows(2).map((b) => ({ ...b, startsAt: daysAgo(200) }));
    expect(recommend(history({ bookings: old }))).toEqual([]);
  });

  it('recommends a warning for the first abusive incident, the end for the second or any threat of violence', () => {
    const incident = (id: string, flags: string[], d: number) => ({
      id,
      interactionId: `m${id}`,
      caseId: 'k1',
      flags,
      level: 'hostile',
      createdAt: daysAgo(d),
    });
    expect(recommend(history({ incidents: [incident('x1', ['insult'], 5)] })).map((r) => r.level)).toEqual([
      'warning',
    ]);
    const twice = recommend(
      history({ incidents: [incident('x1', ['insult'], 5), incident('x2', ['profanity'], 2)] }),
    );
    expect(twice.map((r) => [r.rule, r.level])).toEqual([['abuse_end', 'ended']]);
    const violent = recommend(history({ incidents: [incident('x3', ['threat_violence'], 1)] }));
    expect(violent.map((r) => [r.rule, r.level])).toEqual([['violence_end', 'ended']]);
  });

  it('recommends prepayment for an invoice more than 30 days overdue, not for one 20 days overdue', () => {
    const invoice = (id: string, dueDaysAgo: number) => ({
      id,
      externalId: `INV-${id}`,
      minor: 12000,
      currency: 'EUR',
      issuedAt: daysAgo(dueDaysAgo + 14),
      dueAt: daysAgo(dueDaysAgo),
      paidAt: null,
    });
    expect(recommend(history({ invoices: [invoice('a', 20)] }))).toEqual([]);
    const [rec] = recommend(history({ invoices: [invoice('a', 20), invoice('b', 31)] }));
    expect(rec).toMatchObject({ rule: 'overdue_prepayment', level: 'prepayment_required' });
    expect(rec?.params).toMatchObject({ invoice: 'INV-b', overdueDays: 31, dueDate: '2026-01-30' });
  });

  it('keeps a dismissed recommendation quiet until new evidence arrives', () => {
    const dismissed = decision({ evidenceIds: ['b1', 'b2'] });
    expect(recommend(history({ bookings: noShows(2) }), [dismissed])).toEqual([]);
    expect(recommend(history({ bookings: noShows(3) }), [dismissed]).map((r) => r.rule)).toEqual([
      'cancellations_deposit',
    ]);
  });

  it('stays quiet while a decision at the same or a higher level is in force, and speaks after it expires', () => {
    const blocked = decision({
      outcome: 'confirmed',
      level: 'booking_blocked',
      rule: null,
      expiresAt: daysAgo(-30),
    });
    expect(recommend(history({ bookings: noShows(2) }), [blocked])).toEqual([]);
    const expired = { ...blocked, expiresAt: daysAgo(1) };
    expect(recommend(history({ bookings: noShows(2) }), [expired])).toHaveLength(1);
  });
});

describe('standing', () => {
  it('combines the decisions in force for a booking system', () => {
    expect(computeStanding([], 10)).toEqual({
      level: 'none',
      canBookOnline: true,
      depositRequired: false,
      prepaymentRequired: false,
      reasons: [],
    });
    const standing = computeStanding(
      [
        {
          id: 'd1',
          level: 'deposit_required',
          reason: 'Two no-shows',
          createdAt: daysAgo(3),
          expiresAt: null,
        },
        {
          id: 'd2',
          level: 'booking_blocked',
          reason: 'Six no-shows',
          createdAt: daysAgo(1),
          expiresAt: null,
        },
      ],
      10,
    );
    expect(standing).toMatchObject({ level: 'booking_blocked', canBookOnline: false, depositRequired: 10 });
    expect(standing.reasons.map((r) => r.decisionId)).toEqual(['d2', 'd1']);
  });
});

describe('letters', () => {
  const base = {
    customerName: 'Mari Tamm',
    business: 'Salon Ilu',
    depositPercent: 10,
    reason: 'Two no-shows',
    timeZone: 'Europe/Tallinn',
  };
  const params = { count: 2, windowDays: 180, noticeHours: 24, depositPercent: 10 };

  it('writes the Polish deposit letter with the right plural forms', () => {
    const letter = writeLetter({
      ...base,
      lang: 'pl',
      level: 'deposit_required',
      rule: 'cancellations_deposit',
      params,
      expiresAt: new Date('2026-08-29T10:00:00Z'),
    });
    expect(letter?.subject).toBe('Zadatek przy kolejnych rezerwacjach');
    expect(letter?.body).toContain('W ciągu ostatnich 6 miesięcy 2 razy zdarzyło się');
    expect(letter?.body).toContain('później niż 24 godziny przed terminem');
    expect(letter?.body).toContain('zadatku w wysokości 10% ceny usługi');
    expect(letter?.body).toContain('Zasada ta obowiązuje do 29.08.2026.');
    expect(letter?.body.endsWith('Z poważaniem\nSalon Ilu')).toBe(true);
  });

  it('writes the Estonian letter with the customer name and the partitive plural', () => {
    const letter = writeLetter({
      ...base,
      lang: 'et',
      level: 'booking_blocked',
      rule: 'cancellations_block',
      params: { ...params, count: 6 },
      expiresAt: null,
    });
    expect(letter?.body.startsWith('Tere, Mari Tamm!')).toBe(true);
    expect(letter?.body).toContain(
      'Viimase 6 kuu jooksul on teie broneeritud aeg 6 korral tühistatud vähem kui 24 tundi',
    );
    expect(letter?.body).not.toContain('kehtib kuni');
  });

  it('quotes the person’s reason when the decision answers no rule, and writes no letter for a note', () => {
    const letter = writeLetter({
      ...base,
      lang: 'en',
      level: 'ended',
      rule: null,
      params: {},
      expiresAt: null,
    });
    expect(letter?.body).toContain('The reason for our decision: Two no-shows');
    expect(
      writeLetter({ ...base, lang: 'en', level: 'note', rule: null, params: {}, expiresAt: null }),
    ).toBeNull();
  });
});
