import type { WordPattern } from './terms.ts';
import { internWord, keyOfWord } from './words.ts';

/**
 * The words of a matcher's terms, already parsed, inflected and keyed: written at build time
 * (scripts/generate-term-snapshots.ts) and checked in, so that a cold process reads them instead of
 * inflecting and keying thousands of words, which was most of a language pack's first compile.
 * A test fails while a checked-in snapshot is stale. At run time a snapshot is used only for the pack
 * object it was written for (`ownSnapshot`), and only while it fits the terms: as many, with the same
 * shape (terms per entry and their lengths, in order). An edit that keeps the shape, or a change of
 * inflection alone, is caught by the test only.
 */
export interface TermSnapshot {
  /** What its user wrote it with besides the terms (a pack: which packs' universal terms it holds). */
  context?: string;
  /** How many terms it holds, and a hash of its shape (`shapeOf`): what a matcher checks before using it. */
  terms: number;
  shape: number;
  /** The keys of exact words, one per line; `patterns` names a key by its line. */
  words: string;
  /** The stems of `stem*` words, one per line. */
  stems: string;
  /** Characters per number in `patterns`, in base 64. */
  width: number;
  /**
   * Per term: its number of words, then per word a tag (0 a gap; 1 a stem, then its line; n + 1 an
   * exact word of n keys, then their lines).
   */
  patterns: string;
}

/** Terms whose words a snapshot holds, in order, by entry. */
export interface SnapshotTerm {
  source: string;
  words: readonly WordPattern[];
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUES = new Uint8Array(128);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUES[DIGITS.charCodeAt(i)] = i;

const GAP: WordPattern = { kind: 'gap' };

export function writeSnapshot(entries: readonly (readonly SnapshotTerm[])[]): TermSnapshot {
  const terms = entries.flat();
  const words = new Lines();
  const stems = new Lines();
  const numbers: number[] = [];
  for (const term of terms) {
    numbers.push(term.words.length);
    for (const word of term.words) {
      if (word.kind === 'gap') numbers.push(0);
      else if (word.kind === 'prefix') numbers.push(1, stems.lineOf(word.stem));
      else numbers.push(word.ids.length + 1, ...word.ids.map((id) => words.lineOf(keyOfWord(id))));
    }
  }
  let width = 1;
  const largest = numbers.reduce((max, n) => Math.max(max, n), 0);
  while (DIGITS.length ** width <= largest) width++;
  return {
    terms: terms.length,
    shape: shapeOf(entries.map((entry) => entry.map((term) => term.source))),
    words: words.text(),
    stems: stems.text(),
    width,
    patterns: numbers.map((n) => inDigits(n, width)).join(''),
  };
}

/** Distinct strings numbered by first use, written one per line. */
class Lines {
  private readonly lines: string[] = [];
  private readonly numbers = new Map<string, number>();

  lineOf(line: string): number {
    if (line.includes('\n')) throw new Error(`a term snapshot cannot hold a key with a line break: ${line}`);
    let number = this.numbers.get(line);
    if (number === undefined) {
      number = this.lines.length;
      this.lines.push(line);
      this.numbers.set(line, number);
    }
    return number;
  }

  text(): string {
    return this.lines.join('\n');
  }
}

function inDigits(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = DIGITS[n % DIGITS.length] + out;
    n = Math.floor(n / DIGITS.length);
  }
  return out;
}

/** An order-sensitive hash of how many terms each list has and how long each term is: cheap, and it changes with most edits. */
export function shapeOf(termLists: readonly (readonly string[])[]): number {
  let hash = 0x811c9dc5 | 0;
  for (const terms of termLists) {
    hash = Math.imul(hash ^ terms.length, 0x0100_0193);
    for (const term of terms) hash = Math.imul(hash ^ (term.length + 0x1_0000), 0x0100_0193);
  }
  return hash >>> 0;
}

/** Whether a snapshot holds these lists of terms: as many, and of the same shape. */
export function snapshotFits(snapshot: TermSnapshot, termLists: readonly (readonly string[])[]): boolean {
  let count = 0;
  for (const terms of termLists) count += terms.length;
  return count === snapshot.terms && shapeOf(termLists) === snapshot.shape;
}

const owners = new WeakMap<TermSnapshot, object>();

/**
 * Marks a pack's snapshot as written for this very pack object: a copy of the pack (other terms, another
 * inflection) does not use it, and compiles from its terms.
 */
export function ownSnapshot<Pack extends { snapshot?: TermSnapshot | undefined }>(pack: Pack): Pack {
  if (pack.snapshot) owners.set(pack.snapshot, pack);
  return pack;
}

/** The pack's snapshot, if it was written for this pack object. */
export function ownedSnapshot(pack: { snapshot?: TermSnapshot | undefined }): TermSnapshot | undefined {
  return pack.snapshot && owners.get(pack.snapshot) === pack ? pack.snapshot : undefined;
}

function linesOf(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** Reads a snapshot's terms in order. Its words are numbered (words.ts) when it is opened. */
export class SnapshotReader {
  private readonly ids: number[];
  private readonly stems: string[];
  private at = 0;
  private intact = true;

  constructor(private readonly snapshot: TermSnapshot) {
    this.ids = linesOf(snapshot.words).map(internWord);
    this.stems = linesOf(snapshot.stems);
  }

  /** Whether every term was read, from numbers all in range: a snapshot that ends early or late does not fit. */
  complete(): boolean {
    return this.intact && this.at === this.snapshot.patterns.length;
  }

  /** The words of the next term. */
  next(): WordPattern[] {
    const count = this.number();
    if (!(count > 0)) {
      this.intact = false;
      return [GAP];
    }
    // Arrays of their exact size: an array grown by push keeps room for 16, and a pack has thousands.
    if (count === 1) return [this.word()];
    const words: WordPattern[] = [];
    for (let w = 0; w < count; w++) words.push(this.word());
    return words.slice();
  }

  private word(): WordPattern {
    const tag = this.number();
    if (tag === 0) return GAP;
    if (tag === 1) return { kind: 'prefix', stem: this.line(this.stems, '') };
    if (tag === 2) return { kind: 'exact', ids: [this.line(this.ids, -1)] };
    const ids: number[] = [];
    for (let k = 1; k < tag; k++) ids.push(this.line(this.ids, -1));
    return { kind: 'exact', ids: ids.slice() };
  }

  /** The line a number names, or `missing` (and the reader no longer intact) when it names none. */
  private line<T>(lines: readonly T[], missing: T): T {
    const n = this.number();
    if (n < lines.length && this.at <= this.snapshot.patterns.length) return lines[n] as T;
    this.intact = false;
    return missing;
  }

  private number(): number {
    const { patterns, width } = this.snapshot;
    let n = 0;
    for (let i = 0; i < width; i++)
      n = n * DIGITS.length + (DIGIT_VALUES[patterns.charCodeAt(this.at++)] as number);
    return n;
  }
}
