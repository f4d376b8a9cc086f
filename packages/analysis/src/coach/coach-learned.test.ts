import { describe, expect, it } from 'vitest';
import { coachReply as coreCoachReply } from '../core.ts';
import { coachReply as mainCoachReply } from '../index.ts';
import type { DraftLabel } from '../learned/draft-labels.ts';
import { DRAFT_MODEL } from '../learned/draft-model.generated.ts';
import { forEachFeature } from '../learned/features.ts';
import { createScorer, encodeWeights, type LearnedModel } from '../learned/score.ts';
import { coachReply, createCoach, draftOwnRanges, learnedSeverity, SEVERITY } from './coach-reply.ts';

const hashOfWord = (word: string) => {
  let first = 0;
  forEachFeature(word, (hash) => {
    first ||= hash;
  });
  return first;
};

/** A draft model with one weighted word per label, as training would write it. */
function draftModelOf(
  words: Partial<Record<DraftLabel, string>>,
  threshold: number | null,
  bias = -4,
): LearnedModel<DraftLabel> {
  const labels = Object.keys(words) as DraftLabel[];
  return {
    checksum: 'test',
    flags: labels,
    bias: labels.map(() => bias),
    scale: labels.map(() => 0.5),
    thresholds: labels.map(() => threshold),
    entries: labels.length,
    weights: encodeWeights(
      labels.map((label, f) => ({ hash: hashOfWord(words[label] as string), flag: f, steps: 127 })),
    ),
  };
}

const coachWith = (words: Partial<Record<DraftLabel, string>>, threshold: number | null, bias?: number) =>
  createCoach({ learned: createScorer(draftModelOf(words, threshold, bias)) });

describe('the learned second opinion in the reply coach', () => {
  const draft = 'Your parcel was shipped on Monday, whatever.';

  it('adds a finding the rules missed at or above its threshold, with the words of its strongest feature', () => {
    expect(coachReply(draft, { lang: 'en' }).findings).toEqual([]);
    const coaching = coachWith({ condescension: 'whatever' }, 0.5)(draft, { lang: 'en' });
    expect(coaching.findings.map((f) => [f.rule, f.text])).toEqual([['condescension', 'whatever']]);
    const [finding] = coaching.findings;
    expect(finding?.evidence?.[0]?.text).toBe('whatever');
    expect(finding?.evidence?.[0]?.rule).toMatch(/^learned:condescension:0\.\d\d$/);
    expect(coaching.score).toBeLessThan(coachReply(draft, { lang: 'en' }).score);
  });

  it('adds nothing below the threshold, and nothing for a finding that is switched off', () => {
    expect(coachWith({ condescension: 'whatever' }, 0.99999)(draft, { lang: 'en' }).findings).toEqual([]);
    expect(coachWith({ condescension: 'whatever' }, null)(draft, { lang: 'en' }).findings).toEqual([]);
  });

  it('only adds: a finding the rules gave stays theirs, with its severity and no learned evidence', () => {
    const hostile = 'You idiot, read the terms.';
    const rules = coachReply(hostile, { lang: 'en' });
    const both = coachWith({ hostility: 'idiot', arguing: 'terms' }, 0.5)(hostile, { lang: 'en' });
    const hostility = both.findings.filter((f) => f.rule === 'hostility');
    expect(hostility).toEqual(rules.findings.filter((f) => f.rule === 'hostility'));
    expect(hostility[0]?.severity).toBe('block');
    expect(hostility[0]?.evidence).toBeUndefined();
    for (const f of rules.findings) expect(both.findings).toContainEqual(f);
    expect(both.findings.find((f) => f.rule === 'arguing')?.evidence?.[0]?.text).toBe('terms');
  });

  it('warns, never blocks, with a hostility or shouting only the model found', () => {
    expect(learnedSeverity('hostility')).toBe('warn');
    expect(learnedSeverity('shouting')).toBe('warn');
    expect(learnedSeverity('excuse')).toBe(SEVERITY.excuse);
    const coaching = coachWith({ hostility: 'whatever' }, 0.5)(draft, { lang: 'en' });
    expect(coaching.findings.map((f) => [f.rule, f.severity])).toEqual([['hostility', 'warn']]);
  });

  it('moves an element it adds from missing to has', () => {
    const text = 'Your parcel is with the courier, tracking follows.';
    const rules = coachReply(text, { lang: 'en' });
    expect(rules.missing).toContain('next_step');
    const both = coachWith({ next_step: 'tracking' }, 0.5)(text, { lang: 'en' });
    expect(both.has).toContain('next_step');
    expect(both.missing).not.toContain('next_step');
    expect(both.score).toBeGreaterThan(rules.score);
  });

  it('reads only the agent’s own words: a quoted word gives nothing', () => {
    const quoted = 'You wrote "whatever" and we shipped the parcel.';
    expect(draftOwnRanges(quoted).map((r) => quoted.slice(r.start, r.end))).toEqual([
      'You wrote ',
      ' and we shipped the parcel.',
    ]);
    expect(coachWith({ condescension: 'whatever' }, 0.5)(quoted, { lang: 'en' }).findings).toEqual([]);
  });

  it('adds shouting only to a draft that has capitals or a run of exclamation marks', () => {
    const coach = coachWith({ shouting: 'now' }, 0.5);
    expect(coach('Send it now please.', { lang: 'en' }).findings.map((f) => f.rule)).toEqual([]);
    expect(coach('Send it now please!!', { lang: 'en' }).findings.map((f) => f.rule)).toContain('shouting');
  });

  it('never adds informal address to an English draft', () => {
    expect(coachWith({ informal_address: 'whatever' }, 0.5)(draft, { lang: 'en' }).findings).toEqual([]);
  });

  it('runs in the main entry with the trained model, and the core build keeps the rules alone', () => {
    expect(DRAFT_MODEL.thresholds.some((t) => t !== null)).toBe(true);
    for (const text of [
      'Nie ma Pan racji, jak już mówiłem.',
      'Teil ei ole õigus.',
      'You idiot, read the terms.',
    ]) {
      const rules = coreCoachReply(text);
      const both = mainCoachReply(text);
      expect(rules).toEqual(coachReply(text));
      for (const f of rules.findings) expect(both.findings).toContainEqual(f);
      for (const e of rules.has) expect(both.has).toContain(e);
      for (const f of both.findings.filter((x) => x.evidence)) expect(f.severity).not.toBe('block');
    }
  });
});
