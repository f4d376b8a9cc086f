/**
 * Folding: the form in which text and terms are compared. Lower case, diacritics removed,
 * leetspeak undone inside words that mix letters with digits, and runs of one letter squeezed.
 */

const SPECIAL: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', đ: 'd', ı: 'i', æ: 'ae', œ: 'oe' };
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

const charCache = new Map<string, string>();

function foldChar(char: string): string {
  let folded = charCache.get(char);
  if (folded === undefined) {
    const lower = char.toLowerCase();
    folded = SPECIAL[lower] ?? withoutMarks(lower.normalize('NFD'));
    if (charCache.size < 4096) charCache.set(char, folded);
  }
  return folded;
}

const LATIN_MARK = /[\u0300-\u036f]/g;
const BELOW_MARKS = /^[\0-\u02ff]*$/;
const MARK = /\p{M}/gu;

/** A decomposed text without its combining marks. Latin letters need no Unicode property regex, slow to build in a cold process. */
function withoutMarks(decomposed: string): string {
  const stripped = decomposed.replace(LATIN_MARK, '');
  // No mark lies below U+0300: only a text with characters beyond needs the full test.
  return BELOW_MARKS.test(stripped) ? stripped : stripped.replace(MARK, '');
}

const HAS_LETTER = /\p{L}/u;
const HAS_LEET = /[0-9@$]/;

/** Lower case and no diacritics: `Dziękuję` → `dziekuje`. Marks (zalgo) disappear. */
export function foldText(text: string): string {
  let out = '';
  let kept = 0; // text[kept, i) folds to itself
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII other than capitals folds to itself: most of a word is copied, not looked up.
    if (code < 0x80 && (code < 0x41 || code > 0x5a)) continue;
    const size = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    out += text.slice(kept, i) + foldChar(text.slice(i, i + size));
    i += size - 1;
    kept = i + 1;
  }
  return kept === 0 ? text : out + text.slice(kept);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const RUN_OF_A_LETTER = /(\p{L})\1{2,}/gu;

/**
 * Collapses runs of three or more of one letter: `kurrrwa` → `kurwa`, `kurwaaa` → `kurwa`. Pairs
 * stay, because Estonian long vowels and consonants make other words (`saa` is not `sa`).
 */
export function squeeze(text: string): string {
  return mayHoldRun(text) ? text.replace(RUN_OF_A_LETTER, '$1') : text;
}

/** Three equal code units in a row, or a surrogate (a repeated pair is not three equal units): most words have neither. */
function mayHoldRun(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return true;
    if (i >= 2 && code === text.charCodeAt(i - 1) && code === text.charCodeAt(i - 2)) return true;
  }
  return false;
}

/** `simpleFold`'s answer for a code unit that is not a letter folding to one letter. */
export const NOT_SIMPLE = 0xffff;
/** Per UTF-16 code unit: its fold when it is a letter that folds to one letter, else NOT_SIMPLE; 0 until first asked. */
const simpleFolds = new Uint16Array(0x10000);
/** A letter with a lower and an upper case: a test that needs no Unicode regex, slow to build in a cold process. */
function isCasedLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

/**
 * The folded code unit of a cased letter that folds to one (`Ż` → `z`, `õ` → `o`); NOT_SIMPLE for
 * anything else (digits, marks, `ß`, surrogates). A word of such letters, with no letter three times
 * in a row, has the string of their folds as its key.
 */
export function simpleFold(code: number): number {
  let folded = simpleFolds[code] as number;
  if (folded === 0) {
    folded = computeSimpleFold(code);
    simpleFolds[code] = folded;
  }
  return folded;
}

function computeSimpleFold(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return NOT_SIMPLE;
  const char = String.fromCharCode(code);
  // Cased letters only (uncased ones, digits and marks take wordKey's way: the same key, built).
  if (!isCasedLetter(char)) return NOT_SIMPLE;
  const folded = foldChar(char);
  return folded.length === 1 && isCasedLetter(folded) ? folded.charCodeAt(0) : NOT_SIMPLE;
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 50_000;

/** The matching key of one word: folded, leetspeak undone when letters and digits mix, squeezed. */
export function wordKey(word: string): string {
  if (isAsciiLetters(word)) return asciiKey(word);
  let key = keyCache.get(word);
  if (key === undefined) {
    key = computeWordKey(word);
    // Customers use a small vocabulary: a bounded cache turns most words into one Map lookup.
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(word, key);
  }
  return key;
}

function isAsciiLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

/** The key of a word of plain ASCII letters, cheaper to work out than to look up in a large cache. */
function asciiKey(word: string): string {
  return squeeze(word.toLowerCase());
}

function computeWordKey(word: string): string {
  let folded = foldText(word);
  if (HAS_LEET.test(folded) && HAS_LETTER.test(folded)) {
    folded = folded.replace(/[0-9@$]/g, (c) => LEET[c] ?? c);
  }
  return squeeze(folded.replace(/['’]/g, ''));
}

// Pack words are keyed once each while a pack compiles, in a process still cold: there a loop per
// character runs slowly, and a Unicode property regex is slow to build. Words of lower-case a–z
// and the Polish and Estonian letters are folded by plain regexes instead, to the same key.
export const DIACRITIC_LETTERS = 'ąćęłńóśźżõäöüšž';
const PLAIN_PACK_WORD = new RegExp(`^[a-z${DIACRITIC_LETTERS}]+$`);
const DIACRITIC = new RegExp(`[${DIACRITIC_LETTERS}]`, 'g');
/** Each letter of DIACRITIC_LETTERS folded (a test checks this table against foldText). */
export const FOLDED_DIACRITIC: Readonly<Record<string, string>> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  õ: 'o',
  ä: 'a',
  ö: 'o',
  ü: 'u',
  š: 's',
  ž: 'z',
};
const TRIPLE_LETTER = /([a-z])\1\1/;

/** wordKey for the words of packs: the same key, worked out without a loop per character. */
export function termKey(word: string): string {
  if (!PLAIN_PACK_WORD.test(word)) return wordKey(word);
  const folded = word.replace(DIACRITIC, (letter) => FOLDED_DIACRITIC[letter] as string);
  return TRIPLE_LETTER.test(folded) ? squeeze(folded) : folded;
}
