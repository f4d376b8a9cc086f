import { foldText, termKey } from './fold.ts';
import { SnapshotReader, snapshotFits, type TermSnapshot, writeSnapshot } from './term-snapshot.ts';
import { type Token, wordIdOf } from './tokenize.ts';
import { internWord, keyOfWord, wordCount, wordIdOfKey } from './words.ts';

/**
 * The term syntax of language packs (LANGPACK.md): `word`, `stem*`, `lemma~`, phrases of several
 * words, and `...` for a gap of up to three tokens. Terms compile into one matcher (a pack holds all
 * its purposes in one), indexed by their first word so each token costs a couple of Map lookups.
 */

export const MAX_GAP = 3;
const MIN_STEM = 2;

/** A word of a term. An exact word holds the numbers (words.ts) of its keys: its forms, folded. */
export type WordPattern =
  | { kind: 'exact'; ids: readonly number[] }
  | { kind: 'prefix'; stem: string }
  | { kind: 'gap' };

interface CompiledTerm<P> {
  /** Position among the matcher's terms: matches of one token come in this order. */
  order: number;
  source: string;
  words: WordPattern[];
  except: ReadonlySet<string>;
  /** Look-alike phrases ("garden hoe", "pedał hamulca"): a match whose words sit inside one is dropped. */
  exceptPhrases: readonly (readonly string[])[];
  payload: P;
}

/** The terms that start with one exact word. */
interface HeadTerms<P> {
  /** Terms to try whatever word follows: one word long, or going on with a stem or a gap. */
  always: CompiledTerm<P>[];
  /**
   * Terms going on with an exact word, by that word's numbers: one lookup instead of one test each.
   * Each list also holds the `always` terms, merged in term order once the matcher is built.
   */
  byNextWord: Map<number, CompiledTerm<P>[]> | null;
}

export interface TermEntry<P> {
  terms: readonly string[];
  payload: P;
  except?: readonly string[] | undefined;
  /** Inflects this entry's `~` terms instead of the matcher's `inflect`. */
  inflect?: Inflect | undefined;
  /** Its terms' words are read from the matcher's snapshot (MatcherOptions.snapshot), in order. */
  inSnapshot?: boolean | undefined;
}

