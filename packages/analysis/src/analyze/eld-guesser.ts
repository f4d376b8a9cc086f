import { BYTE_CHARS, LANGUAGES, NGRAMS, SEPARATORS } from './eld-ngrams.generated.ts';
import type { LanguageGuesser } from './language.ts';

/**
 * ELD's n-gram guesser (its smallest database), restricted to the detection subset. The scoring is
 * ELD's, step for step, so the answers are ELD's; but it runs on numbers: the text is cleaned and
 * encoded into reused typed arrays, each n-gram becomes one integer key, and the subset's n-grams
 * sit in an open-addressing table built once, instead of strings, a Set and a Map per message.
 */

/** ELD stores each score less this, to keep its database small. */
const BASE_NGRAM_SCORE = 53;
/** ELD's hand-picked scale of the 0–1 score. */
const SCALE = 25;
const MAX_CHARS = 1000;
const CUT_AFTER_BYTES = 350;
const ENFORCE_CUT_AFTER_BYTES = 380;
const MAX_WORD_BYTES = 70;
const SPACE = 32;
/** The longest n-gram ELD stores: a leading space, four bytes and a trailing space. */
const MAX_KEY_CHARS = 6;

// Keys: an n-gram is a string of at most six byte-characters, each below 256, so the characters
// and the length fit one exact integer (< 2^51). Longer n-grams (the tail of a word over 70
// bytes) cannot be in the database; they are kept as strings, only to be counted.

function keyOf(
  chars: ArrayLike<number>,
  from: number,
  to: number,
  isFirst: boolean,
  isLast: boolean,
): number {
  let key = isFirst ? SPACE : 0;
  for (let i = from; i < to; i++) key = key * 256 + (chars[i] as number);
  if (isLast) key = key * 256 + SPACE;
  return key * 8 + (to - from) + (isFirst ? 1 : 0) + (isLast ? 1 : 0);
}

function slotOf(key: number, bits: number): number {
  const high = (key / 0x1_0000_0000) | 0;
  return Math.imul(key ^ Math.imul(high, 0x85eb_ca6b), 0x9e37_79b1) >>> (32 - bits);
}

/** The subset's n-grams: key → row, and per row its `(language, score)` pairs. */
interface NgramIndex {
  bits: number;
  /** Per slot the key stored there, 0 when empty (no key is 0: every n-gram has a length). */
  keys: Float64Array;
  rows: Int32Array;
  /** Row r's pairs are `pairStart[r]` up to `pairStart[r + 1]`. */
  pairStart: Int32Array;
  pairLanguage: Uint8Array;
  pairScore: Int32Array;
}

let index: NgramIndex | null = null;

function loadIndex(): NgramIndex {
  const lines = NGRAMS.split('\n');
  const bits = Math.ceil(Math.log2(lines.length * 2));
  const keys = new Float64Array(1 << bits);
  const rows = new Int32Array(1 << bits);
  const pairStart = new Int32Array(lines.length + 1);
  const pairLanguage: number[] = [];
  const pairScore: number[] = [];
  const chars = new Uint8Array(MAX_KEY_CHARS);
  for (const [row, line] of lines.entries()) {
    const tab = line.lastIndexOf('\t');
    if (tab > MAX_KEY_CHARS) throw new Error(`ELD n-gram longer than ${MAX_KEY_CHARS} characters`);
    for (let i = 0; i < tab; i++) chars[i] = line.charCodeAt(i);
    const key = keyOf(chars, 0, tab, false, false);
    let slot = slotOf(key, bits);
    while (keys[slot] !== 0) slot = (slot + 1) & (keys.length - 1);
    keys[slot] = key;
    rows[slot] = row;
    for (const pair of line.slice(tab + 1).split(',')) {
      const colon = pair.indexOf(':');
      pairLanguage.push(Number(pair.slice(0, colon)));
      pairScore.push(Number(pair.slice(colon + 1)) + BASE_NGRAM_SCORE);
    }
    pairStart[row + 1] = pairScore.length;
  }
  return {
    bits,
    keys,
    rows,
    pairStart,
    pairLanguage: Uint8Array.from(pairLanguage),
    pairScore: Int32Array.from(pairScore),
  };
}

function rowOf(ngrams: NgramIndex, key: number): number {
  const mask = ngrams.keys.length - 1;
  for (let slot = slotOf(key, ngrams.bits); ngrams.keys[slot] !== 0; slot = (slot + 1) & mask) {
    if (ngrams.keys[slot] === key) return ngrams.rows[slot] as number;
  }
  return -1;
}

// The n-grams of one text are counted once each, as ELD's Set of strings does: a slot of this
// table belongs to the current text only when its stamp is the current generation.

const SEEN_BITS = 10; // more than twice the n-grams of 380 bytes
const seenKeys = new Float64Array(1 << SEEN_BITS);
const seenStamps = new Uint32Array(1 << SEEN_BITS);
let generation = 0;
const seenLongGrams = new Set<string>();

