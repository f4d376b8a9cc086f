import type { CaseDetail } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import { nextDuePromise } from './case-glance.tsx';

type CasePromise = CaseDetail['commitments'][number];

const promise = (id: string, dueAt: string, status: CasePromise['status'], who: CasePromise['who'] = 'us') =>
  ({ id, text: id, dueAt, status, who }) as CasePromise;

describe('nextDuePromise', () => {
  it('picks the open promise due soonest, the customer’s as well as ours, and skips settled ones', () => {
    const commitments = [
      promise('later', '2026-03-05T10:00:00.000Z', 'open'),
      promise('kept-earlier', '2026-03-01T10:00:00.000Z', 'kept'),
      promise('theirs', '2026-03-03T10:00:00.000Z', 'open', 'customer'),
      promise('missed', '2026-03-02T10:00:00.000Z', 'missed'),
    ];
    expect(nextDuePromise({ commitments })?.id).toBe('theirs');
  });

  it('has none when no promise is open', () => {
    expect(nextDuePromise({ commitments: [promise('done', '2026-03-01T10:00:00.000Z', 'cancelled')] })).toBe(
      undefined,
    );
  });
});
