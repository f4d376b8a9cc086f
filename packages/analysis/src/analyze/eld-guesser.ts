import { BYTE_CHARS, LANGUAGES, NGRAMS, SEPARATORS } from './eld-ngrams.generated.ts';
import type { LanguageGuesser } from './language.ts';

/**
 * ELD's n-gram guesser (its smallest database), restricted to the detection subset. The scoring is
 * ELD's, step for step, so the answers are ELD's; but only the subset's n-grams are loaded, once,
 * into a Map, instead of scanning sixty languages' scores for every n-gram of every message.
 */

/** ELD stores each score less this, to keep its database small. */
const BASE_NGRAM_SCORE = 53;
/** ELD's hand-picked scale of the 0–1 score. */
const SCALE = 25;
const MAX_CHARS = 1000;
const CUT_AFTER_BYTES = 350;
const ENFORCE_CUT_AFTER_BYTES = 380;
const MAX_WORD_BYTES = 70;

/** n-gram → flat pairs of (language index, score). */
let index: Map<string, number[]> | null = null;

function loadIndex(): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const row of NGRAMS.split('\n')) {
    const tab = row.lastIndexOf('\t');
    const pairs: number[] = [];
    for (const pair of row.slice(tab + 1).split(',')) {
      const colon = pair.indexOf(':');
      pairs.push(Number(pair.slice(0, colon)), Number(pair.slice(colon + 1)) + BASE_NGRAM_SCORE);
    }
    map.set(row.slice(0, tab), pairs);
  }
  return map;
}

function byteChar(byte: number): string {
  return BYTE_CHARS[byte] ?? ' ';
}

/** ELD's words as strings of one character per UTF-8 byte, cut after about 350 bytes. */
function byteWords(text: string): string[] {
  const words: string[] = [];
  let encoded = '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (encoded !== '') words.push(encoded);
        encoded = '';
        if (bytes > CUT_AFTER_BYTES) break;
      } else {
        encoded += text[i];
      }
      bytes++;
    } else if (code < 0x800) {
      encoded += byteChar(0xc0 | (code >> 6)) + byteChar(0x80 | (code & 0x3f));
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      encoded +=
        byteChar(0xe0 | (code >> 12)) +
        byteChar(0x80 | ((code >> 6) & 0x3f)) +
        byteChar(0x80 | (code & 0x3f));
      bytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded +=
        byteChar(0xf0 | (code >> 18)) +
        byteChar(0x80 | ((code >> 12) & 0x3f)) +
        byteChar(0x80 | ((code >> 6) & 0x3f)) +
        byteChar(0x80 | (code & 0x3f));
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER_BYTES) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

/** Four-byte n-grams at a stride of three, the first marked by a leading and the last by a trailing space. */
function ngramsOf(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, MAX_WORD_BYTES);
    let j = 0;
    for (; j + 4 < len; j += 3) grams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    grams.add(`${j === 0 ? ' ' : ''}${word.substring(len !== 3 ? len - 4 : 0)} `);
  }
  return grams;
}

export const eldGuesser: LanguageGuesser = (text) => {
  index ??= loadIndex();
  const cleaned = text.substring(0, MAX_CHARS).replace(SEPARATORS, ' ').trim().toLowerCase();
  const grams = ngramsOf(byteWords(cleaned));
  const totals = new Array<number>(LANGUAGES.length).fill(0);
  for (const gram of grams) {
    const pairs = index.get(gram);
    if (!pairs) continue;
    for (let p = 0; p < pairs.length; p += 2) {
      const lang = pairs[p] as number;
      totals[lang] = (totals[lang] as number) + (pairs[p + 1] as number);
    }
  }
  return {
    language: bestOf(totals),
    // Most callers need only the language: the scores are worked out when read.
    get scores() {
      return scaledScores(totals, grams.size);
    },
  };
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
