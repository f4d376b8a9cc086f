import { describe, expect, it } from 'vitest';
import { casesUrl } from './use-cases.ts';

describe('casesUrl', () => {
  it('asks for the chosen filters only, sorted by priority unless told', () => {
    const url = new URL(casesUrl({ status: 'open', level: null, assignee: 'me', q: '  ' }), 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sort: 'priority',
      limit: '50',
      status: 'open',
      assignee: 'me',
    });
  });

  it('continues after the cursor the API handed out', () => {
    expect(casesUrl({ sort: 'due' }, 'abc')).toBe('/api/cases?sort=due&limit=50&cursor=abc');
  });

  it("asks for the escalated cases only when the supervisors' queue is chosen", () => {
    expect(casesUrl({ status: 'active', escalated: 'true' })).toBe(
      '/api/cases?sort=priority&limit=50&status=active&escalated=true',
    );
    expect(casesUrl({ status: 'active', escalated: null })).toBe(
      '/api/cases?sort=priority&limit=50&status=active',
    );
  });
});
