import { simpleFold } from './fold.ts';

/**
 * Every word key that a matcher or a language pack knows, numbered once for the whole process.
 * The tokenizer finds the number of a known word while it reads the word: it hashes the folded
 * letters as it goes and compares them with the stored key, so a known word costs no string and no
 * Map lookup. Matchers and language evidence then index by number. Numbers are never reused: the
 * table only grows, as packs and business terms are compiled.
 */

const OFFSET = 0x811c9dc5 | 0;
const PRIME = 0x0100_0193;

/** The hash of a key before its first code unit; `hashStep` adds one folded code unit. */
export const HASH_START = OFFSET;

export function hashStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, PRIME);
}

/** A finished hash is a small integer (31 bits): passed between functions without being boxed. */
export function finishHash(hash: number): number {
  return hash & 0x3fff_ffff;
}

const keys: string[] = [];
let hashes = new Int32Array(1024);
/** Open addressing: a word's number plus one, 0 for an empty slot. */
let slots = new Int32Array(2048);
let mask = slots.length - 1;

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
  const hash = hashOf(key);
  for (let slot = slotOf(hash); ; slot = (slot + 1) & mask) {
    const entry = slots[slot] as number;
    if (entry === 0) return -1;
    if (hashes[entry - 1] === hash && keys[entry - 1] === key) return entry - 1;
  }
}

/** The number of a key, numbering it if it is new. */
export function internWord(key: string): number {
  const known = wordIdOfKey(key);
  if (known >= 0) return known;
  const id = keys.length;
  keys.push(key);
  if (id >= hashes.length) {
    const grown = new Int32Array(hashes.length * 2);
    grown.set(hashes);
    hashes = grown;
  }
  const hash = hashOf(key);
  hashes[id] = hash;
  if (keys.length * 2 > slots.length) rehash(slots.length * 2);
  else place(id, hash);
  return id;
}

function place(id: number, hash: number): void {
  let slot = slotOf(hash);
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  slots[slot] = id + 1;
}

function rehash(size: number): void {
  slots = new Int32Array(size);
  mask = size - 1;
  for (let id = 0; id < keys.length; id++) place(id, hashes[id] as number);
}

/**
 * The number of the word `text[start, end)`, made of letters that each fold to one letter
 * (`simpleFold`) and whose folds hash to `hash` (finished); -1 when no matcher knows it. No string is built.
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
