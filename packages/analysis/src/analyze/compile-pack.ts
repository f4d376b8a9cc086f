import type { LanguagePack, LexiconEntry, ProblemEntry, SignalEntry } from '../lang/types.ts';
import { compileMatcher, type Matcher } from '../text/terms.ts';
import type { Flag } from '../vocabulary.ts';

const MASKABLE: ReadonlySet<Flag> = new Set(['profanity', 'insult']);

export function flagsOf(entry: LexiconEntry): Flag[] {
  return Array.isArray(entry.flag) ? entry.flag : [entry.flag];
}

/** A pack's data compiled for matching: built once per language, on first use. */
export interface CompiledPack {
  pack: LanguagePack;
  /** The pack's lexicon plus the `universal` entries of every other pack. */
  lexicon: Matcher<LexiconEntry>;
  signals: Matcher<SignalEntry>;
  problems: Matcher<ProblemEntry>;
  negators: Matcher<true>;
  declines: Matcher<true>;
  selfReference: Matcher<true>;
  sarcasm: Matcher<true>;
  acronyms: ReadonlySet<string>;
}

function cueMatcher(terms: readonly string[], pack: LanguagePack): Matcher<true> {
  return compileMatcher([{ terms, payload: true as const }], { inflect: pack.inflect });
}

export function compileLexicon(entries: readonly LexiconEntry[], inflect: LanguagePack['inflect']) {
  return compileMatcher(
    entries.map((entry) => ({ terms: entry.terms, except: entry.except, payload: entry })),
    { inflect, maskable: (entry) => flagsOf(entry).some((f) => MASKABLE.has(f)) },
  );
}

export function compilePack(pack: LanguagePack, others: readonly LanguagePack[]): CompiledPack {
  const universal = others.flatMap((other) =>
    other.lexicon.filter((e) => e.universal).map((entry) => ({ entry, inflect: other.inflect })),
  );
  const inflect = (lemma: string) => [
    ...pack.inflect(lemma),
    ...universal.flatMap(({ inflect: other }) => other(lemma)),
  ];
  return {
    pack,
    lexicon: compileLexicon([...pack.lexicon, ...universal.map((u) => u.entry)], inflect),
    signals: compileMatcher(
      pack.signals.map((entry) => ({ terms: entry.terms, except: entry.except, payload: entry })),
      { inflect: pack.inflect },
    ),
    problems: compileMatcher(
      pack.problems.map((entry) => ({ terms: entry.terms, except: entry.except, payload: entry })),
      { inflect: pack.inflect },
    ),
    negators: cueMatcher(pack.cues.negators, pack),
    declines: cueMatcher(pack.cues.declines, pack),
    selfReference: cueMatcher(pack.cues.selfReference, pack),
    sarcasm: cueMatcher(pack.cues.sarcasm, pack),
    acronyms: new Set(pack.cues.acronyms),
  };
}
