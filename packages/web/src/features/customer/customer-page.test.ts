import type { CaseDetail, Interaction } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import { customerTimeline } from './customer-page.tsx';

const interaction = (id: string, createdAt: string) => ({ id, createdAt }) as Interaction;
const caseOf = (id: string, createdAt: string, interactions: Interaction[]) =>
  ({ id, subject: id, createdAt, interactions }) as CaseDetail;

describe('customerTimeline', () => {
  it('joins every case and interaction into one line, oldest first, each case before its messages', () => {
    const timeline = customerTimeline({
      cases: [
        caseOf('b', '2026-03-05T10:00:00Z', [interaction('b1', '2026-03-05T10:00:00Z')]),
        caseOf('a', '2026-03-01T10:00:00Z', [
          interaction('a1', '2026-03-01T10:00:00Z'),
          interaction('a2', '2026-03-06T09:00:00Z'),
        ]),
      ],
    });
    expect(timeline.map((e) => `${e.type}:${e.item.id}`)).toEqual([
      'case:a',
      'interaction:a1',
      'case:b',
      'interaction:b1',
      'interaction:a2',
    ]);
  });
});
