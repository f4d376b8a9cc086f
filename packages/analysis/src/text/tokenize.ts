import { NOT_SIMPLE, simpleFold, wordKey } from './fold.ts';
import {
  finishHash,
  HASH_START,
  hashStep,
  keyOfWord,
  prepareToRead,
  wordCount,
  wordIdInText,
  wordIdOfKey,
} from './words.ts';

/** How a simple word is spelled, for building its key when it is first read. */
const ASCII_LETTERS = 1;
const HAS_CAPITAL = 2;

/**
 * A word of the text. Most words are never compared by their key (only known words and those a
 * stem may start are), so the key of a simple word no matcher knows is built on first read.
 */
export class Token {
  /** The key once built; null only for a simple word not yet asked for it. */
  private builtKey: string | null;

  constructor(
    /** The whole text the offsets index. */
    readonly text: string,
    /** Offsets into the original text. */
    readonly start: number,
    readonly end: number,
    key: string | null,
    /** The word as written when it has masking characters inside (`k*rwa`, `f***ing`), else null. */
    readonly masked: string | null,
    /** The key's number in words.ts, -1 when unknown: read it with `wordIdOf`. */
    public id: number,
    /** How many words the lookup of `id` covered (numbers past it were not looked at). */
    public numberedAt: number,
    private readonly spelling = 0,
  ) {
    this.builtKey = key;
  }

  /** Folded, de-leeted, squeezed: what terms are compared with. */
  get key(): string {
    this.builtKey ??= simpleKey(this.text.slice(this.start, this.end), this.spelling);
    return this.builtKey;
  }

  /** The key's length, without building it. */
  get keyLength(): number {
    return this.builtKey === null ? this.end - this.start : this.builtKey.length;
  }

  /** The key's code unit at `k`, without building it: a simple word's key is its letters' folds. */
  keyUnit(k: number): number {
    return this.builtKey === null
      ? simpleFold(this.text.charCodeAt(this.start + k))
      : this.builtKey.charCodeAt(k);
  }

  /** Whether the key ends in `ending` (folded), without building it. */
  keyEndsWith(ending: string): boolean {
    const from = this.keyLength - ending.length;
    if (from < 0) return false;
    for (let k = 0; k < ending.length; k++) if (this.keyUnit(from + k) !== ending.charCodeAt(k)) return false;
    return true;
  }
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
const KIND = 7;
/** Added to the class of a surrogate pair, which spans two code units. */
const PAIR = 8;
/** Added to the class of a capital letter of the BMP. */
const CAPITAL = 16;

/**
 * The class of every UTF-16 code unit, filled in on first sight: a typed-array read per character
 * instead of a Unicode regex per word. Surrogate pairs are classified each time: they are rare.
 */
const classes = new Uint8Array(0x10000).fill(0xff);

const CAPITAL_LETTER = /^\p{Lu}$/u;

/** A capital of the BMP; ASCII without the Unicode regex, which is slow to build in a cold process. */
function isCapitalLetter(char: string): boolean {
  if (char.length !== 1) return false;
  const code = char.charCodeAt(0);
  return code < 0x80 ? code >= 0x41 && code <= 0x5a : CAPITAL_LETTER.test(char);
}

export function classifyChar(char: string): number {
  const latin = char.length === 1 ? latinClass(char.charCodeAt(0)) : -1;
  return latin >= 0 ? latin : classifyByRegex(char);
}

export function classifyByRegex(char: string): number {
  if (char === "'" || char === '’') return APOSTROPHE;
  if (char === '*' || char === '#') return MASK_CHAR;
  if (WORD_START.test(char)) return isCapitalLetter(char) ? START + CAPITAL : START;
  return WORD_PART.test(char) ? PART : NONE;
}

/** Titlecase letters (Lt) of Latin Extended-B: they change in lower case but are no capitals (Lu). */
const TITLECASE = new Set([0x1c5, 0x1c8, 0x1cb, 0x1f2]);

/**
 * The class of a character of ASCII or of Latin-1 to Latin Extended-B letters, which hold every
 * letter of Polish, Estonian and English: worked out without the Unicode regexes, slow to build in
 * a cold process. -1 for anything else. (A test checks it against the regexes for every character.)
 */
function latinClass(code: number): number {
  if (code < 0x80) {
    if (code >= 0x41 && code <= 0x5a) return START + CAPITAL;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x40 || code === 0x24)
      return START;
    if (code === 0x27) return APOSTROPHE;
    return code === 0x2a || code === 0x23 ? MASK_CHAR : NONE;
  }
  if (code < 0xc0 || code > 0x24f) return -1;
  if (code === 0xd7 || code === 0xf7) return NONE;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase() && !TITLECASE.has(code) ? START + CAPITAL : START;
}

/** The class of the character at `i` (whose code unit is `code`): its kind, plus PAIR and CAPITAL. */
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
 * The words of a text, and what the scan saw on the way that a check of typography (shouting)
 * would otherwise read the whole text again for.
 */
