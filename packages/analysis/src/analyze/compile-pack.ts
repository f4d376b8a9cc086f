import type { LanguagePack, LexiconEntry, LexiconFrame, ProblemEntry, SignalEntry } from '../lang/types.ts';
import { termKey } from '../text/fold.ts';
import { ownedSnapshot, type TermSnapshot } from '../text/term-snapshot.ts';
import { compileMatcher, type Match, type Matcher, snapshotOf, type TermEntry } from '../text/terms.ts';
import type { Range, Token } from '../text/tokenize.ts';
import type { Flag } from '../vocabulary.ts';

const MASKABLE: ReadonlySet<Flag> = new Set(['profanity', 'insult']);

export function flagsOf(entry: LexiconEntry): Flag[] {
  return Array.isArray(entry.flag) ? entry.flag : [entry.flag];
}

type Cue = 'negators' | 'declines' | 'selfReference' | 'denials' | 'sarcasm' | 'thanksFor';
const CUES: readonly Cue[] = ['negators', 'declines', 'selfReference', 'denials', 'sarcasm', 'thanksFor'];

/** What each term of a pack is for, so that one matcher can hold them all. */
type Tagged =
  | { group: 'lexicon'; entry: LexiconEntry }
  | { group: 'signals'; entry: SignalEntry }
  | { group: 'problems'; entry: ProblemEntry }
  | { group: 'frameNext'; entry: LexiconFrame }
  | { group: Cue; entry: true };

export interface PackMatches extends Record<Cue, Match<true>[]> {
  /** The pack's lexicon plus the `universal` entries of every other pack. */
  lexicon: Match<LexiconEntry>[];
  signals: Match<SignalEntry>[];
  problems: Match<ProblemEntry>[];
  /** The second parts of the pack's frames: analyze-message looks for their first parts and pairs them. */
  frameNext: Match<LexiconFrame>[];
}

/** A pack's data compiled for matching: built once per language, on first use. */
export interface CompiledPack {
  pack: LanguagePack;
  /** Every term of the pack, found in one pass over the tokens and sorted by purpose. */
  find(tokens: readonly Token[]): PackMatches;
  /** Whether a single word could start a lexicon term: used to accept spaced-out letters. */
  knowsLexiconWord(key: string): boolean;
  acronyms: ReadonlySet<string>;
  /**
   * The joins and faults of a sentence (Cues.clauseJoins, Cues.faults): frequent words ("and", "i"),
   * so a matcher of their own, built and run only for a message whose problems need them.
   */
  findJoins(tokens: readonly Token[]): { joins: Match<true>[]; faults: Match<true>[] };
  /**
   * The complaint forms of a text (ComplaintCues, with Cues.clauseJoins as joins): word lists in a
   * matcher of their own, the failure patterns as expressions over the text's own ranges.
   */
  findComplaintCues(text: string, tokens: readonly Token[], ranges: readonly Range[]): ComplaintCueMatches;
  /**
   * The first parts of `frames` (those whose second part was found): a matcher of their own, run only
   * after a second part was found.
   */
  findFrameFirsts(tokens: readonly Token[], frames: ReadonlySet<LexiconFrame>): Match<LexiconFrame>[];
  /** Words that open a condition (frequent: "if", "jak", "kui"): a matcher of their own, run only for a negated demand. */
  findConditions(tokens: readonly Token[]): Match<true>[];
  /** Whether a folded word is a word of the language: its stop-words and the words of its terms, not site names. */
  isWord(key: string): boolean;
}

export interface ComplaintCueMatches {
  failures: Match<true>[];
  additions: Match<true>[];
  joins: Match<true>[];
}

type ComplaintCueKind = keyof ComplaintCueMatches;

/** A pack's failure patterns, and one expression that tells whether a text holds any of them. */
interface FailurePatterns {
  each: RegExp[];
  /** Null when the patterns cannot be joined (a back-reference would count groups of the others). */
  any: RegExp | null;
}

const NOT_AFTER_LETTER = '(?<!\\p{L})';
const BACK_REFERENCE = /\\(?:[1-9]|k<)/;

/**
 * Most texts hold no failure pattern, and one scan with every pattern as an alternative says so in
 * about a third of the time the patterns take one by one. Their shared opening "not after a letter"
 * is tested once, before the alternatives, rather than at the start of each.
 */
export function compileFailurePatterns(sources: readonly string[]): FailurePatterns {
  const each = sources.map((source) => new RegExp(source, 'giu'));
  if (sources.length === 0 || sources.some((source) => BACK_REFERENCE.test(source)))
    return { each, any: null };
  const shared = sources.every((source) => source.startsWith(NOT_AFTER_LETTER)) ? NOT_AFTER_LETTER : '';
  const alternatives = sources.map((source) => `(?:${source.slice(shared.length)})`).join('|');
  return { each, any: new RegExp(`${shared}(?:${alternatives})`, 'iu') };
}

