import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyze/analyze-message.ts';
import { PACKS } from '../lang/index.ts';
import type { Evidence } from '../types.ts';
import type { Flag } from '../vocabulary.ts';
import { CAPS_WORD, EXCLAMATIONS, forEachFeature } from './features.ts';
import { addLearnedFlags } from './merge.ts';
import { MODEL } from './model.generated.ts';
import { createScorer, decodeBase64, encodeWeights, type LearnedModel, type Scorer } from './score.ts';

function features(text: string): { hash: number; span: string }[] {
  const out: { hash: number; span: string }[] = [];
  forEachFeature(text, (hash, start, end) => out.push({ hash, span: text.slice(start, end) }));
  return out;
}

const hashOfWord = (word: string) => (features(word)[0] as { hash: number }).hash;

/** A model with one weighted word per flag, as training would write it. */
function modelOf(words: Partial<Record<Flag, string>>, threshold: number | null, bias = -4): LearnedModel {
  const flags = Object.keys(words) as Flag[];
  return {
    checksum: 'test',
    flags,
    bias: flags.map(() => bias),
    scale: flags.map(() => 0.5),
    thresholds: flags.map(() => threshold),
    entries: flags.length,
    weights: encodeWeights(
      flags.map((flag, f) => ({ hash: hashOfWord(words[flag] as string), flag: f, steps: 127 })),
    ),
  };
}

describe('learned features', () => {
  it('reads a word the same with and without Polish diacritics or capitals', () => {
    expect(features('Dziękuję').map((f) => f.hash)).toEqual(features('dziekuje').map((f) => f.hash));
    expect(
      features('ZAPŁAĆCIE')
        .slice(0, 3)
        .map((f) => f.hash),
    ).toEqual(
      features('zaplaccie')
        .slice(0, 3)
        .map((f) => f.hash),
    );
  });

  it('gives each feature the span of the original text it was read from', () => {
    const text = 'Oddajcie pieniądze!';
    const found = features(text);
    expect(found[0]?.span).toBe('Oddajcie');
    expect(found.some((f) => f.span === 'Oddajcie pieniądze')).toBe(true);
    for (const f of found) expect(text.includes(f.span)).toBe(true);
  });

  it('pairs words only within a clause', () => {
    expect(features('refund now').some((f) => f.span === 'refund now')).toBe(true);
    expect(features('refund. now').some((f) => f.span.includes('refund. now'))).toBe(false);
  });

  it('marks a word in capitals of three letters or more and a run of exclamation marks', () => {
    expect(features('this is UNACCEPTABLE').some((f) => f.hash === CAPS_WORD)).toBe(true);
    expect(features('call the BBC or me').some((f) => f.hash === CAPS_WORD)).toBe(true);
    expect(features('I am OK').some((f) => f.hash === CAPS_WORD)).toBe(false);
    expect(features('now!!').some((f) => f.hash === EXCLAMATIONS)).toBe(true);
    expect(features('now!').some((f) => f.hash === EXCLAMATIONS)).toBe(false);
  });

  it('gives the same features every time', () => {
    const text = 'Jeśli nie oddacie kaucji, spotkamy się inaczej.';
    expect(features(text)).toEqual(features(text));
  });
});

describe('learned scorer', () => {
  it('decodes the weights it encodes', () => {
    const encoded = encodeWeights([
      { hash: -5, flag: 1, steps: -3 },
      { hash: 42, flag: 0, steps: 127 },
    ]);
    expect(Array.from(decodeBase64(encoded))).toEqual([251, 255, 255, 255, 1, 253, 42, 0, 0, 0, 0, 127]);
  });

  it('raises a flag’s probability with its weighted word and points at that word', () => {
    const scorer = createScorer(modelOf({ threat_violence: 'kneecaps' }, 0.5));
    const text = 'Mind your kneecaps tonight';
    const [p] = scorer.score(text, [{ start: 0, end: text.length }]);
    const [q] = scorer.score('Mind your step tonight', [{ start: 0, end: 22 }]);
    expect(p).toBeGreaterThan(0.5);
    expect(q).toBeLessThan(0.05);
    scorer.score(text, [{ start: 0, end: text.length }]);
    expect(scorer.evidence(0).map((r) => text.slice(r.start, r.end))).toEqual(['kneecaps']);
  });

  it('reads only the ranges it is given (the customer’s own words)', () => {
    const scorer = createScorer(modelOf({ threat_violence: 'kneecaps' }, 0.5));
    const text = 'All fine now.\n> kneecaps';
    const [p] = scorer.score(text, [{ start: 0, end: 13 }]);
    expect(p).toBeLessThan(0.05);
  });
});

