import { describe, expect, it } from 'vitest';
import { CaseSummarySchema, NewCaseSchema } from './cases.ts';
import { BOUNDARY_LEVELS, CASE_STATUSES, PREFERABLE_COMPENSATION_KINDS } from './enums.ts';
import { ErrorBodySchema } from './errors.ts';

describe('contracts', () => {
  it('orders boundary levels from mild to final', () => {
    expect(BOUNDARY_LEVELS.at(0)).toBe('note');
    expect(BOUNDARY_LEVELS.at(-1)).toBe('ended');
  });

  it('lets a business prefer every compensation kind but cash', () => {
    expect(PREFERABLE_COMPENSATION_KINDS).toEqual([
      'repair',
      'replacement',
      'voucher',
      'free_session',
      'discount',
    ]);
  });

  it('names the field at fault in a bad request', () => {
    const result = NewCaseSchema.safeParse({ customer: { name: 'Ala' }, channel: 'fax', subject: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['channel']);
  });

  it('refuses a case summary whose flags are not the engine flags', () => {
    const summary = {
      id: 'c1',
      subject: 'Late parcel',
      status: CASE_STATUSES[1],
      channel: 'email',
      priority: 1,
      level: 'angry',
      peakLevel: 'angry',
      flags: ['churn_threat'],
      problems: ['delivery'],
      language: 'pl',
      firstResponseDueAt: null,
      firstRespondedAt: null,
      nextResponseDueAt: null,
      slaPaused: null,
      escalatedAt: null,
      escalationReason: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      customer: { id: 'u1', name: 'Ala' },
      assignee: null,
    };
    expect(CaseSummarySchema.safeParse(summary).success).toBe(true);
    expect(CaseSummarySchema.safeParse({ ...summary, flags: ['grumpy'] }).success).toBe(false);
  });

  it('keeps the facts an error adds next to its message', () => {
    const body = { error: { code: 'coaching_blocked', message: 'blocked', interaction: 'i1' } };
    expect(ErrorBodySchema.parse(body)).toEqual(body);
  });
});
