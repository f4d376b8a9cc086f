import { describe, expect, it } from 'vitest';
import { extractCommitments } from './extract-commitments.ts';

// Thursday 27 March 2025, 10:00 in Warsaw and 11:00 in Tallinn; Europe moves to summer time on Sunday 30 March.
const now = '2025-03-27T09:00:00Z';
const due = (text: string, lang: 'pl' | 'et' | 'en', timeZone: string, author: 'us' | 'customer' = 'us') =>
  extractCommitments(text, { now, timeZone, lang, author }).map((c) => c.dueAt);

describe('extractCommitments', () => {
  it.each([
    ['Oddzwonię jutro do 16:00.', 'pl', 'Europe/Warsaw', '2025-03-28T15:00:00Z'],
    ['Wyślę fakturę w piątek.', 'pl', 'Europe/Warsaw', '2025-03-28T16:00:00Z'],
    ['Odezwę się do końca tygodnia.', 'pl', 'Europe/Warsaw', '2025-03-28T16:00:00Z'],
    ['Naprawimy to w ciągu 2 dni roboczych.', 'pl', 'Europe/Warsaw', '2025-03-31T15:00:00Z'],
    ['Helistan homme kella 16-ks.', 'et', 'Europe/Tallinn', '2025-03-28T14:00:00Z'],
    ['Saadan arve reedeks.', 'et', 'Europe/Tallinn', '2025-03-28T15:00:00Z'],
    ['Võtan teiega ühendust järgmisel nädalal.', 'et', 'Europe/Tallinn', '2025-04-04T14:00:00Z'],
    ["I'll call you back by 4 pm tomorrow.", 'en', 'Europe/London', '2025-03-28T16:00:00Z'],
    ['We will visit next Tuesday at 10.', 'en', 'Europe/London', '2025-04-01T09:00:00Z'],
    ["We'll fix it within 2 business days.", 'en', 'Europe/London', '2025-03-31T16:00:00Z'],
  ] as const)('resolves "%s"', (text, lang, timeZone, expected) => {
    expect(due(text, lang, timeZone)).toEqual([expected]);
  });

  it('records the customer’s own promises as theirs', () => {
    const [commitment] = extractCommitments('Wyślę dokumenty jutro.', {
      now,
      timeZone: 'Europe/Warsaw',
      lang: 'pl',
      author: 'customer',
    });
    expect(commitment).toMatchObject({
      who: 'customer',
      dueAt: '2025-03-28T16:00:00Z',
      text: 'Wyślę dokumenty jutro.',
    });
    expect(due('Saadan homme.', 'et', 'Europe/Tallinn', 'customer')).toEqual(['2025-03-28T15:00:00Z']);
  });

  it.each([
    ["Fix the boiler by Monday or I'll be round with my brothers.", 'en', 'Europe/London'],
    ['Refund me by Friday, otherwise I will take this to the small claims court.', 'en', 'Europe/London'],
    ["If nobody calls me back today, I'll post the whole story online tomorrow.", 'en', 'Europe/London'],
    ['I will see you in court on Monday.', 'en', 'Europe/London'],
    ['Macie czas do jutra, a inaczej w piątek wystawię wam opinię w Google.', 'pl', 'Europe/Warsaw'],
    [
      'Jeżeli pieniądze nie wrócą do piątku, w poniedziałek zgłoszę sprawę do rzecznika.',
      'pl',
      'Europe/Warsaw',
    ],
    ['W piątek złożę pozew do sądu.', 'pl', 'Europe/Warsaw'],
    ['Kui raha reedeks tagasi ei tule, pöördun esmaspäeval kohtusse.', 'et', 'Europe/Tallinn'],
    ['Parandage see homseks, vastasel juhul kirjutan reedel arvustuse.', 'et', 'Europe/Tallinn'],
  ] as const)(
    'never takes a customer’s threat or ultimatum for their promise: %s',
    (text, lang, timeZone) => {
      expect(due(text, lang, timeZone, 'customer')).toEqual([]);
    },
  );

  it('keeps a customer’s promise that carries a polite condition after it', () => {
    expect(
      due("I'll bring the receipt on Friday if that's not a problem.", 'en', 'Europe/London', 'customer'),
    ).toEqual(['2025-03-28T17:00:00Z']);
    expect(
      due('Podeślę skan paragonu w piątek, jeśli nie będzie problemu.', 'pl', 'Europe/Warsaw', 'customer'),
    ).toEqual(['2025-03-28T16:00:00Z']);
    expect(due('Toon kviitungi reedel, kui see sobib.', 'et', 'Europe/Tallinn', 'customer')).toEqual([
      '2025-03-28T15:00:00Z',
    ]);
  });

  it('resolves a promise made on the first day of 1970, day 0 of the calendar arithmetic', () => {
    const onDayZero = (text: string) =>
      extractCommitments(text, { now: '1970-01-01T08:00:00Z', timeZone: 'UTC', lang: 'en', author: 'us' });
    expect(onDayZero("I'll send it today.").map((c) => c.dueAt)).toEqual(['1970-01-01T17:00:00Z']);
  });

  it('names a time zone it does not know, and a now it cannot read', () => {
    const options = { now, timeZone: 'Europe/Atlantis', lang: 'pl', author: 'us' } as const;
    expect(() => extractCommitments('Oddzwonię jutro.', options)).toThrow(/Europe\/Atlantis/);
    expect(() =>
      extractCommitments('Oddzwonię jutro.', { ...options, timeZone: 'Europe/Warsaw', now: 'yesterday' }),
    ).toThrow(/yesterday/);
  });

  it('moves a bare hour already past today to tomorrow', () => {
    expect(due('Oddzwonię przed 9.', 'pl', 'Europe/Warsaw')).toEqual(['2025-03-28T08:00:00Z']);
  });

  it('finds nothing without both a promise and a date, and gives spans into the text', () => {
    expect(due('Jutro jest piątek.', 'pl', 'Europe/Warsaw')).toEqual([]);
    expect(due('Sprawdzę to.', 'pl', 'Europe/Warsaw')).toEqual([]);
    const text = 'Dzień dobry. Sprawdzę to i oddzwonię jutro rano.';
    const [c] = extractCommitments(text, { now, timeZone: 'Europe/Warsaw', lang: 'pl', author: 'us' });
    expect(text.slice(c?.start, c?.end)).toBe('Sprawdzę to i oddzwonię jutro rano.');
    expect(c?.dueAt).toBe('2025-03-28T11:00:00Z');
  });
});