function startText(): void {
  generation++;
  if (generation === 0x1_0000_0000) {
    seenStamps.fill(0);
    generation = 1;
  }
  if (seenLongGrams.size > 0) seenLongGrams.clear();
}

function isNew(key: number): boolean {
  const mask = seenKeys.length - 1;
  let slot = slotOf(key, SEEN_BITS);
  for (; seenStamps[slot] === generation; slot = (slot + 1) & mask) {
    if (seenKeys[slot] === key) return false;
  }
  seenStamps[slot] = generation;
  seenKeys[slot] = key;
  return true;
}

// Cleaning, as ELD does: each run of non-letters becomes one space, but apostrophes at the end of
// a run stay; then trim and lower case. One typed-array read per character instead of a regex.

const SEPARATOR = 1;
const APOSTROPHE = 2;
const LETTER = 3;
/** A letter whose lower case depends on its neighbours (Σ) or is longer (İ): ELD's steps run as strings. */
const CONTEXTUAL = 4;
const CAPITAL_SIGMA = 0x3a3;

/** Per UTF-16 code unit its class, 0 until first seen, and the lower case of letters and apostrophes. */
const classes = new Uint8Array(0x10000);
const lowerCase = new Uint16Array(0x10000);

/**
 * Classifies a code unit by how ELD's own separator pattern treats it. The pattern knows no letter
 * outside the Basic Multilingual Plane (the generator checks), so a surrogate is a separator.
 */
function classify(code: number): number {
  const char = String.fromCharCode(code);
  if (char.replace(SEPARATORS, '') === '') return SEPARATOR;
  const lower = char.toLowerCase();
  if (lower.length !== 1 || code === CAPITAL_SIGMA) return CONTEXTUAL;
  lowerCase[code] = lower.charCodeAt(0);
  // The pattern keeps a non-letter only where it ends a run, as in "it's": an apostrophe.
  return `${char}!`.replace(SEPARATORS, '') === '' ? APOSTROPHE : LETTER;
}

function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  let kind = classes[code] as number;
  if (kind === 0) {
    kind = classify(code);
    classes[code] = kind;
  }
  return kind;
}

/** The cleaned text, as UTF-16 code units; grows only for the rare text whose lower case is longer. */
let units = new Uint16Array(MAX_CHARS);

/** Writes ELD's cleaned text into `units`; returns its length. */
function cleanText(text: string): number {
  const end = Math.min(text.length, MAX_CHARS);
  let length = 0;
  let i = 0;
  while (i < end) {
    const kind = classAt(text, i);
    if (kind === CONTEXTUAL) return cleanTextAsEld(text);
    if (kind === LETTER) {
      units[length++] = lowerCase[text.charCodeAt(i++)] as number;
      continue;
    }
    // A run of non-letters: up to its last separator it becomes one space, its apostrophes after that stay.
    let kept = i;
    let j = i;
    for (; j < end; j++) {
      const next = classAt(text, j);
      if (next === SEPARATOR) kept = j + 1;
      else if (next !== APOSTROPHE) break;
    }
    if (kept > i && length > 0) units[length++] = SPACE;
    for (let k = kept; k < j; k++) units[length++] = lowerCase[text.charCodeAt(k)] as number;
    i = j;
  }
  return length > 0 && units[length - 1] === SPACE ? length - 1 : length;
}

function cleanTextAsEld(text: string): number {
  const cleaned = text.substring(0, MAX_CHARS).replace(SEPARATORS, ' ').trim().toLowerCase();
  if (cleaned.length > units.length) units = new Uint16Array(cleaned.length);
  for (let i = 0; i < cleaned.length; i++) units[i] = cleaned.charCodeAt(i);
  return cleaned.length;
}

// Words: one byte-character per UTF-8 byte (ASCII as itself, other bytes through ELD's
// dictionary), all words back to back in `wordChars`, cut after about 350 bytes.

const byteChars = Uint8Array.from(BYTE_CHARS, (char) => char.charCodeAt(0));
const wordChars = new Uint8Array(ENFORCE_CUT_AFTER_BYTES + 4);
const wordEnds = new Int32Array(ENFORCE_CUT_AFTER_BYTES + 4);

