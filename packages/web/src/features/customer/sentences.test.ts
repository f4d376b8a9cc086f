import type { ClientTypeResult, Recommendation } from '@calmdesk/contracts';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../format/use-format.ts';
import { en } from '../../i18n/en.ts';
import { et } from '../../i18n/et.ts';
import { pl } from '../../i18n/pl.ts';
import { recommendationReason, typeSentence } from './sentences.ts';

async function translator(lng: string) {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { en: { translation: en }, pl: { translation: pl }, et: { translation: et } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const serialCanceller: ClientTypeResult = {
  type: 'serial_canceller',
  score: 1,
  sentence: '3 late cancellation(s) (less than 24 h before the start) and 1 no-show(s) in the last 180 days.',
  params: { lateCancellations: 3, noShows: 1, noticeHours: 24, windowDays: 180 },
  evidence: [],
};

describe('typeSentence', () => {
  it('says a client type in Polish and Estonian from its params, never the English sentence', async () => {
    const warsaw = makeFormatters('pl', 'Europe/Warsaw');
    expect(typeSentence(await translator('pl'), warsaw, serialCanceller)).toBe(
      'W ciągu ostatnich 180 dni: późne odwołania (mniej niż 24 h przed terminem): 3; nieobecności bez odwołania: 1.',
    );
    const tallinn = makeFormatters('et', 'Europe/Tallinn');
    expect(typeSentence(await translator('et'), tallinn, serialCanceller)).toBe(
      'Viimase 180 päeva jooksul: hiliseid tühistamisi (vähem kui 24 h enne algust): 3; ilmumata jätmisi: 1.',
    );
  });

  it('writes dates and amounts the local way and picks the variant for a boolean', async () => {
    const refund: ClientTypeResult = {
      type: 'refund_seeker',
      score: 1,
      sentence: 'English',
      params: { demandedAt: '2026-03-05', gapDays: 40, satisfiedMessages: 2, thanked: true, ourFault: false },
      evidence: [],
    };
    const text = typeSentence(await translator('pl'), makeFormatters('pl', 'Europe/Warsaw'), refund);
    expect(text).toContain('5 mar 2026');
    expect(text).toContain('w tym podziękowania');
    const debt: ClientTypeResult = {
      type: 'non_payer',
      score: 0.5,
      sentence: 'English',
      params: {
        overdue: 1,
        outstanding: [
          { currency: 'EUR', amount: 19.99 },
          { currency: 'PLN', amount: 1450 },
        ],
        paidLate: 0,
        latePaymentDays: 14,
        demands: 0,
        brokenPromises: 0,
        windowDays: 365,
      },
      evidence: [],
    };
    // One amount per currency, each in its own: never one sum of euros and złoty.
    expect(typeSentence(await translator('en'), makeFormatters('en', 'UTC'), debt)).toMatch(
      /\(€19\.99 \+ PLN\s1,450\.00 outstanding\)/,
    );
    const valued: ClientTypeResult = {
      type: 'valued',
      score: 1,
      sentence: 'English',
      params: {
        rank: 1,
        payingCustomers: 5,
        topPercent: 20,
        revenue: 1500,
        currency: 'JPY',
        sharePercent: 40,
        windowDays: 365,
      },
      evidence: [],
    };
    expect(typeSentence(await translator('en'), makeFormatters('en', 'UTC'), valued)).toContain(
      '¥1,500 paid',
    );
  });

  it('falls back to the English sentence for a type this version does not know', async () => {
    const unknown = { ...serialCanceller, type: 'time_waster' } as unknown as ClientTypeResult;
    expect(typeSentence(await translator('pl'), makeFormatters('pl', 'UTC'), unknown)).toBe(
      serialCanceller.sentence,
    );
  });
});

describe('recommendationReason', () => {
  it('fills every placeholder of every rule in every language', async () => {
    const params = {
      count: 4,
      lateCancellations: 3,
      noShows: 1,
      windowDays: 180,
      noticeHours: 24,
      depositPercent: 10,
      limit: 2,
      date: '2026-11-20',
      invoice: 'FV/1',
      amount: 450,
      currency: 'PLN',
      dueDate: '2026-10-08',
      overdueDays: 46,
      limitDays: 30,
      invoices: 1,
    };
    for (const lng of ['pl', 'et', 'en']) {
      const t = await translator(lng);
      for (const rule of Object.keys(en.boundary.rule)) {
        const rec = {
          rule,
          level: 'warning',
          reason: 'English',
          params,
          evidence: [],
        } as unknown as Recommendation;
        const text = recommendationReason(t, makeFormatters(lng, 'Europe/Warsaw'), rec);
        expect(text, `${lng} ${rule}`).not.toMatch(/\{\{|English/);
      }
    }
  });
});
