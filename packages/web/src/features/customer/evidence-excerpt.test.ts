import { describe, expect, it } from 'vitest';
import { parseExcerpt } from './evidence-excerpt.ts';

describe('parseExcerpt', () => {
  it('reads a late-cancelled booking back into its service, UTC times and status', () => {
    expect(
      parseExcerpt({
        kind: 'booking',
        excerpt: 'Koloryzacja 2026-08-25 09:00: late_cancelled, cancelled 2026-08-25 06:00',
      }),
    ).toEqual({
      kind: 'booking',
      service: 'Koloryzacja',
      startsAt: '2026-08-25T09:00:00Z',
      status: 'late_cancelled',
      cancelledAt: '2026-08-25T06:00:00Z',
    });
  });

  it('reads an unpaid invoice and a paid one', () => {
    expect(
      parseExcerpt({ kind: 'invoice', excerpt: 'FV/60/450: 450.00 PLN, due 2026-10-08, unpaid' }),
    ).toEqual({
      kind: 'invoice',
      label: 'FV/60/450',
      amount: 450,
      currency: 'PLN',
      dueOn: '2026-10-08',
      paidOn: null,
    });
    expect(parseExcerpt({ kind: 'invoice', excerpt: 'invoice: 99.50 EUR, paid 2026-01-02' })).toMatchObject({
      label: '',
      amount: 99.5,
      dueOn: null,
      paidOn: '2026-01-02',
    });
  });

  it('separates the abuse flags from the message, so the message can stay hidden', () => {
    expect(
      parseExcerpt({ kind: 'incident', excerpt: 'insult, profanity: Jesteście bandą idiotów!' }),
    ).toEqual({
      kind: 'incident',
      flags: ['insult', 'profanity'],
      message: 'Jesteście bandą idiotów!',
    });
  });

  it("keeps a customer's own words as they are", () => {
    expect(parseExcerpt({ kind: 'interaction', excerpt: 'Dziękuję, wszystko super (kept)' })).toEqual({
      kind: 'text',
      text: 'Dziękuję, wszystko super (kept)',
    });
  });
});
