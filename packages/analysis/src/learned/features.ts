/**
 * The learned model's features: one pass over a text, each word folded as the engine folds it (lower
 * case, diacritics off), giving hashed features with the span they came from. Training and scoring
 * read the same function, so what was learned is what is looked up.
 *
 * Per word: the word itself, its first five letters (a stem for Polish and Estonian endings), its
 * character 4-grams with the word's edges marked (spelling without diacritics, typos, inflection),
 * and the pair it makes with the word before it in the same clause. Per text: a word in capitals,
 * a run of exclamation marks.
 */

/** FNV-1a offset basis; each kind of feature starts from its own seed so that `w:ab` ≠ `g:ab`. */
const FNV = 0x811c9dc5;
const PRIME = 0x01000193;
const SEED_WORD = mix(FNV, 0x77);
const SEED_PREFIX = mix(FNV, 0x70);
const SEED_GRAM = mix(FNV, 0x67);
const SEED_PAIR = mix(FNV, 0x62);
/** Features of the whole text, not of a word. */
export const CAPS_WORD = mix(mix(FNV, 0x73), 1);
export const EXCLAMATIONS = mix(mix(FNV, 0x73), 2);

const PREFIX = 5;
const GRAM = 4;
/** A word longer than this is cut (a URL, a hash): its n-grams say nothing more. */
const MAX_WORD = 24;
const EDGE = 0x5e; // '^' marks a word's start and end inside its n-grams

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, PRIME);
}

/** Per UTF-16 unit below 0x530: its folded code, 0 for a character that is not part of a word. */
let FOLDED: Uint16Array | null = null;
/** Upper-case letters, for the capitals feature. */
let UPPER: Uint8Array | null = null;
const TABLE_SIZE = 0x530;

function buildTables(): Uint16Array {
  const folded = new Uint16Array(TABLE_SIZE);
  const upper = new Uint8Array(TABLE_SIZE);
  const wordChar = /[\p{L}\p{N}]/u;
  for (let code = 0; code < TABLE_SIZE; code++) {
    const char = String.fromCharCode(code);
    if (!wordChar.test(char)) continue;
    const lower = char.toLowerCase();
    const base =
      code === 0x142 || code === 0x141 ? 'l' : lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    folded[code] = (base || lower).charCodeAt(0);
    if (lower !== char) upper[code] = 1;
  }
  UPPER = upper;
  FOLDED = folded;
  return folded;
}

/** A text with fewer features weighs as one with this many: a two-word message cannot reach the extremes alone. */
export const MIN_NORM_FEATURES = 60;

/**
 * What each feature's weight is multiplied by in a text of `count` features (1/√count), so a long
 * mail weighs as much as a short one.
 * @example featureNorm(100) // 0.1
 */
export function featureNorm(count: number): number {
  return 1 / Math.sqrt(Math.max(count, MIN_NORM_FEATURES));
}

/** Receives each feature: its hash and the span of the text it was read from. */
export type FeatureSink = (hash: number, start: number, end: number) => void;

/** Features written out: `count` hashes, each with its span. Reused from text to text. */
export interface FeatureBuffer {
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

export function createFeatureBuffer(size = 1024): FeatureBuffer {
  return { hashes: new Int32Array(size), starts: new Int32Array(size), ends: new Int32Array(size), count: 0 };
}

function grow(buffer: FeatureBuffer): void {
  const size = buffer.hashes.length * 2;
  const hashes = new Int32Array(size);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  hashes.set(buffer.hashes);
  starts.set(buffer.starts);
  ends.set(buffer.ends);
  buffer.hashes = hashes;
  buffer.starts = starts;
  buffer.ends = ends;
}

function put(buffer: FeatureBuffer, hash: number, start: number, end: number): void {
  if (buffer.count === buffer.hashes.length) grow(buffer);
  const at = buffer.count++;
  buffer.hashes[at] = hash;
  buffer.starts[at] = start;
  buffer.ends[at] = end;
}

/** Clause breaks, by character code: . , ; : ! ? ( ) and the line break. */
function isClauseBreak(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x2c ||
    code === 0x3b ||
    code === 0x3a ||
    code === 0x21 ||
    code === 0x3f ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x0a
  );
}

/** One word's folded codes between its edge marks; scoring runs one text at a time. */
const codes = new Uint16Array(MAX_WORD + 2);

const scratch = createFeatureBuffer();

/**
 * Calls `sink` for every feature of `text[from, to)`, in order, and returns how many there were.
 * @example forEachFeature('Oddajcie pieniądze!', (hash) => hashes.push(hash)) // 26
 */
export function forEachFeature(text: string, sink: FeatureSink, from = 0, to = text.length): number {
  scratch.count = 0;
  extractFeatures(text, scratch, from, to);
  const count = scratch.count;
  for (let k = 0; k < count; k++)
    sink(scratch.hashes[k] as number, scratch.starts[k] as number, scratch.ends[k] as number);
  return count;
}

/**
 * Appends the features of `text[from, to)` to `buffer` (after its `count`), in order.
 * @example extractFeatures('Oddajcie pieniądze!', buffer); buffer.count // 26
 */
export function extractFeatures(text: string, buffer: FeatureBuffer, from = 0, to = text.length): void {
  const folded = FOLDED ?? buildTables();
  const upper = UPPER as Uint8Array;
  let previous = 0; // hash of the word before, 0 after a clause break
  let previousStart = 0;
  let exclamations = 0;
  let hasCaps = false;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const f = code < TABLE_SIZE ? (folded[code] as number) : 0;
    if (f === 0) {
      if (code === 0x21) {
        exclamations++;
        if (exclamations === 2) {
          put(buffer, EXCLAMATIONS, i - 1, i + 1);
        }
      } else exclamations = 0;
      if (isClauseBreak(code)) previous = 0;
      i++;
      continue;
    }
    exclamations = 0;
    const start = i;
    let length = 0;
    let uppers = 0;
    let word = SEED_WORD;
    codes[length++] = EDGE;
    while (i < to) {
      const c = text.charCodeAt(i);
      const g = c < TABLE_SIZE ? (folded[c] as number) : 0;
      if (g === 0) break;
      if (length <= MAX_WORD) {
        codes[length++] = g;
        word = mix(word, g);
      }
      if (upper[c] === 1) uppers++;
      i++;
    }
    const end = i;
    const letters = length - 1;
    codes[length++] = EDGE;
    put(buffer, word, start, end);
    if (letters > PREFIX) {
      let prefix = SEED_PREFIX;
      for (let k = 1; k <= PREFIX; k++) prefix = mix(prefix, codes[k] as number);
      put(buffer, prefix, start, start + PREFIX);
    }
    if (length > GRAM) {
      for (let k = 0; k + GRAM <= length; k++) {
        let gram = SEED_GRAM;
        for (let j = k; j < k + GRAM; j++) gram = mix(gram, codes[j] as number);
        const gramStart = Math.max(start, start + k - 1);
        put(buffer, gram, gramStart, Math.min(end, start + k - 1 + GRAM));
      }
    }
    if (previous !== 0) {
      put(buffer, mix(Math.imul(previous, 31) ^ word, 0x20) ^ SEED_PAIR, previousStart, end);
    }
    if (!hasCaps && letters >= 3 && uppers === end - start) {
      hasCaps = true;
      put(buffer, CAPS_WORD, start, end);
    }
    previous = word;
    previousStart = start;
  }
}