export interface Match<P> {
  payload: P;
  /** The term as written in the pack: the `rule` of the evidence. */
  term: string;
  /** Token indices, inclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
}

export type Inflect = (lemma: string) => readonly string[];

/** The payloads of the matches, each once. */
export function payloadsOf<P>(matches: readonly Match<P>[]): Set<P> {
  const payloads = new Set<P>();
  for (const match of matches) payloads.add(match.payload);
  return payloads;
}

export class TermSyntaxError extends Error {}

function parseWord(word: string, inflect: Inflect | undefined, source: string): WordPattern {
  if (word === '...') return { kind: 'gap' };
  if (word.endsWith('*')) {
    const stem = termKey(word.slice(0, -1));
    if (stem.length < MIN_STEM) throw new TermSyntaxError(`stem too short in term '${source}'`);
    return { kind: 'prefix', stem };
  }
  if (word.endsWith('~')) {
    const lemma = word.slice(0, -1);
    const forms = inflect?.(lemma) ?? [];
    return exactPattern([lemma, ...forms]);
  }
  return exactPattern([word]);
}

function exactPattern(words: readonly string[]): WordPattern {
  const ids: number[] = [];
  for (const word of words) {
    const id = internWord(termKey(word));
    if (!ids.includes(id)) ids.push(id);
  }
  return { kind: 'exact', ids: ids.slice() };
}

const WHITESPACE = /\s+/u;
const SINGLE_SPACED = /^[^\s]+(?: [^\s]+)*$/;

/** Parses one term; throws TermSyntaxError naming the term when it cannot be used. */
export function parseTerm(source: string, inflect?: Inflect): WordPattern[] {
  // Pack terms are written one space apart: a plain split, cheaper than the regex in a cold process.
  const words = SINGLE_SPACED.test(source)
    ? source.split(' ')
    : source.trim().split(WHITESPACE).filter(Boolean);
  if (words.length === 0) throw new TermSyntaxError('empty term');
  const patterns = words.map((word) => parseWord(word, inflect, source));
  if (patterns[0]?.kind === 'gap' || patterns.at(-1)?.kind === 'gap') {
    throw new TermSyntaxError(`term '${source}' starts or ends with a gap`);
  }
  return patterns;
}

function wordMatches(pattern: WordPattern, token: Token, except: ReadonlySet<string>): boolean {
  // The pattern first: most candidates fail it, and the exceptions are rarely needed then.
  // A word without a number matches no exact pattern, and needs no key built.
  if (pattern.kind === 'exact')
    return pattern.ids.includes(wordIdOf(token)) && (except.size === 0 || !except.has(token.key));
  return stemMatches(pattern, token.key, except);
}

function stemMatches(pattern: WordPattern, key: string, except: ReadonlySet<string>): boolean {
  return pattern.kind === 'prefix' && key.startsWith(pattern.stem) && !except.has(key);
}

/** Does `masked` spell `word` (the whole of it, or `word` and more)? */
function maskedFits(masked: string, word: string, whole: boolean): boolean {
  if (whole ? masked.length !== word.length : masked.length < word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = masked[i];
    if (c !== '*' && c !== '#' && c !== word[i]) return false;
  }
  return true;
}

function maskedForm(written: string): string | null {
  const folded = foldText(written);
  const letters = folded.replace(/[*#]/g, '').length;
  return letters >= 1 && letters < folded.length ? folded : null;
}

export interface MatcherOptions<P> {
  inflect?: Inflect | undefined;
  /** Which entries a masked word may match (profanity and insults, not ordinary vocabulary). */
  maskable?: (payload: P) => boolean;
  /**
   * Of those, the entries a masked word is read as when it fits one of them (swearing, which is what
   * people mask): `f***ing` fits `fucking` and `fooling`, and means the first.
   */
  maskPreferred?: (payload: P) => boolean;
  /** The words of the `inSnapshot` entries' terms, written at build time; not used unless it fits them. */
  snapshot?: TermSnapshot | undefined;
}

export interface Matcher<P> {
  /**
   * Every occurrence of every term in the tokens, in token order; only of the entries `accept` takes,
   * when given (the others are not tried, and cost no match).
   */
  find(tokens: readonly Token[], accept?: (payload: P) => boolean): Match<P>[];
  /** Whether a single word could start a term (of an entry `accept` takes): used to accept spaced-out letters. */
  knowsWord(key: string, accept?: (payload: P) => boolean): boolean;
}

const NO_TERMS: readonly never[] = [];
const NO_EXCEPTIONS: ReadonlySet<string> = new Set();
const NO_PHRASES: readonly (readonly string[])[] = [];

/** An entry's `except`: single words as keys, and phrases (several words) as the keys of their words. */
function exceptionsOf(except: readonly string[] | undefined) {
  if (!except?.length) return { words: NO_EXCEPTIONS, phrases: NO_PHRASES };
  const phrases = except.filter((e) => e.includes(' ')).map((e) => e.split(WHITESPACE).map(termKey));
  const words = new Set(except.filter((e) => !e.includes(' ')).map(termKey));
  return {
    words: words.size > 0 ? words : NO_EXCEPTIONS,
    phrases: phrases.length > 0 ? phrases : NO_PHRASES,
  };
}

/** Whether tokens `first`…`last` lie inside one of the phrases, its words in the text around them. */
function insidePhrase(
  phrases: readonly (readonly string[])[],
  tokens: readonly Token[],
  first: number,
  last: number,
) {
  return phrases.some((phrase) => {
    for (let offset = 0; offset + (last - first) < phrase.length; offset++) {
      const start = first - offset;
      if (start < 0 || start + phrase.length > tokens.length) continue;
      if (phrase.every((key, k) => (tokens[start + k] as Token).key === key)) return true;
    }
    return false;
  });
}

/**
 * Stems are bucketed by their first three code units (a two-letter stem by two), hashed into one
 * small integer: no substring per token, and few candidates. A bucket may also hold stems of another
 * head; `startsWith` turns those away.
 */
function stemBucket(key: string, length: 2 | 3): number {
  if (key.length < length) return -1;
  let hash = 0;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x9e37_79b1);
  return hash >>> 2;
}

/** Matches the words of a term after the first; returns the index of the last token, or -1. */
function matchRest<P>(term: CompiledTerm<P>, tokens: readonly Token[], w: number, t: number): number {
  if (w === term.words.length) return t - 1;
  const pattern = term.words[w] as WordPattern;
  if (pattern.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP; skip++) {
      const last = matchRest(term, tokens, w + 1, t + skip);
      if (last >= 0) return last;
    }
    return -1;
  }
  const token = tokens[t];
  if (!token || !wordMatches(pattern, token, term.except)) return -1;
  return matchRest(term, tokens, w + 1, t + 1);
}

/** What a search adds its matches to, and which entries' terms it tries (all when `accept` is undefined). */
interface Found<P> {
  matches: Match<P>[];
  accept: ((payload: P) => boolean) | undefined;
}

/** Adds the match of a term whose first word fits token `i`, if the rest of the term follows. */
function addMatch<P>(found: Found<P>, term: CompiledTerm<P>, tokens: readonly Token[], i: number): void {
  if (found.accept && !found.accept(term.payload)) return;
  const last = matchRest(term, tokens, 1, i + 1);
  if (last < 0) return;
  if (term.exceptPhrases.length > 0 && insidePhrase(term.exceptPhrases, tokens, i, last)) return;
  const first = tokens[i] as Token;
  const end = (tokens[last] as Token).end;
  found.matches.push({ payload: term.payload, term: term.source, first: i, last, start: first.start, end });
}

function addHeadTerm<P>(heads: (HeadTerms<P> | undefined)[], id: number, term: CompiledTerm<P>): void {
  const next = term.words[1];
  const always = next?.kind !== 'exact';
  let head = heads[id];
  if (!head) {
    // Most heads start one term: a literal of one, not an empty array grown by push (room for 16).
    head = { always: always ? [term] : [], byNextWord: null };
    heads[id] = head;
    if (always) return;
  } else if (always) {
    head.always.push(term);
    return;
  }
  head.byNextWord ??= new Map();
  for (const nextId of next.ids) {
    const list = head.byNextWord.get(nextId);
    if (list) list.push(term);
    else head.byNextWord.set(nextId, [term]);
  }
}

/** The terms of `head` that may match before the `next` token, in term order. */
function termsBefore<P>(head: HeadTerms<P>, next: Token | undefined): readonly CompiledTerm<P>[] {
  return (next && head.byNextWord?.get(wordIdOf(next))) || head.always;
}

/** Once every term is added: each list by next word also holds the head's `always` terms, in term order. */
function mergeAlways<P>(head: HeadTerms<P>): void {
  if (!head.byNextWord || head.always.length === 0) return;
  for (const [nextId, then] of head.byNextWord) {
    head.byNextWord.set(
      nextId,
      [...head.always, ...then].sort((a, b) => a.order - b.order),
    );
  }
}

/** Whether any term of `head` is one `accept` takes, whatever follows. */
function headAccepts<P>(head: HeadTerms<P>, accept: (payload: P) => boolean): boolean {
  if (head.always.some((t) => accept(t.payload))) return true;
  for (const terms of head.byNextWord?.values() ?? []) if (terms.some((t) => accept(t.payload))) return true;
  return false;
}

/** A matcher's indexes. Its functions are module functions over these, so that every matcher shares one optimised copy. */
interface TermIndex<P> {
  /** The terms starting with an exact word, by the word's number: an array read per token. */
  heads: readonly (HeadTerms<P> | undefined)[];
  byStem: Map<number, CompiledTerm<P>[]>;
  byShortStem: Map<number, CompiledTerm<P>[]>;
  maskable: CompiledTerm<P>[];
  /** The maskable terms of preferred entries (MatcherOptions.maskPreferred). */
  maskPreferred: CompiledTerm<P>[];
}

function addTo<K, P>(map: Map<K, CompiledTerm<P>[]>, key: K, term: CompiledTerm<P>): void {
  const list = map.get(key);
  if (list) list.push(term);
  else map.set(key, [term]);
}

function snapshotFor<P>(entries: readonly TermEntry<P>[], snapshot: TermSnapshot | undefined) {
  if (!snapshot) return null;
  const inSnapshot = entries.filter((entry) => entry.inSnapshot).map((entry) => entry.terms);
  return snapshotFits(snapshot, inSnapshot) ? new SnapshotReader(snapshot) : null;
}

/** The snapshot of the `inSnapshot` entries' terms, parsed from their sources (for the build-time generator). */
export function snapshotOf<P>(
  entries: readonly TermEntry<P>[],
  options: MatcherOptions<P> = {},
): TermSnapshot {
  const terms = entries
    .filter((entry) => entry.inSnapshot)
    .map((entry) =>
      entry.terms.map((source) => ({ source, words: parseTerm(source, entry.inflect ?? options.inflect) })),
    );
  return writeSnapshot(terms);
}

function indexTerms<P>(entries: readonly TermEntry<P>[], options: MatcherOptions<P>): TermIndex<P> {
  const terms: CompiledTerm<P>[] = [];
  const byStem = new Map<number, CompiledTerm<P>[]>();
  const byShortStem = new Map<number, CompiledTerm<P>[]>();
  const maskable: CompiledTerm<P>[] = [];
  const maskPreferred: CompiledTerm<P>[] = [];
  const snapshot = snapshotFor(entries, options.snapshot);
  let order = 0;
  for (const entry of entries) {
    const { words: except, phrases: exceptPhrases } = exceptionsOf(entry.except);
    const isMaskable = options.maskable?.(entry.payload) ?? false;
    const isPreferred = isMaskable && (options.maskPreferred?.(entry.payload) ?? false);
    for (const source of entry.terms) {
      const term: CompiledTerm<P> = {
        order: order++,
        source,
        words:
          snapshot && entry.inSnapshot
            ? snapshot.next()
            : parseTerm(source, entry.inflect ?? options.inflect),
        except,
        exceptPhrases,
        payload: entry.payload,
      };
      terms.push(term);
      const head = term.words[0] as WordPattern;
      if (head.kind === 'prefix' && head.stem.length === 2)
        addTo(byShortStem, stemBucket(head.stem, 2), term);
      else if (head.kind === 'prefix') addTo(byStem, stemBucket(head.stem, 3), term);
      if (isMaskable) maskable.push(term);
      if (isPreferred) maskPreferred.push(term);
    }
  }
  // A snapshot that fitted the terms' shape but not their words (it ended early or late) is not used.
  if (snapshot && !snapshot.complete()) return indexTerms(entries, { ...options, snapshot: undefined });
  // By word number, filled once every word is numbered: a packed array, past its end for words numbered later.
  const heads: (HeadTerms<P> | undefined)[] = new Array(wordCount()).fill(undefined);
  for (const term of terms) {
    const head = term.words[0] as WordPattern;
    if (head.kind !== 'exact') continue;
    // `except` holds for the first word as for the others: `cholera~` with `except: ['cholerze']`.
    for (const id of head.ids) if (!term.except.has(keyOfWord(id))) addHeadTerm(heads, id, term);
  }
  for (const head of heads) if (head) mergeAlways(head);
  return { heads, byStem, byShortStem, maskable, maskPreferred };
}

/** The bucket of a token's key (stemBucket), read without building the key. */
function tokenBucket(token: Token, length: 2 | 3): number {
  if (token.keyLength < length) return -1;
  let hash = 0;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ token.keyUnit(i), 0x9e37_79b1);
  return hash >>> 2;
}

