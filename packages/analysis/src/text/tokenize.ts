import { NOT_SIMPLE, simpleFold, wordKey } from './fold.ts';
import {
  finishHash,
  HASH_START,
  hashStep,
  keyOfWord,
  wordCount,
  wordIdInText,
  wordIdOfKey,
} from './words.ts';

export interface Token {
  /** Offsets into the original text. */
  start: number;
  end: number;
  /** Folded, de-leeted, squeezed: what terms are compared with. */
  key: string;
  /** The word as written when it has masking characters inside (`k*rwa`, `f***ing`), else null. */
  masked: string | null;
  /** The key's number in words.ts, -1 when unknown: read it with `wordIdOf`. */
  id: number;
  /** How many words were numbered when `id` was looked up. */
  numberedAt: number;
}

/** The number of a token's key; looked up again if words were numbered since (a pack compiled after tokenizing). */
export function wordIdOf(token: Token): number {
  if (token.id >= 0) return token.id;
  const count = wordCount();
  if (token.numberedAt !== count) {
    token.numberedAt = count;
    token.id = wordIdOfKey(token.key);
  }
  return token.id;
}

export interface Range {
  start: number;
  end: number;
}

// A word starts with a letter, digit, @ or $ and may hold apostrophes and masking characters inside.
const WORD_START = /^[\p{L}\p{N}@$]$/u;
const WORD_PART = /^[\p{L}\p{N}\p{M}'’*#@$]$/u;
const NONE = 0;
const PART = 1;
const START = 2;
const APOSTROPHE = 3;
const MASK_CHAR = 4;

/**
 * The class of every UTF-16 code unit, filled in on first sight: a typed-array read per character
 * instead of a Unicode regex per word. Surrogate pairs are classified each time: they are rare.
 */
const classes = new Uint8Array(0x10000).fill(0xff);

function classifyChar(char: string): number {
  if (char === "'" || char === '’') return APOSTROPHE;
  if (char === '*' || char === '#') return MASK_CHAR;
  if (WORD_START.test(char)) return START;
  return WORD_PART.test(char) ? PART : NONE;
}

/** Added to the class of a surrogate pair, which spans two code units. */
const PAIR = 8;

/** The class of the character at `i` (whose code unit is `code`), plus PAIR when it is a surrogate pair. */
function classAt(text: string, i: number, code = text.charCodeAt(i)): number {
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return classifyChar(text.slice(i, i + 2)) + PAIR;
  }
  let kind = classes[code] as number;
  if (kind === 0xff) {
    kind = classifyChar(text[i] as string);
    classes[code] = kind;
  }
  return kind;
}

/**
 * Scans one word from `start` and adds it as a token, without trailing apostrophes; returns where
 * scanning stopped (after them).
 */
function addWord(tokens: Token[], text: string, start: number, limit: number): number {
  let i = start;
  let end = start;
  let masked = false;
  let isAscii = true;
  let hasCapital = false;
  // While every character is a letter folding to one letter and no letter comes three times in a
  // row, the key is the string of their folds (most words): hashed here, found with no string built.
  let simple = true;
  let hash = HASH_START;
  let previous = -1;
  let repeats = 0;
  while (i < limit) {
    const code = text.charCodeAt(i);
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      // A–Z and a–z, most of any word: a part of it, needing no class lookup.
      if (code !== lower) hasCapital = true;
      repeats = lower === previous ? repeats + 1 : 0;
      if (repeats === 2) simple = false;
      previous = lower;
      hash = hashStep(hash, lower);
      end = ++i;
      continue;
    }
    const classed = classAt(text, i, code);
    const size = classed >= PAIR ? 2 : 1;
    const kind = classed % PAIR;
    if (kind === NONE || i + size > limit) break;
    isAscii = false;
    if (simple) {
      const folded = size === 1 ? simpleFold(code) : NOT_SIMPLE;
      repeats = folded === previous ? repeats + 1 : 0;
      if (folded === NOT_SIMPLE || repeats === 2) simple = false;
      previous = folded;
      hash = hashStep(hash, folded);
    }
    i += size;
    if (kind === MASK_CHAR) masked = true;
    if (kind !== APOSTROPHE) end = i;
  }
  const known = simple ? wordIdInText(text, start, end, finishHash(hash)) : -1;
  const raw = known >= 0 ? '' : text.slice(start, end);
  const key = known >= 0 ? keyOfWord(known) : keyOf(raw, simple && isAscii, hasCapital, masked);
  tokens.push({
    start,
    end,
    key,
    masked: masked ? raw : null,
    id: known,
    numberedAt: simple ? wordCount() : -1,
  });
  return i;
}

/** The key of a word no matcher knows by its letters (or one that is not simple). */
function keyOf(raw: string, asciiLetters: boolean, hasCapital: boolean, masked: boolean): string {
  if (asciiLetters) return hasCapital ? raw.toLowerCase() : raw;
  return wordKey(masked ? raw.replace(/[*#]+$/, '') : raw);
}

/** Unicode-aware words of `text` within `ranges` (default: all of it), offsets into `text`. */
export function tokenize(text: string, ranges: readonly Range[] = [{ start: 0, end: text.length }]): Token[] {
  const tokens: Token[] = [];
  for (const range of ranges) {
    let i = range.start;
    while (i < range.end) {
      const classed = classAt(text, i);
      const size = classed >= PAIR ? 2 : 1;
      if (classed % PAIR !== START || i + size > range.end) i += size;
      else i = addWord(tokens, text, i, range.end);
    }
  }
  return tokens;
}

const SPACER = /^[\s.\-_]$/u;

function isSpacedLetter(text: string, tokens: readonly Token[], j: number): boolean {
  const here = tokens[j] as Token;
  const next = tokens[j + 1];
  return (
    next !== undefined &&
    here.end - here.start === 1 &&
    next.end - next.start === 1 &&
    next.start - here.end === 1 &&
    SPACER.test(text[here.end] ?? '')
  );
}

/**
 * Joins runs of three or more single-letter tokens separated by one spacer (`k u r w a`,
 * `k.u.r.w.a`) into one token: the longest part of the run that `accept` says means something.
 * Returns `tokens` itself when there is nothing to join.
 */
export function joinSpacedLetters(text: string, tokens: Token[], accept: (key: string) => boolean): Token[] {
  let i = 0;
  while (i < tokens.length && !isSpacedLetter(text, tokens, i)) i++;
  // Most messages spell nothing out: the tokens stand as they are.
  if (i === tokens.length) return tokens;
  const out: Token[] = tokens.slice(0, i);
  while (i < tokens.length) {
    let end = i;
    while (isSpacedLetter(text, tokens, end)) end++;
    let joinedTo = -1;
    for (let k = end; k - i >= 2 && joinedTo < 0; k--) {
      const key = wordKey(
        tokens
          .slice(i, k + 1)
          .map((t) => text.slice(t.start, t.end))
          .join(''),
      );
      if (accept(key)) joinedTo = k;
    }
    const first = tokens[i] as Token;
    if (joinedTo < 0) {
      out.push(first);
      i++;
      continue;
    }
    const last = tokens[joinedTo] as Token;
    const raw = text.slice(first.start, last.end);
    out.push({
      start: first.start,
      end: last.end,
      key: wordKey(raw.replace(/[\s.\-_]/gu, '')),
      masked: null,
      id: -1,
      numberedAt: -1,
    });
    i = joinedTo + 1;
  }
  return out;
}