/** Encodes the cleaned text's words into `wordChars` and `wordEnds`; returns how many words. */
function encodeWords(length: number): number {
  let chars = 0;
  let words = 0;
  let bytes = 0;
  for (let i = 0; i < length; i++) {
    let code = units[i] as number;
    if (code < 0x80) {
      if (code === SPACE) {
        if (chars > (words > 0 ? (wordEnds[words - 1] as number) : 0)) wordEnds[words++] = chars;
        if (bytes > CUT_AFTER_BYTES) break;
      } else {
        wordChars[chars++] = code;
      }
      bytes++;
    } else {
      if (code < 0x800) {
        wordChars[chars++] = byteChars[0xc0 | (code >> 6)] as number;
        bytes += 2;
      } else if (code < 0xd800 || code >= 0xe000) {
        wordChars[chars++] = byteChars[0xe0 | (code >> 12)] as number;
        wordChars[chars++] = byteChars[0x80 | ((code >> 6) & 0x3f)] as number;
        bytes += 3;
      } else {
        i++;
        const low = i < length ? (units[i] as number) : 0;
        code = 0x10000 + (((code & 0x3ff) << 10) | (low & 0x3ff));
        wordChars[chars++] = byteChars[0xf0 | (code >> 18)] as number;
        wordChars[chars++] = byteChars[0x80 | ((code >> 12) & 0x3f)] as number;
        wordChars[chars++] = byteChars[0x80 | ((code >> 6) & 0x3f)] as number;
        bytes += 4;
      }
      // Every multi-byte character ends with its lowest six bits.
      wordChars[chars++] = byteChars[0x80 | (code & 0x3f)] as number;
    }
    if (bytes > ENFORCE_CUT_AFTER_BYTES) break;
  }
  if (chars > (words > 0 ? (wordEnds[words - 1] as number) : 0)) wordEnds[words++] = chars;
  return words;
}

// Scoring.

/** Adds one n-gram's scores unless the text had it already; returns 1 when it is new, else 0. */
function addNgram(
  ngrams: NgramIndex,
  totals: number[],
  from: number,
  to: number,
  isFirst: boolean,
  isLast: boolean,
): number {
  if (to - from + (isFirst ? 1 : 0) + (isLast ? 1 : 0) > MAX_KEY_CHARS) {
    const gram = `${String.fromCharCode(...wordChars.subarray(from, to))}${isLast ? ' ' : ''}`;
    if (seenLongGrams.has(gram)) return 0;
    seenLongGrams.add(gram);
    return 1;
  }
  const key = keyOf(wordChars, from, to, isFirst, isLast);
  if (!isNew(key)) return 0;
  const row = rowOf(ngrams, key);
  if (row < 0) return 1;
  for (let p = ngrams.pairStart[row] as number; p < (ngrams.pairStart[row + 1] as number); p++) {
    const language = ngrams.pairLanguage[p] as number;
    totals[language] = (totals[language] as number) + (ngrams.pairScore[p] as number);
  }
  return 1;
}

/**
 * Four-byte n-grams at a stride of three, the first marked by a leading space; the last is the
 * word's last four bytes (from byte 66 of a longer word) with a trailing space. Returns how many
 * of them the text had not had.
 */
function addWordNgrams(ngrams: NgramIndex, totals: number[], start: number, end: number): number {
  const length = Math.min(end - start, MAX_WORD_BYTES);
  let fresh = 0;
  let j = 0;
  for (; j + 4 < length; j += 3) fresh += addNgram(ngrams, totals, start + j, start + j + 4, j === 0, false);
  return fresh + addNgram(ngrams, totals, start + Math.max(length - 4, 0), end, j === 0, true);
}

/** ELD's answer for one text. Most callers need only the language: the scores are worked out when read. */
class Guess {
  constructor(
    readonly language: string,
    private readonly totals: readonly number[],
    private readonly ngrams: number,
  ) {}

  get scores(): Record<string, number> {
    return scaledScores(this.totals, this.ngrams);
  }
}

export const eldGuesser: LanguageGuesser = (text) => {
  index ??= loadIndex();
  startText();
  const words = encodeWords(cleanText(text));
  const totals = new Array<number>(LANGUAGES.length).fill(0);
  let ngrams = 0;
  for (let w = 0; w < words; w++) {
    ngrams += addWordNgrams(index, totals, w > 0 ? (wordEnds[w - 1] as number) : 0, wordEnds[w] as number);
  }
  // A class, not an object literal with a getter: V8 builds those slowly, and this runs per message.
  return new Guess(bestOf(totals), totals, ngrams);
};

/** The highest total; a tie goes to the language first in ELD's order. */
function bestOf(totals: readonly number[]): string {
  let best = -1;
  let max = 0;
  for (let l = 0; l < totals.length; l++) {
    const total = totals[l] as number;
    if (total > max) {
      max = total;
      best = l;
    }
  }
  return LANGUAGES[best] ?? '';
}

function scaledScores(totals: readonly number[], ngrams: number): Record<string, number> {
  const ranked: [string, number][] = [];
  for (let l = 0; l < totals.length; l++) {
    const total = totals[l] as number;
    if (total <= 0) continue;
    const perNgram = total / ngrams;
    ranked.push([LANGUAGES[l] as string, perNgram / (perNgram + SCALE)]);
  }
  // Stable: equal scores keep ELD's language order, as ELD's own ranking does.
  ranked.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(ranked);
}
