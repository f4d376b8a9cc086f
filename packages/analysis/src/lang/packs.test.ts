import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyze/analyze-message.ts';
import { flagsOf } from '../analyze/compile-pack.ts';
import { termKey, wordKey } from '../text/fold.ts';
import { parseTerm } from '../text/terms.ts';
import { LANGS } from '../vocabulary.ts';
import { PACKS } from './index.ts';

const analyze = createAnalyzer({ packs: PACKS });

describe.each(LANGS)('the %s language pack', (lang) => {
  const pack = PACKS[lang];

  it('has terms that all parse', () => {
    const all = [...pack.lexicon, ...pack.signals, ...pack.problems].flatMap((e) => e.terms);
    for (const term of all) expect(() => parseTerm(term, pack.inflect), term).not.toThrow();
  });

  it('keys every word and form of its terms by termKey as wordKey keys them', () => {
    const words = [...pack.lexicon, ...pack.signals, ...pack.problems, ...Object.values(pack.cues)]
      .flatMap((e) => (Array.isArray(e) ? e : e.terms))
      .flatMap((term) => term.split(/\s+/))
      .flatMap((word) =>
        word.endsWith('~') ? [word.slice(0, -1), ...pack.inflect(word.slice(0, -1))] : [word],
      )
      .map((word) => word.replace(/[*~]$/, ''));
    for (const word of words) expect(termKey(word), word).toBe(wordKey(word));
  });

  it('inflects every ~ lemma it uses into more than one form', () => {
    const lemmas = [...pack.lexicon, ...pack.signals, ...pack.problems]
      .flatMap((e) => e.terms)
      .flatMap((term) => term.split(/\s+/).filter((w) => w.endsWith('~')));
    for (const word of lemmas) expect(pack.inflect(word.slice(0, -1)).length, word).toBeGreaterThan(1);
  });

  it.each(pack.lexicon.map((entry) => [entry.example, entry] as const))(
    'fires its lexicon entry on "%s"',
    (example, entry) => {
      const analysis = analyze(example, { lang });
      const ruleTerms = new Set(entry.terms.map((t) => `${lang}:${t}`));
      for (const flag of flagsOf(entry)) {
        expect(
          analysis.evidence.some((e) => e.flag === flag && ruleTerms.has(e.rule)),
          flag,
        ).toBe(true);
      }
    },
  );

  const lexiconCounters = pack.lexicon.flatMap((entry) =>
    (entry.counterExamples ?? []).map((text) => [text, entry] as const),
  );
  it.each(lexiconCounters)('does not fire its lexicon entry on the counter-example "%s"', (text, entry) => {
    const ruleTerms = new Set(entry.terms.map((t) => `${lang}:${t}`));
    const flags = new Set(flagsOf(entry));
    const fired = analyze(text, { lang }).evidence.filter((e) => flags.has(e.flag) && ruleTerms.has(e.rule));
    expect(fired.map((e) => `${e.flag} ${e.rule}`)).toEqual([]);
  });

  const frameCounters = (pack.frames ?? []).flatMap((frame) =>
    (frame.counterExamples ?? []).map((text) => [text, frame] as const),
  );
  it.each(frameCounters)('does not fire its frame on the counter-example "%s"', (text, frame) => {
    const rules = new Set(
      frame.first.flatMap((first) => frame.next.map((next) => `${lang}:${first} … ${next}`)),
    );
    const fired = analyze(text, { lang }).evidence.filter((e) => e.flag === frame.flag && rules.has(e.rule));
    expect(fired.map((e) => `${e.flag} ${e.rule}`)).toEqual([]);
  });

  it.each((pack.frames ?? []).map((frame) => [frame.example, frame] as const))(
    'fires its frame on "%s"',
    (example, frame) => {
      for (const term of [...frame.first, ...frame.next])
        expect(() => parseTerm(term, pack.inflect), term).not.toThrow();
      expect(
        analyze(example, { lang }).evidence.some((e) => e.flag === frame.flag && e.rule.includes(' … ')),
      ).toBe(true);
    },
  );

  it.each(pack.signals.map((entry) => [entry.example, entry] as const))(
    'fires its signal on "%s"',
    (example, entry) => {
      expect(analyze(example, { lang }).signals.some((s) => s.kind === entry.kind)).toBe(true);
    },
  );

  it.each(pack.problems.map((entry) => [entry.example, entry] as const))(
    'finds its problem in "%s"',
    (example, entry) => {
      expect(analyze(example, { lang }).problems.map((p) => p.category)).toContain(entry.category);
    },
  );
});