/** The stem terms that may start `key` (of `token`, if given: its key is then built only when needed), in term order. */
function stemsOf<P>(index: TermIndex<P>, key: string | Token): readonly CompiledTerm<P>[] {
  const long = typeof key === 'string' ? stemBucket(key, 3) : tokenBucket(key, 3);
  const stems = index.byStem.get(long) ?? NO_TERMS;
  if (index.byShortStem.size === 0) return stems;
  const short = index.byShortStem.get(typeof key === 'string' ? stemBucket(key, 2) : tokenBucket(key, 2));
  if (!short) return stems;
  return [...short, ...stems].sort((a, b) => a.order - b.order);
}

function headOf<P>(index: TermIndex<P>, id: number): HeadTerms<P> | undefined {
  return id >= 0 ? index.heads[id] : undefined;
}

function findTerms<P>(
  index: TermIndex<P>,
  tokens: readonly Token[],
  accept: ((payload: P) => boolean) | undefined,
): Match<P>[] {
  const found: Found<P> = { matches: [], accept };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const head = headOf(index, wordIdOf(token));
    if (head) for (const term of termsBefore(head, tokens[i + 1])) addMatch(found, term, tokens, i);
    for (const term of stemsOf(index, token)) {
      if (stemMatches(term.words[0] as WordPattern, token.key, term.except)) addMatch(found, term, tokens, i);
    }
    const masked = token.masked === null ? null : maskedForm(token.masked);
    if (!masked) continue;
    addMaskedMatches(found, index, tokens, i, masked);
  }
  return found.matches;
}