/** The patterns' matches inside the ranges, pattern by pattern, as matches of no tokens (only their spans are read). */
export function patternMatches(
  patterns: FailurePatterns,
  text: string,
  ranges: readonly Range[],
): Match<true>[] {
  const matches: Match<true>[] = [];
  const slices = ranges
    .map((range) => ({ start: range.start, text: text.slice(range.start, range.end) }))
    .filter((slice) => patterns.any === null || patterns.any.test(slice.text));
  if (slices.length === 0) return matches;
  for (const pattern of patterns.each)
    for (const slice of slices) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(slice.text); m; m = pattern.exec(slice.text)) {
        const start = slice.start + m.index;
        matches.push({ payload: true, term: m[0], first: -1, last: -1, start, end: start + m[0].length });
        if (m[0] === '') pattern.lastIndex++;
      }
    }
  return matches;
}

export function compileLexicon(entries: readonly LexiconEntry[], inflect: LanguagePack['inflect']) {
  return compileMatcher(
    entries.map((entry) => ({ terms: entry.terms, except: entry.except, payload: entry })),
    {
      inflect,
      maskable: (entry) => flagsOf(entry).some((f) => MASKABLE.has(f)),
      maskPreferred: (entry) => flagsOf(entry).includes('profanity'),
    },
  );
}

/**
 * Every term of a pack's matcher. The pack's own ones are in its snapshot; other packs' universal ones
 * too when they are the packs the snapshot was written with (`universalInSnapshot`).
 */
function taggedEntries(
  pack: LanguagePack,
  others: readonly LanguagePack[],
  universalInSnapshot: boolean,
): TermEntry<Tagged>[] {
  const own = { inflect: pack.inflect, inSnapshot: true };
  // A universal entry takes its own pack's forms and this pack's (a customer may inflect a borrowed word).
  const universal = others.flatMap((other) => {
    const inflect = (lemma: string) => [...pack.inflect(lemma), ...other.inflect(lemma)];
    return other.lexicon
      .filter((e) => e.universal)
      .map((entry) => ({ entry, inflect, inSnapshot: universalInSnapshot }));
  });
  const lexicon = [...pack.lexicon.map((entry) => ({ entry, ...own })), ...universal];
  return [
    ...lexicon.map(({ entry, inflect, inSnapshot }) => ({
      terms: entry.terms,
      except: entry.except,
      inflect,
      inSnapshot,
      payload: { group: 'lexicon' as const, entry },
    })),
    ...pack.signals.map((entry) => ({
      terms: entry.terms,
      except: entry.except,
      ...own,
      payload: { group: 'signals' as const, entry },
    })),
    ...pack.problems.map((entry) => ({
      terms: entry.terms,
      except: entry.except,
      ...own,
      payload: { group: 'problems' as const, entry },
    })),
    // Only a frame's second part is in the one pass: its first part (often a frequent word, "if",
    // "do", a number) is looked for only in a message where a second part was found.
    ...(pack.frames ?? []).map((entry) => ({
      terms: entry.next,
      ...own,
      payload: { group: 'frameNext' as const, entry },
    })),
    ...CUES.map((group) => ({ terms: pack.cues[group], ...own, payload: { group, entry: true as const } })),
  ];
}

/** Which other packs a snapshot's universal terms come from, in order. */
const othersContext = (others: readonly LanguagePack[]) => `universal:${others.map((o) => o.code).join(',')}`;

/**
 * The snapshot of a pack's terms with the universal ones of `others` (scripts/generate-term-snapshots.ts
 * writes it into the pack, with the other shipped packs in the order an analyzer passes them).
 */
export function packSnapshot(pack: LanguagePack, others: readonly LanguagePack[]): TermSnapshot {
  return { ...snapshotOf(taggedEntries(pack, others, true)), context: othersContext(others) };
}

/** Whether the universal terms of `others` are those in the snapshot: the shipped packs themselves, in its order. */
function universalInSnapshot(snapshot: TermSnapshot | undefined, others: readonly LanguagePack[]): boolean {
  return (
    snapshot?.context === othersContext(others) && others.every((other) => ownedSnapshot(other) !== undefined)
  );
}

const isLexicon = (tagged: Tagged): tagged is Extract<Tagged, { group: 'lexicon' }> =>
  tagged.group === 'lexicon';

