import type { Range, TextScan } from '../text/tokenize.ts';
import type { Evidence } from '../types.ts';

const CAPS_WORD = /\p{Lu}[\p{Lu}\p{M}]{2,}(?![\p{Ll}])/gu;
const LOWER = /\p{Ll}/u;
const EXCLAMATIONS = /[!?]*!{3,}[!?]*|(?:[!?]{2}){2,}/gu;
const MAYBE_SHOUTING = /\p{Lu}\p{Lu}|[!?][!?]/u;
/** Shouting takes two capitalised words, or a run of exclamation marks. */
const MIN_CAPS_WORDS = 2;

function isCapsWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/** Per UTF-16 code unit: 1 for a capital letter, 2 for anything else, 0 until first seen. */
const capitals = new Uint8Array(0x10000);

function isCapital(code: number): boolean {
  let kind = capitals[code] as number;
  if (kind === 0) {
    kind = /\p{Lu}/u.test(String.fromCharCode(code)) ? 1 : 2;
    capitals[code] = kind;
  }
  return kind === 1;
}

/**
 * MAYBE_SHOUTING without running a Unicode regex over every message (most do not shout): a
 * typed-array read per character. Surrogate pairs, rare, go to the regex.
 */
function mayShout(text: string): boolean {
  let wasCapital = false;
  let wasMark = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return MAYBE_SHOUTING.test(text);
    const isMark = code === 0x21 || code === 0x3f; // ! ?
    const capital = code < 0x80 ? code >= 0x41 && code <= 0x5a : isCapital(code);
    if ((capital && wasCapital) || (isMark && wasMark)) return true;
    wasCapital = capital;
    wasMark = isMark;
  }
  return false;
}

/** Every match of a global regex that never matches empty, without the copy `matchAll` makes of it. */
function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) matches.push(m);
  return matches;
}

/** MAYBE_SHOUTING from what the scan of the whole text saw: no second pass over it. */
function scanMayShout(text: string, scan: TextScan): boolean {
  return scan.surrogates ? MAYBE_SHOUTING.test(text) : scan.adjacentCapitals || scan.adjacentMarks;
}

/**
 * Typographic shouting, language-independent: words in capitals (not acronyms) and runs of `!!!`.
 * `wholeScan` is the scan of all of `text`, when the ranges are all of it.
 */
export function findShouting(
  text: string,
  ranges: readonly Range[],
  acronyms: ReadonlySet<string>,
  wholeScan?: TextScan,
): Evidence[] {
  if (!(wholeScan ? scanMayShout(text, wholeScan) : mayShout(text))) return [];
  const evidence: Evidence[] = [];
  for (const range of ranges) {
    const slice = text.slice(range.start, range.end);
    const caps = matchesOf(CAPS_WORD, slice).filter((m) => {
      const start = m.index;
      return isCapsWord(slice, start, start + m[0].length) && !acronyms.has(m[0]);
    });
    // A message written entirely in capitals is shouting even when it is short.
    const allCaps = caps.length === 1 && !LOWER.test(slice) && (caps[0]?.[0].length ?? 0) >= 5;
    if (caps.length >= MIN_CAPS_WORDS || allCaps) {
      for (const m of caps) {
        const start = range.start + m.index;
        evidence.push({
          flag: 'shouting',
          start,
          end: start + m[0].length,
          text: m[0],
          rule: 'shouting.capitals',
        });
      }
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
