import { simpleFold } from './fold.ts';

/**
 * Every word key that a matcher or a language pack knows, numbered once for the whole process.
 * The tokenizer finds the number of a known word while it reads the word: it hashes the folded
 * letters as it goes and compares them with the stored key, so a known word costs no string and no
 * Map lookup. Matchers and language evidence then index by number. Numbers are never reused: the
 * table only grows, as packs and business terms are compiled.
 */

/** The hash of a key before its first code unit (FNV-1a's); `hashStep` adds one folded code unit. */
export const HASH_START = 0x811c9dc5 | 0;
const PRIME = 0x0100_0193;

export function hashStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, PRIME);
}

/** A finished hash is a small integer (31 bits): passed between functions without being boxed. */
export function finishHash(hash: number): number {
  return hash & 0x3fff_ffff;
}

const keys: string[] = [];
/** The same numbers by key, for a key already built. */
const idByKey = new Map<string, number>();

// The index by letters: open addressing, a word's number plus one per slot, 0 for an empty slot.
// It is brought up to date in one pass before a text is read, not word by word as packs compile:
// one hot loop instead of thousands of cold calls, which matters for the first message's time.
let hashes = new Int32Array(1024);
let slots = new Int32Array(2048);
let mask = slots.length - 1;
let indexed = 0;

function hashOf(key: string): number {
  let hash = HASH_START;
  for (let i = 0; i < key.length; i++) hash = hashStep(hash, key.charCodeAt(i));
  return finishHash(hash);
}

function slotOf(hash: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/** How many words are numbered: a token numbered before a later compile may need a second look. */
export function wordCount(): number {
  return keys.length;
}

export function keyOfWord(id: number): string {
  return keys[id] as string;
}

/** The number of a key, or -1 when no matcher knows it. */
export function wordIdOfKey(key: string): number {
  return idByKey.get(key) ?? -1;
}

/** The number of a key, numbering it if it is new. */
export function internWord(key: string): number {
  const known = idByKey.get(key);
  if (known !== undefined) return known;
  const id = keys.length;
  keys.push(key);
  idByKey.set(key, id);
  return id;
}

/**
 * How many texts are read before the index by letters is built. Building it hashes every word of
 * the packs, a few milliseconds in a cold process: a one-off analysis (a CLI call, a first message)
 * does better resolving its few words through the Map.
 */
export const TEXTS_BEFORE_INDEX = 64;
let textsRead = 0;

/**
 * Before a text is read: brings the index by letters up to date, once the process has read enough
 * texts to be worth it. Returns how many words the index holds: a word numbered past that is
 * not found by `wordIdInText`.
 */
export function prepareToRead(): number {
  if (textsRead < TEXTS_BEFORE_INDEX) {
    textsRead++;
    return indexed;
  }
  indexNewWords();
  return indexed;
}

/** Adds the words numbered since the last call to the index by letters. */
function indexNewWords(): void {
  if (indexed === keys.length) return;
  if (keys.length > hashes.length) {
    const grown = new Int32Array(keys.length * 2);
    grown.set(hashes);
    hashes = grown;
  }
  for (let id = indexed; id < keys.length; id++) hashes[id] = hashOf(keys[id] as string);
  if (keys.length * 2 > slots.length) {
    slots = new Int32Array(2 ** Math.ceil(Math.log2(keys.length * 4)));
    mask = slots.length - 1;
    for (let id = 0; id < keys.length; id++) place(id, hashes[id] as number);
  } else {
    for (let id = indexed; id < keys.length; id++) place(id, hashes[id] as number);
  }
  indexed = keys.length;
}

function place(id: number, hash: number): void {
  let slot = slotOf(hash);
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  slots[slot] = id + 1;
}

/**
 * The number of the word `text[start, end)`, made of letters that each fold to one letter
 * (`simpleFold`) and whose folds hash to `hash` (finished); -1 when no matcher knows it, or
 * when it is not yet in the index (see `prepareToRead`). No string is built.
 */
export function wordIdInText(text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  for (let slot = slotOf(hash); ; slot = (slot + 1) & mask) {
    const entry = slots[slot] as number;
    if (entry === 0) return -1;
    if (hashes[entry - 1] !== hash) continue;
    const key = keys[entry - 1] as string;
    if (key.length === length && spells(key, text, start)) return entry - 1;
  }
}

function spells(key: string, text: string, start: number): boolean {
  for (let k = 0; k < key.length; k++) {
    if (key.charCodeAt(k) !== simpleFold(text.charCodeAt(start + k))) return false;
  }
  return true;
}