/** The matches of a pack's one matcher, sorted by what each term is for. */
function byPurpose(matches: Match<Tagged>[]): PackMatches {
  const found: PackMatches = {
    lexicon: [],
    signals: [],
    problems: [],
    frameNext: [],
    negators: [],
    declines: [],
    selfReference: [],
    denials: [],
    thanksFor: [],
    sarcasm: [],
  };
  // The matches are this call's own: each takes its entry as payload in place, no copy per match.
  for (const match of matches as Match<unknown>[]) {
    const { group, entry } = match.payload as Tagged;
    match.payload = entry;
    (found[group] as Match<unknown>[]).push(match);
  }
  return found;
}

const WORD_SPLIT = / +/;

/** The words of a pack's language it knows whole: stop-words and the exact words of its terms, less names of sites. */
function wordsOf(pack: LanguagePack): ReadonlySet<string> {
  const words = new Set(pack.cues.stopwords.map(termKey));
  const named = (flag: LexiconEntry['flag']) =>
    (Array.isArray(flag) ? flag : [flag]).includes('threat_public');
  const terms = [
    ...pack.lexicon.filter((e) => !named(e.flag)).flatMap((e) => e.terms),
    ...pack.signals.flatMap((e) => e.terms),
    ...pack.problems.flatMap((e) => e.terms),
    ...(pack.frames ?? []).filter((f) => f.flag !== 'threat_public').flatMap((f) => [...f.first, ...f.next]),
  ];
  for (const term of terms)
    for (const word of term.split(WORD_SPLIT)) {
      if (word === '...' || word.endsWith('*')) continue;
      words.add(termKey(word.endsWith('~') ? word.slice(0, -1) : word));
    }
  return words;
}

export function compilePack(pack: LanguagePack, others: readonly LanguagePack[]): CompiledPack {
  const snapshot = ownedSnapshot(pack);
  let words: ReadonlySet<string> | null = null;
  let joinMatcher: Matcher<'joins' | 'faults'> | null = null;
  let firstMatcher: Matcher<LexiconFrame> | null = null;
  let conditionMatcher: Matcher<true> | null = null;
  let complaintMatcher: Matcher<ComplaintCueKind> | null = null;
  let failurePatterns: FailurePatterns | null = null;
  const matcher = compileMatcher(taggedEntries(pack, others, universalInSnapshot(snapshot, others)), {
    inflect: pack.inflect,
    maskable: (tagged) => isLexicon(tagged) && flagsOf(tagged.entry).some((f) => MASKABLE.has(f)),
    maskPreferred: (tagged) => isLexicon(tagged) && flagsOf(tagged.entry).includes('profanity'),
    snapshot,
  });
  return {
    pack,
    find: (tokens) => byPurpose(matcher.find(tokens)),
    knowsLexiconWord: (key) => matcher.knowsWord(key, isLexicon),
    acronyms: new Set(pack.cues.acronyms),
    findJoins(tokens) {
      joinMatcher ??= compileMatcher<'joins' | 'faults'>(
        [
          { terms: pack.cues.clauseJoins, payload: 'joins' },
          { terms: pack.cues.faults, payload: 'faults' },
        ],
        { inflect: pack.inflect },
      );
      const found = { joins: [] as Match<true>[], faults: [] as Match<true>[] };
      for (const m of joinMatcher.find(tokens)) found[m.payload].push({ ...m, payload: true });
      return found;
    },
    findComplaintCues(text, tokens, ranges) {
      complaintMatcher ??= compileMatcher<ComplaintCueKind>(
        [
          { terms: pack.complaints?.failures ?? [], payload: 'failures' },
          { terms: pack.complaints?.additions ?? [], payload: 'additions' },
          { terms: pack.cues.clauseJoins, payload: 'joins' },
        ],
        { inflect: pack.inflect },
      );
      const found: ComplaintCueMatches = { failures: [], additions: [], joins: [] };
      for (const m of complaintMatcher.find(tokens)) found[m.payload].push({ ...m, payload: true });
      failurePatterns ??= compileFailurePatterns(pack.complaints?.failurePatterns ?? []);
      found.failures.push(...patternMatches(failurePatterns, text, ranges));
      return found;
    },
    findFrameFirsts(tokens, frames) {
      firstMatcher ??= compileMatcher(
        (pack.frames ?? []).map((frame) => ({ terms: frame.first, payload: frame })),
        { inflect: pack.inflect },
      );
      return firstMatcher.find(tokens, (frame) => frames.has(frame));
    },
    findConditions(tokens) {
      conditionMatcher ??= compileMatcher([{ terms: pack.cues.conditions, payload: true as const }], {
        inflect: pack.inflect,
      });
      return conditionMatcher.find(tokens);
    },
    isWord(key) {
      words ??= wordsOf(pack);
      return words.size === 0 || words.has(key);
    },
  };
}
