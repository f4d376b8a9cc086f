import { describe, expect, it } from 'vitest';
import { msUntilRedraw } from './list-clock.ts';

const now = Date.parse('2026-03-02T10:00:00.000Z');

describe('msUntilRedraw', () => {
  it('wakes the list the millisecond after the next promise falls due', () => {
    const dueTimes = ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:05.000Z', '2026-03-02T10:00:30.000Z'];
    expect(msUntilRedraw(dueTimes, now)).toBe(5_001);
  });

  it('redraws within a minute when no promise falls due sooner, or none is open', () => {
    expect(msUntilRedraw(['2026-03-02T12:00:00.000Z', '2026-03-01T10:00:00.000Z'], now)).toBe(60_000);
    expect(msUntilRedraw([], now)).toBe(60_000);
  });
});
