import { readFileSync } from 'node:fs';
import { eld } from 'eld/extrasmall';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT, renderNgrams } from '../scripts/generate-eld-ngrams.ts';
import { eldGuesser } from '../src/analyze/eld-guesser.ts';
import { DETECTION_SUBSET } from '../src/analyze/language.ts';

function expectSameAsEld(text: string): void {
  const expected = eld.detect(text);
  const guess = eldGuesser(text);
  expect(guess.language).toBe(expected.language);
  expect(guess.scores).toEqual(expected.getScores());
}

/** Pieces that exercise ELD's cleaning, byte encoding, cutting and n-gram rules. */
const PIECES = [
  'paczka',
  'Gdzie',
  'ŻÓŁĆ',
  'tänan',
  'õhtul',
  'väga',
  'the',
  'Where',
  'parcel',
  'Привет',
  'ДЕЛА',
  '日本語のテキスト',
  'ΟΔΟΣ',
  'σας',
  'İstanbul',
  'ǅemal',
  'K',
  "it's",
  'rock’n’roll',
  '`tick`',
  "''",
  ' ',
  '  ',
  '\n',
  '!!!',
  ', ',
  '2024',
  '😡',
  '𝐀𝐁',
  '\uD800',
  '\uDFFF',
  'a'.repeat(69),
  'ą'.repeat(36),
  '語'.repeat(30),
];

describe('ELD n-grams of the detection subset', () => {
  beforeAll(() => {
    eld.setLanguageSubset([...DETECTION_SUBSET]);
  });

  it('are checked in exactly as the generator writes them today', async () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(await renderNgrams());
  });

  it.each([
    'Gdzie jest moja paczka? Czekam od tygodnia!',
    'Tere, kus on minu pakk? Ootan juba nädal aega.',
    "Where's my parcel? I've been waiting a week, it’s a joke",
    'Missä minun pakettini on? Odotan jo viikon.',
    'Kde je můj balík? Čekám už týden.',
    'Где моя посылка? Жду уже неделю 😡',
    "'quoted' 2024 ---",
    '',
    '   ',
    '😡😡😡',
    '日本語のテキストです',
    'ΟΔΟΣ: ΚΑΛΗ, Σ',
    'İİİ istanbul',
    `${'a'.repeat(80)} ${'a'.repeat(80)} ${'b'.repeat(75)}`,
    `${'paczka'.repeat(15)} jest ${'paczka'.repeat(15)} ${'paczka'.repeat(14)}`,
    `${'zażółć gęślą jaźń '.repeat(40)}`,
    `${'słowo '.repeat(300)}`,
    'x'.repeat(1200),
  ])('gives the language and scores ELD itself gives for %j', (text) => {
    expectSameAsEld(text);
  });

  it('property: gives ELD’s language and scores for any mix of scripts, marks and lengths', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 400 }),
    );
    fc.assert(fc.property(text, expectSameAsEld), { numRuns: 500 });
  });
});
