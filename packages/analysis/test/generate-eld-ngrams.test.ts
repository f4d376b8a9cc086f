import { readFileSync } from 'node:fs';
import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderNgrams } from '../scripts/generate-eld-ngrams.ts';
import { eldGuesser } from '../src/analyze/eld-guesser.ts';
import { DETECTION_SUBSET } from '../src/analyze/language.ts';

describe('ELD n-grams of the detection subset', () => {
  it('are checked in exactly as the generator writes them today', async () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(await renderNgrams());
  });

  it('give the language and scores ELD itself gives', () => {
    eld.setLanguageSubset([...DETECTION_SUBSET]);
    const texts = [
      'Gdzie jest moja paczka? Czekam od tygodnia!',
      'Tere, kus on minu pakk? Ootan juba nädal aega.',
      "Where's my parcel? I've been waiting a week, it’s a joke",
      'Missä minun pakettini on? Odotan jo viikon.',
      'Kde je můj balík? Čekám už týden.',
      'Где моя посылка? Жду уже неделю 😡',
      "'quoted' 2024 ---",
      '',
    ];
    for (const text of texts) {
      const expected = eld.detect(text);
      const guess = eldGuesser(text);
      expect(guess.language).toBe(expected.language);
      expect(guess.scores).toEqual(expected.getScores());
    }
  });
});
