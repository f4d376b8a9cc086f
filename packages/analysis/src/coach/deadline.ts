import { dateExpressionSources, UNICODE_BOUNDARY } from '../commitments/date-pack.ts';
import { DATE_PACKS } from '../commitments/extract-commitments.ts';
import type { Lang } from '../vocabulary.ts';
import { type Prefiltered, prefiltered, testPrefiltered } from './prefiltered.ts';

const compiled = new Map<Lang, Prefiltered>();

/**
 * Whether the draft names a day or a time: the answer of `hasDateExpression`, found without trying
 * its Unicode boundaries at every position of the draft.
 * @example hasDeadline('Oddzwonię jutro.', 'pl') // true
 */
export function hasDeadline(text: string, lang: Lang): boolean {
  let pattern = compiled.get(lang);
  if (!pattern) {
    const source = dateExpressionSources(DATE_PACKS[lang])
      .map((s) => `(?:${s})`)
      .join('|');
    pattern = prefiltered(source.replaceAll('\\b', UNICODE_BOUNDARY), source.replaceAll('\\b', ''), 'iu');
    compiled.set(lang, pattern);
  }
  return testPrefiltered(pattern, text);
}
