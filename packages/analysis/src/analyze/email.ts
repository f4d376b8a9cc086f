import type { Range } from '../text/tokenize.ts';

const LINE = /[^\n]*(?:\n|$)/g;
const QUOTED_LINE = /^\s*>/;
const DASH_SIGNATURE = /^--\s*$/;

/** The customer's own words: quoted earlier mail and signatures cut away, as ranges of the original. */
export function ownTextRanges(
  text: string,
  quoteHeaders: readonly RegExp[],
  signatureStarts: readonly RegExp[],
): Range[] {
  // One line cannot quote earlier mail below the customer's words: the common chat message is all its own.
  if (!text.includes('\n') && !QUOTED_LINE.test(text)) return [{ start: 0, end: text.length }];
  const ranges: Range[] = [];
  for (const match of text.matchAll(LINE)) {
    const line = match[0];
    if (line === '') break;
    const start = match.index ?? 0;
    const content = line.replace(/\r?\n$/, '');
    const trimmed = content.trim();
    if (DASH_SIGNATURE.test(content) || quoteHeaders.some((re) => re.test(trimmed))) break;
    if (signatureStarts.some((re) => re.test(trimmed))) break;
    if (QUOTED_LINE.test(content)) continue;
    const last = ranges.at(-1);
    const end = start + content.length;
    if (last && last.end >= start - 1) last.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}
