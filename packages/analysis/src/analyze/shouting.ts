import { foldText } from '../text/fold.ts';
import type { Range, TextScan } from '../text/tokenize.ts';
import type { Evidence } from '../types.ts';

const CAPS_WORD = /\p{Lu}[\p{Lu}\p{M}]{2,}(?![\p{Ll}])/gu;
const LOWER = /\p{Ll}/u;
const EXCLAMATIONS = /[!?]*!{3,}[!?]*|(?:[!?]{2}){2,}/gu;
const MAYBE_SHOUTING = /\p{Lu}\p{Lu}|[!?][!?]/u;
/** Shouting takes three capitalised words, two of which one is a word of the language, or a run of exclamation marks. */
const MIN_CAPS_WORDS = 3;
/**
 * A word in capitals that the language's packs do not know may be a name or a label (TALLINK, IKEA):
 * it is emphasis only when at least this long and shaped as one ("a FLY in my drink", "ZAPADNIĘTA.").
 */
const MIN_UNKNOWN_EMPHASIS_LETTERS = 5;
const LINE_BEFORE = /[^\n]*$/u;
const LINE_AFTER = /^[^\n]*/u;
/** A header's label opening the line ("Temat:", "Subject:", "Ref:"): what follows it is a label too. */
const HEADER_LINE = /^\s*\p{L}[\p{L}.-]*(?: \p{L}+)?:/u;
/** A code such as ARV-0923 or SMITH-WED: capitals joined to letters or digits by a hyphen or a slash. */
const CODE_BEFORE = /[\p{L}\p{N}][-_/]$/u;
const CODE_AFTER = /^[-_/][\p{L}\p{N}]/u;
/** After a name comes the next word; after an emphasised word, often the clause's end ("a FLY.", "SKANDAL,"). */
const CLAUSE_END = /^(?:[.!?,;:…–—)"”»]| [–—-] )/u;
/** A letter outside ASCII (ZŁĄ, KÜLM): the language's own word, not an imported label. */
const NON_ASCII_LETTER = /[^\p{ASCII}]/u;
/** Another word in capitals right next to this one: a name of several words (MEDIA EXPERT, ZIELONY OGRÓD). */
const CAPS_NEIGHBOUR_BEFORE = /\p{Lu}{2,}[ \t]+$/u;
const CAPS_NEIGHBOUR_AFTER = /^[ \t]+\p{Lu}{2,}/u;

function isCapsWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/**
 * One word in capitals inside a sentence in lower case: emphasis ("asked you NEVER to call", "a FLY
 * in my drink", "To jest SKANDAL."), not a heading, a header's label, a code, a sign-off or a name.
 * A word of the language counts wherever it stands on such a line; a word the packs do not know must
 * also look like one: long enough, and written with the language's own letters or closing its clause.
 */
function isEmphasis(slice: string, m: RegExpExecArray, known: boolean): boolean {
  const word = m[0];
  const end = m.index + word.length;
  const before = LINE_BEFORE.exec(slice.slice(0, m.index))?.[0] ?? '';
  const after = LINE_AFTER.exec(slice.slice(end))?.[0] ?? '';
  if (!LOWER.test(before) && !LOWER.test(after)) return false;
  if (HEADER_LINE.test(before) || CODE_BEFORE.test(before) || CODE_AFTER.test(after)) return false;
  if (known) return true;
  if (word.length < MIN_UNKNOWN_EMPHASIS_LETTERS) return false;
  if (CAPS_NEIGHBOUR_BEFORE.test(before) || CAPS_NEIGHBOUR_AFTER.test(after)) return false;
  // A surname closing a letter ("Z poważaniem, KOWALSKI") has nothing after it on its line.
  if (!LOWER.test(after) && !/^[.!?]/u.test(after)) return false;
  return NON_ASCII_LETTER.test(word) || CLAUSE_END.test(after);
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
        : caps.filter((m) => isEmphasis(slice, m, words.includes(m)));
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
