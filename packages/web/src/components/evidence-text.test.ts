import type { Evidence } from '@calmdesk/analysis';
import { describe, expect, it } from 'vitest';
import { evidenceLabel, maskWord, segmentText } from './evidence-text.tsx';

const evidence = (start: number, end: number, flag: Evidence['flag'] = 'insult'): Evidence => ({
  flag,
  start,
  end,
  text: '',
  rule: 'test',
});

describe('segmentText', () => {
  it('cuts overlapping spans so every character belongs to exactly one segment', () => {
    const segments = segmentText(20, [evidence(2, 10), evidence(5, 15, 'profanity')]);
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [2, 5],
      [5, 10],
      [10, 15],
      [15, 20],
    ]);
    expect(segments[2]?.evidence.map((e) => e.flag)).toEqual(['insult', 'profanity']);
  });

  it('ignores spans outside the text', () => {
    expect(segmentText(5, [evidence(3, 9)]).map((s) => s.evidence.length)).toEqual([0]);
  });
});

describe('maskWord', () => {
  it('keeps the first letter of each word and hides the rest', () => {
    expect(maskWord('k*rwa mać')).toBe('k•••• m••');
  });
});

describe('evidenceLabel', () => {
  it("names each flag with the rule that matched, and the learned model's evidence in words", () => {
    const t = (key: string) => `<${key}>`;
    const byRule = { ...evidence(0, 6), rule: 'idiot' };
    const byModel = { ...evidence(0, 6, 'churn_threat'), rule: 'learned:churn_threat:0.31' };
    expect(evidenceLabel([byRule, byModel], t)).toBe(
      '<flag.insult> · idiot\n<flag.churn_threat> · <evidenceBy.learned>',
    );
  });
});
