import { describe, expect, it } from 'vitest';
import { runningDeadline } from './running-deadline.ts';

const base = {
  status: 'open',
  firstResponseDueAt: '2026-03-02T10:00:00.000Z',
  firstRespondedAt: null,
  nextResponseDueAt: null,
  slaPaused: null,
} as const;

describe('the deadline a case shows', () => {
  it('is the first response until we have answered', () => {
    expect(runningDeadline(base)).toEqual({ kind: 'first', dueAt: '2026-03-02T10:00:00.000Z' });
  });

  it('is the next response once the customer wrote again after our reply, and none while nothing is due', () => {
    const answered = {
      ...base,
      firstRespondedAt: '2026-03-02T09:30:00.000Z',
      status: 'waiting_customer',
    } as const;
    expect(runningDeadline(answered)).toBeNull();
    expect(
      runningDeadline({ ...answered, status: 'open', nextResponseDueAt: '2026-03-03T09:00:00.000Z' }),
    ).toEqual({
      kind: 'next',
      dueAt: '2026-03-03T09:00:00.000Z',
    });
  });

  it('is paused while the case waits on the customer, and gone once it is resolved', () => {
    const paused = {
      ...base,
      status: 'waiting_customer',
      slaPaused: { since: '2026-03-02T09:15:00.000Z', remainingMinutes: 45 },
    } as const;
    expect(runningDeadline(paused)).toEqual({ kind: 'paused', remainingMinutes: 45 });
    expect(runningDeadline({ ...base, status: 'resolved' })).toBeNull();
  });
});
