// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOverdue, msUntilRedraw, useListClock } from './list-clock.ts';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(now + ms).toISOString();

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

describe('isOverdue', () => {
  it('is overdue from the millisecond after an open promise is due, and never once it is settled', () => {
    expect(isOverdue({ status: 'open', dueAt: at(0) }, now)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: at(0) }, now + 1)).toBe(true);
    expect(isOverdue({ status: 'kept', dueAt: at(0) }, now + 1)).toBe(false);
    expect(isOverdue({ status: 'missed', dueAt: at(0) }, new Date(now + 1))).toBe(false);
  });
});

describe('useListClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());

  it('draws at the real time when the list changes, so a promise that fell due meanwhile is overdue', () => {
    const { result, rerender } = renderHook(({ dueTimes }) => useListClock(dueTimes), {
      initialProps: { dueTimes: [at(600_000)] },
    });
    expect(result.current.getTime()).toBe(now);
    act(() => vi.advanceTimersByTime(30_000));
    const promise = { status: 'open' as const, dueAt: at(20_000) };
    rerender({ dueTimes: [at(600_000), promise.dueAt] });
    expect(result.current.getTime()).toBe(now + 30_000);
    expect(isOverdue(promise, result.current)).toBe(true);
  });

  it('moves on while the list changes more often than once a minute', () => {
    const { result, rerender } = renderHook(({ dueTimes }) => useListClock(dueTimes), {
      initialProps: { dueTimes: [at(3_600_000)] },
    });
    for (let step = 1; step <= 4; step++) {
      act(() => vi.advanceTimersByTime(40_000));
      rerender({ dueTimes: [at(3_600_000)] });
      expect(result.current.getTime()).toBe(now + step * 40_000);
    }
  });

  it('draws again the millisecond after the next promise falls due, with no other change', () => {
    const dueTimes = [at(5_000)];
    const { result } = renderHook(() => useListClock(dueTimes));
    act(() => vi.advanceTimersByTime(5_000));
    expect(isOverdue({ status: 'open', dueAt: dueTimes[0] ?? '' }, result.current)).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current.getTime()).toBe(now + 5_001);
    expect(isOverdue({ status: 'open', dueAt: dueTimes[0] ?? '' }, result.current)).toBe(true);
  });
});
