import { type DatePack, dateExpressionSources } from '../commitments/date-pack.ts';
import { dates as en } from '../lang/en/dates.ts';
import { dates as et } from '../lang/et/dates.ts';
import { dates as pl } from '../lang/pl/dates.ts';
import type { Lang } from '../vocabulary.ts';
import { type Prefiltered, prefiltered, testPrefiltered } from './prefiltered.ts';

const DATES: Record<Lang, DatePack> = { pl, et, en };
const WORD = '[\\p{L}\\p{N}]';
/** The Unicode word boundary of `hasDateExpression`: JavaScript's `\b` knows only ASCII letters. */
const UNICODE_BOUNDARY = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;
const compiled = new Map<Lang, Prefiltered>();

/**
 * Whether the draft names a day or a time: the answer of `hasDateExpression`, found without trying
 * its Unicode boundaries at every position of the draft.
 * @example hasDeadline('Oddzwonię jutro.', 'pl') // true
 */
export function hasDeadline(text: string, lang: Lang): boolean {
  let pattern = compiled.get(lang);
  if (!pattern) {
    const source = dateExpressionSources(DATES[lang])
      .map((s) => `(?:${s})`)
      .join('|');
    pattern = prefiltered(source.replaceAll('\\b', UNICODE_BOUNDARY), source.replaceAll('\\b', ''), 'iu');
    compiled.set(lang, pattern);
  }
  return testPrefiltered(pattern, text);
}