describe('merging the learned flags', () => {
  const evidenceFor = (scorer: Scorer, text: string, rules: Flag[], cancelled: Flag[] = []) => {
    const flags = new Set<Flag>(rules);
    const evidence: Evidence[] = [];
    addLearnedFlags(scorer, text, [{ start: 0, end: text.length }], flags, evidence, new Set(cancelled));
    return { flags: [...flags], evidence };
  };

  it('adds a flag the rules missed at or above its threshold, with the strongest feature as evidence', () => {
    const scorer = createScorer(modelOf({ threat_public: 'trustpilot' }, 0.5));
    const { flags, evidence } = evidenceFor(scorer, 'Everyone on trustpilot will hear', []);
    expect(flags).toEqual(['threat_public']);
    expect(evidence[0]).toMatchObject({ flag: 'threat_public', text: 'trustpilot' });
    expect(evidence[0]?.rule).toMatch(/^learned:threat_public:/);
  });

  it('adds nothing below the threshold, and nothing for a flag that is switched off', () => {
    const below = createScorer(modelOf({ threat_public: 'trustpilot' }, 0.99999));
    expect(evidenceFor(below, 'Everyone on trustpilot will hear', []).flags).toEqual([]);
    const off = createScorer(modelOf({ threat_public: 'trustpilot' }, null));
    expect(evidenceFor(off, 'Everyone on trustpilot will hear', []).flags).toEqual([]);
  });

  it('never removes or re-evidences a flag the rules raised', () => {
    const scorer = createScorer(modelOf({ insult: 'kneecaps' }, 0.5, -20));
    const { flags, evidence } = evidenceFor(scorer, 'You idiots', ['insult', 'shouting']);
    expect(flags).toEqual(['insult', 'shouting']);
    expect(evidence).toEqual([]);
  });

  it('shows a character n-gram’s evidence as the whole word it lies in', () => {
    const gram = features('trustpilot').find((f) => f.span === 'rust') as { hash: number };
    const model: LearnedModel = {
      ...modelOf({ threat_public: 'trustpilot' }, 0.5),
      weights: encodeWeights([{ hash: gram.hash, flag: 0, steps: 127 }]),
    };
    const { evidence } = evidenceFor(createScorer(model), 'Everyone on trustpilot will hear', []);
    expect(evidence.map((e) => e.text)).toEqual(['trustpilot']);
  });

  it('does not raise a flag the rules cancelled on reading its clause', () => {
    const scorer = createScorer(modelOf({ refund_demand: 'refund' }, 0.5));
    expect(evidenceFor(scorer, 'I do not want a refund', [], ['refund_demand']).flags).toEqual([]);
    const analyze = createAnalyzer({ packs: PACKS, learned: scorer });
    expect(analyze("I don't want a refund, just a phone that works.", { lang: 'en' }).flags).not.toContain(
      'refund_demand',
    );
  });

  it('keeps every rule flag of a real analysis when the model is added', () => {
    const rules = createAnalyzer({ packs: PACKS });
    const both = createAnalyzer({ packs: PACKS, learned: createScorer(MODEL) });
    for (const text of [
      'Jesteście oszustami, oddajcie kasę!',
      'Kolmandat korda kirjutan, kus mu raha on?!',
      'I want a refund NOW or I go to the ombudsman.',
      'Dziękuję za szybką pomoc.',
    ]) {
      const before = rules(text).flags;
      const after = both(text).flags;
      for (const flag of before) expect(after).toContain(flag);
      for (const e of both(text).evidence.filter((x) => x.rule.startsWith('learned:')))
        expect(before).not.toContain(e.flag);
    }
  });

  it('adds the model’s flag through the analyzer, and the level follows it', () => {
    const analyze = createAnalyzer({
      packs: PACKS,
      learned: createScorer(modelOf({ threat_violence: 'kneecaps' }, 0.5)),
    });
    const analysis = analyze('Mind your kneecaps tonight', { lang: 'en' });
    expect(analysis.flags).toContain('threat_violence');
    expect(analysis.level).toBe('hostile');
    expect(analysis.evidence.find((e) => e.flag === 'threat_violence')?.text).toBe('kneecaps');
  });
});