export interface TextScan {
  tokens: Token[];
  /** Two capital letters of the BMP in a row. */
  adjacentCapitals: boolean;
  /** Two of `!` and `?` in a row. */
  adjacentMarks: boolean;
  /** A surrogate code unit: astral characters, which the two above do not cover. */
  surrogates: boolean;
  /** The ranges were all of the text: what the scan saw holds for the whole text. */
  coversText: boolean;
}

/**
 * Scans one word from `start` and adds it as a token, without trailing apostrophes; returns where
 * scanning stopped (after them). `indexed`: how many words the index by letters holds.
 */
function addWord(scan: TextScan, text: string, start: number, limit: number, indexed: number): number {
  let i = start;
  let end = start;
  let masked = false;
  let isAscii = true;
  let capitals = 0;
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
      if (code !== lower) capitals++;
      repeats = lower === previous ? repeats + 1 : 0;
      if (repeats === 2) simple = false;
      previous = lower;
      hash = hashStep(hash, lower);
      end = ++i;
      continue;
    }
    const classed = classAt(text, i, code);
    const size = classed & PAIR ? 2 : 1;
    const kind = classed & KIND;
    if (kind === NONE || i + size > limit) break;
    isAscii = false;
    if (classed & CAPITAL) capitals++;
    if (size === 2) scan.surrogates = true;
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
  if (capitals >= 2 && !scan.adjacentCapitals) scan.adjacentCapitals = hasAdjacentCapitals(text, start, end);
  if (!simple) {
    const raw = text.slice(start, end);
    const key = wordKey(masked ? raw.replace(/[*#]+$/, '') : raw);
    scan.tokens.push(new Token(text, start, end, key, masked ? raw : null, -1, -1));
    return i;
  }
  const known = wordIdInText(text, start, end, finishHash(hash));
  const key = known >= 0 ? keyOfWord(known) : null;
  const spelling = (isAscii ? ASCII_LETTERS : 0) | (capitals > 0 ? HAS_CAPITAL : 0);
  scan.tokens.push(new Token(text, start, end, key, null, known, indexed, spelling));
  return i;
}

function hasAdjacentCapitals(text: string, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) {
    if (classAt(text, i) & CAPITAL && classAt(text, i - 1) & CAPITAL) return true;
  }
  return false;
}

/** The key of a simple word: its letters' folds. */
function simpleKey(raw: string, spelling: number): string {
  if (!(spelling & ASCII_LETTERS)) return wordKey(raw);
  return spelling & HAS_CAPITAL ? raw.toLowerCase() : raw;
}

/** Unicode-aware words of `text` within `ranges` (default: all of it), offsets into `text`; and what else the scan saw. */
export function scanText(
  text: string,
  ranges: readonly Range[] = [{ start: 0, end: text.length }],
): TextScan {
  const only = ranges.length === 1 ? ranges[0] : undefined;
  const scan: TextScan = {
    tokens: [],
    adjacentCapitals: false,
    adjacentMarks: false,
    surrogates: false,
    coversText: only?.start === 0 && only.end === text.length,
  };
  const indexed = prepareToRead();
  for (const range of ranges) {
    let i = range.start;
    let wasMark = false;
    while (i < range.end) {
      const code = text.charCodeAt(i);
      if (code === 0x21 || code === 0x3f) {
        if (wasMark) scan.adjacentMarks = true;
        wasMark = true;
        i++;
        continue;
      }
      wasMark = false;
      if (code >= 0xd800 && code <= 0xdfff) scan.surrogates = true;
      const classed = classAt(text, i, code);
      const size = classed & PAIR ? 2 : 1;
      if ((classed & KIND) !== START || i + size > range.end) i += size;
      else i = addWord(scan, text, i, range.end, indexed);
    }
  }
  return scan;
}

/** Unicode-aware words of `text` within `ranges` (default: all of it), offsets into `text`. */
export function tokenize(text: string, ranges?: readonly Range[]): Token[] {
  return scanText(text, ranges).tokens;
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

/** The longest word a run of spaced-out letters is read as; no term in any language pack is longer. */
const MAX_SPELLED_LETTERS = 32;

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
  let runEnd = -1;
  while (i < tokens.length) {
    if (i > runEnd) {
      runEnd = i;
      while (isSpacedLetter(text, tokens, runEnd)) runEnd++;
    }
    let joinedTo = -1;
    // Only the first MAX_SPELLED_LETTERS letters of a run can spell a word: a run of thousands of
    // letters ("i a i a …") then costs time in proportion to its length, not to its cube.
    for (let k = Math.min(runEnd, i + MAX_SPELLED_LETTERS - 1); k - i >= 2 && joinedTo < 0; k--) {
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
    out.push(new Token(text, first.start, last.end, wordKey(raw.replace(/[\s.\-_]/gu, '')), null, -1, -1));
    i = joinedTo + 1;
  }
  return out;
}
