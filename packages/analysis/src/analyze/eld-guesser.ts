import { eld } from 'eld/extrasmall';
import { DETECTION_SUBSET, type LanguageGuesser } from './language.ts';

eld.setLanguageSubset([...DETECTION_SUBSET]);

/** ELD's n-gram guesser (its smallest database), restricted to the detection subset. */
export const eldGuesser: LanguageGuesser = (text) => {
  const result = eld.detect(text.length > 2000 ? text.slice(0, 2000) : text);
  return { language: result.language, scores: result.getScores() };
};