/**
 * The matches of a masked word. When it fits preferred terms (swearing), it is read as those words:
 * other terms match only if their word agrees with such a reading (`sku***synów` is `skurw*` and
 * `skurwysyn~`; `f***ing` is `fucking`, not `fooling`). Otherwise every maskable term that fits matches.
 */
function addMaskedMatches<P>(
  found: Found<P>,
  index: TermIndex<P>,
  tokens: readonly Token[],
  i: number,
  masked: string,
): void {
  const readings = index.maskPreferred.flatMap((term) => readingsOf(term.words[0] as WordPattern, masked));
  for (const term of index.maskable) {
    const own = readingsOf(term.words[0] as WordPattern, masked);
    const fits =
      readings.length === 0 ? own.length > 0 : own.some((reading) => readings.some((r) => agree(reading, r)));
    if (fits) addMatch(found, term, tokens, i);
  }
}

/** A word a masked word may be: a whole key, or the stem it starts with. */
interface Reading {
  letters: string;
  whole: boolean;
}

/** The readings a pattern allows of a masked word (`k*rwa`, `f***ing`: a mask character for one letter). */
function readingsOf(pattern: WordPattern, masked: string): Reading[] {
  if (pattern.kind === 'prefix')
    return maskedFits(masked, pattern.stem, false) ? [{ letters: pattern.stem, whole: false }] : [];
  if (pattern.kind !== 'exact') return [];
  const readings: Reading[] = [];
  for (const id of pattern.ids) {
    const key = keyOfWord(id);
    if (maskedFits(masked, key, true)) readings.push({ letters: key, whole: true });
  }
  return readings;
}

/** Whether two readings of one masked word can be the same word. */
function agree(a: Reading, b: Reading): boolean {
  if (a.whole && b.whole) return a.letters === b.letters;
  if (a.whole) return a.letters.startsWith(b.letters);
  if (b.whole) return b.letters.startsWith(a.letters);
  return a.letters.startsWith(b.letters) || b.letters.startsWith(a.letters);
}

function knowsWord<P>(index: TermIndex<P>, key: string, accept: (payload: P) => boolean): boolean {
  const head = headOf(index, wordIdOfKey(key));
  if (head && headAccepts(head, accept)) return true;
  return stemsOf(index, key).some(
    (t) => accept(t.payload) && stemMatches(t.words[0] as WordPattern, key, t.except),
  );
}

export function compileMatcher<P>(
  entries: readonly TermEntry<P>[],
  options: MatcherOptions<P> = {},
): Matcher<P> {
  const index = indexTerms(entries, options);
  return {
    find: (tokens, accept) => findTerms(index, tokens, accept),
    knowsWord: (key, accept = () => true) => knowsWord(index, key, accept),
  };
}
