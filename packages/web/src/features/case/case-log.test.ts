import type { Interaction } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import { mergeLog, missingBetween } from './case-log.ts';

const entries = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `e${from + i}`, seq: from + i }) as Interaction);
const seqs = (list: Interaction[]) => list.map((entry) => entry.seq);

describe('the case log as shown', () => {
  it('puts the earlier pages before the newest one, each entry once', () => {
    const shown = mergeLog({ items: entries(1, 10), before: null }, entries(8, 20));
    expect(seqs(shown)).toEqual(seqs(entries(1, 20)));
    expect(mergeLog(null, entries(5, 6)).map((e) => e.seq)).toEqual([5, 6]);
  });

  it('asks for the entries that fell between when new ones pushed the newest page forward', () => {
    expect(missingBetween({ items: entries(1, 100), before: null }, entries(104, 203), 500)).toEqual({
      before: 104,
      limit: 3,
    });
    expect(missingBetween({ items: entries(1, 100), before: null }, entries(1001, 1100), 500)).toEqual({
      before: 601,
      limit: 500,
    });
    expect(missingBetween({ items: entries(1, 100), before: null }, entries(101, 200), 500)).toBeNull();
    expect(missingBetween(null, entries(101, 200), 500)).toBeNull();
  });
});
