import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasDateExpression } from '../commitments/extract-commitments.ts';
import { LANGS } from '../vocabulary.ts';
import { hasDeadline } from './deadline.ts';
import { matchAllPrefiltered, prefiltered } from './prefiltered.ts';

const PIECES = [
  'jutro',
  'Jutro',
  'JUTRA',
  'do 16:00',
  'o 9',
  'w poniedziałek',
  'wtorek',
  '3 dni robocze',
  'za 2 godziny',
  'homme',
  'kell 16',
  'esmaspäeval',
  'by 4 pm',
  'tomorrow',
  'Monday',
  'within 3 days',
  'today',
  'dziś',
  'ajutro',
  'jutroś',
  'tomorrows',
  'x',
  'ą',
  '𝐀',
  '7',
  '%',
  ' ',
  '\n',
  '.',
  '-',
];
const draft = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));

describe('hasDeadline', () => {
  it('answers as hasDateExpression does', () => {
    fc.assert(
      fc.property(draft, fc.constantFrom(...LANGS), (text, lang) => {
        expect(hasDeadline(text, lang)).toBe(hasDateExpression(text, lang));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a date in a long Polish reply that names one only at the end', () => {
    const text = `${'Sprawdzę status paczki i wrócę z odpowiedzią. '.repeat(20)}Oddzwonię jutro.`;
    expect(hasDeadline(text, 'pl')).toBe(true);
    expect(hasDeadline(text.replace('jutro', 'wkrótce'), 'pl')).toBe(false);
  });
});

describe('matchAllPrefiltered', () => {
  it('finds the matches of the unfiltered pattern', () => {
    const pattern = prefiltered('\\b100\\s?%|\\bsto procent', '100\\s?%|sto procent', 'iu');
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('100%', '100 %', 'a100%', 'Sto procent', 'ſto procent', 'x', ' ', '𝐀', 'ą'),
          { maxLength: 10 },
        ),
        (parts) => {
          const text = parts.join('');
          const expected = [...text.matchAll(/\b100\s?%|\bsto procent/giu)].map((m) => ({
            index: m.index,
            text: m[0],
          }));
          expect(matchAllPrefiltered(pattern, text)).toEqual(expected);
        },
      ),
    );
  });
});
