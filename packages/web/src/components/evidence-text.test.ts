import type { Evidence } from '@calmdesk/analysis';
import { describe, expect, it } from 'vitest';
import { maskWord, segmentText } from './evidence-text.tsx';

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
