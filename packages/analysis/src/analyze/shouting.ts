import { foldText } from '../text/fold.ts';
import type { Range, TextScan } from '../text/tokenize.ts';
import type { Evidence } from '../types.ts';

const CAPS_WORD = /\p{Lu}[\p{Lu}\p{M}]{2,}(?![\p{Ll}])/gu;
const LOWER = /\p{Ll}/u;
const EXCLAMATIONS = /[!?]*!{3,}[!?]*|(?:[!?]{2}){2,}/gu;
const MAYBE_SHOUTING = /\p{Lu}\p{Lu}|[!?][!?]/u;
/** Shouting takes three capitalised words, two of which one is a word of the language, or a run of exclamation marks. */
const MIN_CAPS_WORDS = 3;
/** One word of the language in capitals inside a lower-case sentence is emphasis ("asked you NEVER to call"). */
const MIN_EMPHASIS_LETTERS = 4;
const LINE_BEFORE = /[^\n]*$/u;
const LINE_AFTER = /^[^\n]*/u;

function isCapsWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/** A word in capitals with lower-case words before and after it on its line: emphasis, not a heading or a sign-off. */
function isEmphasis(slice: string, m: RegExpExecArray): boolean {
  if (m[0].length < MIN_EMPHASIS_LETTERS) return false;
  const before = LINE_BEFORE.exec(slice.slice(0, m.index))?.[0] ?? '';
  const after = LINE_AFTER.exec(slice.slice(m.index + m[0].length))?.[0] ?? '';
  return LOWER.test(before) && LOWER.test(after);
}

/** Every match of a global regex that never matches empty, without the copy `matchAll` makes of it. */
function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) matches.push(m);
  return matches;
}

/**
 * MAYBE_SHOUTING, from what the scan saw when it read all of the text: no second pass over it (most
 * messages cannot shout). A text read in parts (quoted mail cut away) is tested whole, as before.
 */
function mayShout(text: string, scan: TextScan): boolean {
  if (scan.surrogates || !scan.coversText) return MAYBE_SHOUTING.test(text);
  return scan.adjacentCapitals || scan.adjacentMarks;
}

/** Typographic shouting, language-independent: words in capitals (not acronyms) and runs of `!!!`. */
export function findShouting(
  text: string,
  ranges: readonly Range[],
  acronyms: ReadonlySet<string>,
  scan: TextScan,
  /** Whether a folded word is a word of the language (not a name or a label such as IKEA). */
  isWord: (word: string) => boolean = () => true,
): Evidence[] {
  if (!mayShout(text, scan)) return [];
  const evidence: Evidence[] = [];
  for (const range of ranges) {
    const slice = text.slice(range.start, range.end);
    const caps = matchesOf(CAPS_WORD, slice).filter((m) => {
      const start = m.index;
      return isCapsWord(slice, start, start + m[0].length) && !acronyms.has(m[0]);
    });
    // A message written entirely in capitals is shouting even when it is short.
    const allCaps = caps.length === 1 && !LOWER.test(slice) && (caps[0]?.[0].length ?? 0) >= 5;
    // Names and labels in capitals (IKEA, MEDIA EXPERT) are not words of the language: two of them are no shout.
    const words = caps.filter((m) => isWord(foldText(m[0])));
    const shouted =
      caps.length >= MIN_CAPS_WORDS || (caps.length === 2 && words.length > 0) || allCaps
        ? caps
        : words.filter((m) => isEmphasis(slice, m));
    for (const m of shouted) {
      const start = range.start + m.index;
      evidence.push({
        flag: 'shouting',
        start,
        end: start + m[0].length,
        text: m[0],
        rule: shouted === caps ? 'shouting.capitals' : 'shouting.emphasis',
      });
    }
    for (const m of matchesOf(EXCLAMATIONS, slice)) {
      const start = range.start + m.index;
      evidence.push({
        flag: 'shouting',
        start,
        end: start + m[0].length,
        text: m[0],
        rule: 'shouting.exclamations',
      });
    }
  }
  return evidence;
}
