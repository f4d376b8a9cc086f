import type { DetectedLang, Lang } from '../vocabulary.ts';

/** A statistical guess of a text's language: ISO 639-1 scores, highest first. */
export type LanguageGuesser = (text: string) => { language: string; scores: Record<string, number> };

/**
 * Languages the statistical guesser may answer. Wider than what CalmDesk analyses, so that
 * Finnish is not forced into Estonian or Czech into Polish: those become `und`.
 */
export const DETECTION_SUBSET = ['pl', 'et', 'en', 'fi', 'lv', 'lt', 'cs', 'sk', 'ru', 'de'] as const;

export interface LanguageEvidence {
  /** Per analysed language, how many of the text's words its pack knows. */
  stopwords: Record<Lang, number>;
  words: number;
}

/** Per analysed language with letters of its own (ą, õ), those letters as a character class. */
export type OwnLetters = readonly (readonly [Lang, RegExp])[];
const MIN_GUESS_CHARS = 4;

function strongestByStopwords(evidence: LanguageEvidence): {
  lang: Lang | null;
  hits: number;
  runnerUp: number;
} {
  let best: Lang | null = null;
  let hits = 0;
  let runnerUp = 0;
  for (const lang in evidence.stopwords) {
    const count = evidence.stopwords[lang as Lang];
    if (count > hits) {
      runnerUp = hits;
      hits = count;
      best = lang as Lang;
    } else if (count > runnerUp) {
      runnerUp = count;
    }
  }
  return { lang: hits > runnerUp ? best : null, hits, runnerUp };
}

/**
 * Combines the statistical guess with the evidence of our own packs: stop-words and letters only
 * one language has. Short messages are where the guesser errs, and where a stop-word decides.
 */
export function decideLanguage(
  text: string,
  evidence: LanguageEvidence,
  guess: LanguageGuesser | undefined,
  analysed: readonly Lang[],
  ownLetters: OwnLetters,
): DetectedLang {
  const byWords = strongestByStopwords(evidence);
  for (const [lang, letters] of ownLetters) {
    if ((byWords.lang === lang || byWords.lang === null) && letters.test(text)) return lang;
  }
  if (!guess || text.trim().length < MIN_GUESS_CHARS) return byWords.lang ?? 'und';
  // Our own words decide without the statistical guesser when they clearly dominate the text.
  if (
    byWords.lang &&
    byWords.hits >= 3 &&
    byWords.hits >= evidence.words * 0.4 &&
    byWords.runnerUp * 4 <= byWords.hits
  ) {
    return byWords.lang;
  }
  // Whatever the guesser said, our words would win here: no need to ask it.
  if (byWords.lang && byWords.hits >= 2 && byWords.hits >= byWords.runnerUp + 2) return byWords.lang;
  const guessResult = guess(text);
  const { language } = guessResult;
  const guessed = (analysed as readonly string[]).includes(language) ? (language as Lang) : null;
  if (guessed && (byWords.lang === null || byWords.lang === guessed)) return guessed;
  if (guessed) {
    // The guesser and the stop-words disagree: trust the guesser unless it barely preferred its answer.
    const { scores } = guessResult;
    const ours = byWords.lang ? (scores[byWords.lang] ?? 0) : 0;
    return byWords.lang && ours >= (scores[guessed] ?? 0) * 0.9 ? byWords.lang : guessed;
  }
  if (language === '' && byWords.lang) return byWords.lang;
  // Another language of the subset won: only strong evidence of our own keeps it ours.
  if (byWords.lang && byWords.hits >= 2 && byWords.hits >= evidence.words * 0.25) return byWords.lang;
  return 'und';
}
