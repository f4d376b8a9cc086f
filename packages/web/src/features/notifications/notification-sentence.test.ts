import type { Notification, NotificationKind } from '@calmdesk/contracts';
import { NOTIFICATION_KINDS } from '@calmdesk/contracts/enums';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { type Formatters, makeFormatters } from '../../format/use-format.ts';
import { en } from '../../i18n/en.ts';
import { et } from '../../i18n/et.ts';
import { pl } from '../../i18n/pl.ts';
import { notificationSentence, notificationTarget } from './notification-sentence.ts';

async function translator(lng: string) {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { en: { translation: en }, pl: { translation: pl }, et: { translation: et } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const note = (kind: NotificationKind, details: Notification['details'], title = 'Kurtka'): Notification => ({
  id: `n-${kind}`,
  kind,
  caseId: kind === 'mailbox_failing' ? null : 'case-1',
  title,
  details,
  createdAt: '2026-03-05T10:00:00.000Z',
  readAt: null,
});

/** Every kind with the details the server gives, and the variants it can take. */
const SAMPLES: Notification[] = [
  note('case_assigned', { by: 'Sebastian Kierownik' }),
  note('case_assigned', { by: null }),
  note('customer_wrote', { level: 'hostile' }),
  note('customer_wrote', { level: null }),
  note('case_escalated', { reason: 'first_response_missed', by: null }),
  note('case_escalated', { reason: 'commitment_overdue', by: null }),
  note('case_escalated', { reason: 'manual', by: 'Anna Nowak' }),
  note('case_escalated', { reason: 'manual', by: null }),
  note('refund_to_approve', { compensation: 'cash_refund', amount: 900, currency: 'PLN', by: 'Anna Nowak' }),
  note('refund_to_approve', { compensation: 'voucher', amount: null, currency: null, by: null }),
  note('refund_decided', {
    compensation: 'cash_refund',
    amount: 900,
    currency: 'PLN',
    by: 'Sebastian Kierownik',
    decision: 'approved',
  }),
  note('refund_decided', {
    compensation: 'cash_refund',
    amount: 49.5,
    currency: 'EUR',
    by: null,
    decision: 'rejected',
  }),
  note('commitment_due_soon', {
    promise: 'Wyślemy nową kurtkę do piątku.',
    dueAt: '2026-03-06T15:00:00.000Z',
  }),
  note('commitment_due_soon', { promise: 'Oddzwonię jutro.', dueAt: null }),
  note('commitment_overdue', { promise: 'Wyślemy nową kurtkę do piątku.' }),
  note('mailbox_failing', { reason: 'host unreachable: connection refused' }, 'kontakt@salon.test'),
  note('case_escalated', { reason: 'next_response_missed', by: null }),
  note(
    'boundary_recommended',
    { rule: 'late_cancellations', level: 'deposit_required', customerId: 'k1' },
    'Ewa Lis',
  ),
];

describe('notificationSentence', () => {
  it('covers every kind the server sends', () => {
    expect(new Set(SAMPLES.map((n) => n.kind))).toEqual(new Set(NOTIFICATION_KINDS));
  });

  it.each(['pl', 'et', 'en'])(
    'says every kind in %s as a whole sentence with its title and no placeholder left',
    async (lng) => {
      const t = await translator(lng);
      const format = makeFormatters(lng, 'Europe/Warsaw');
      for (const n of SAMPLES) {
        const sentence = notificationSentence(t, format, n);
        const what = `${n.kind} ${JSON.stringify(n.details)}`;
        expect(sentence.trim().length, what).toBeGreaterThan(20);
        expect(sentence, what).not.toMatch(/\{\{|\}\}|notifications\.|undefined|null|NaN/);
        expect(sentence, what).toContain(n.title);
        if (typeof n.details.by === 'string') expect(sentence, what).toContain(n.details.by);
        if (typeof n.details.promise === 'string') expect(sentence, what).toContain(n.details.promise);
      }
    },
  );

  it('never leaves English in a Polish or Estonian sentence', async () => {
    for (const lng of ['pl', 'et']) {
      const t = await translator(lng);
      const format = makeFormatters(lng, 'Europe/Warsaw');
      for (const n of SAMPLES) {
        const sentence = notificationSentence(t, format, n);
        expect(sentence, `${lng} ${n.kind}`).not.toMatch(
          /\b(the|was|case|escalated|refund|promise|approved|rejected|hostile|voucher)\b/i,
        );
      }
    }
  });

  it('names who acted, translates the mood and the compensation, and writes money the local way', async () => {
    // Intl puts a no-break space between an amount and its currency.
    const say = (t: TFunction, format: Formatters, n: Notification | undefined) =>
      notificationSentence(t, format, n as Notification).replace(/\u00a0|\u202f/g, ' ');
    const warsaw = makeFormatters('pl', 'Europe/Warsaw');
    const pl_ = await translator('pl');
    expect(say(pl_, warsaw, SAMPLES[0])).toBe('Sebastian Kierownik przydziela Ci sprawę „Kurtka”.');
    expect(say(pl_, warsaw, SAMPLES[2])).toBe('Klient znów napisał w sprawie „Kurtka” (nastrój: agresywny).');
    expect(say(pl_, warsaw, SAMPLES[8])).toBe(
      'Anna Nowak prosi o zatwierdzenie rekompensaty w sprawie „Kurtka”: zwrot pieniędzy, 900,00 zł.',
    );
    const tallinn = makeFormatters('et', 'Europe/Tallinn');
    const et_ = await translator('et');
    expect(say(et_, tallinn, SAMPLES[11])).toBe(
      'Juhtumi „Kurtka” hüvitis lükati tagasi: raha tagastus, 49,50 €.',
    );
    const london = makeFormatters('en', 'Europe/London');
    const en_ = await translator('en');
    expect(say(en_, london, SAMPLES[6])).toBe('Anna Nowak escalated the case “Kurtka”.');
    // The due time is the organisation's wall clock: 15:00 UTC is 16:00 in Warsaw.
    expect(say(pl_, warsaw, SAMPLES[12])).toContain('16:00');
  });
});

describe('notificationTarget', () => {
  it('opens the case, or the mailboxes for a failing mailbox', () => {
    expect(notificationTarget({ kind: 'case_assigned', caseId: 'c1', details: {} })).toEqual({
      to: '/cases/$id',
      params: { id: 'c1' },
    });
    expect(notificationTarget({ kind: 'mailbox_failing', caseId: null, details: {} })).toEqual({
      to: '/settings',
      search: { tab: 'channels' },
    });
    expect(
      notificationTarget({ kind: 'boundary_recommended', caseId: null, details: { customerId: 'k1' } }),
    ).toEqual({ to: '/customers/$id', params: { id: 'k1' } });
  });
});
