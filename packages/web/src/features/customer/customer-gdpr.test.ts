import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { holdsOf } from './customer-gdpr.tsx';

describe('holdsOf', () => {
  it('reads the holds a refused erasure names', () => {
    const hold = { kind: 'open_case', id: 'c1', caseId: 'c1' };
    const error = new ApiError(409, 'legal_hold', 'held', undefined, {
      error: { code: 'legal_hold', message: 'held', holds: [hold] },
    });
    expect(holdsOf(error)).toEqual([hold]);
  });

  it('finds none in another error or a body without holds', () => {
    expect(holdsOf(new ApiError(409, 'conflict', 'taken'))).toEqual([]);
    expect(holdsOf(new ApiError(409, 'legal_hold', 'held', undefined, { error: {} }))).toEqual([]);
    expect(holdsOf(new Error('network'))).toEqual([]);
  });
});
