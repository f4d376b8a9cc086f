import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe.each(TEST_DATABASES)('bad input is a 400 naming the field on %s', (kind) => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name: 'Mari Kask' }, channel: 'phone', subject: 'Arve' },
    });
    caseId = created.json().id;
  });
  afterAll(() => t.close());

  async function expectBadField(url: string, path: string) {
    const response = await t.as('owner', { method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'bad_request', path });
  }

  it('refuses a NUL character in a query parameter or a path id', async () => {
    await expectBadField('/api/cases?q=a%00b', 'query.q');
    await expectBadField('/api/customers?email=%00', 'query.email');
    await expectBadField('/api/audit?target=%00', 'query.target');
    await expectBadField('/api/cases/%00', 'params.id');
    await expectBadField(`/api/cases/${caseId}%00`, 'params.id');
    await expectBadField('/api/customers/x%00y/profile', 'params.id');
  });

  it('refuses cursors it did not hand out', async () => {
    for (const [sort, values] of [
      ['priority', [1, 'not a time', 'x']],
      ['priority', ['1', '2026-01-01T00:00:00.000Z', 'x']],
      ['due', ['2026-01-01T00:00:00.000Z', 7]],
      ['due', ['99999-01-01T00:00:00.000Z', 'x']],
      ['created', ['2026-01-01T00:00:00.000Z', 'a\u0000b']],
      ['created', [null, 'x']],
    ] as const) {
      await expectBadField(`/api/cases?sort=${sort}&cursor=${cursorOf(values)}`, 'query.cursor');
    }
    // A number past a double, as JSON text: JSON.parse reads it as Infinity.
    const huge = Buffer.from('[1e400,"2026-01-01T00:00:00.000Z","x"]').toString('base64url');
    await expectBadField(`/api/cases?sort=priority&cursor=${huge}`, 'query.cursor');
  });

  it('still follows the cursors it hands out', async () => {
    for (const sort of ['priority', 'due', 'created']) {
      const first = await t.as('owner', { method: 'GET', url: `/api/cases?sort=${sort}&limit=1` });
      expect(first.statusCode).toBe(200);
      const next = await t.as('owner', {
        method: 'GET',
        url: `/api/cases?sort=${sort}&limit=1&cursor=${first.json().nextCursor ?? cursorOf(['x'])}`,
      });
      expect(next.statusCode, next.body).toBe(first.json().nextCursor ? 200 : 400);
    }
  });

  it('refuses an audit position past any entry id', async () => {
    await expectBadField('/api/audit?before=99999999999999999999999', 'query.before');
    const fine = await t.as('owner', { method: 'GET', url: '/api/audit?before=9223372036854775807' });
    expect(fine.statusCode).toBe(200);
  });

  it('refuses analytics dates far outside the calendar', async () => {
    for (const from of ['99999-01-01', '0000-01-01', '0001-01-01', '2026-02-30', '9999-12-31']) {
      await expectBadField(`/api/analytics/problems?from=${from}`, 'query.from');
    }
    await expectBadField('/api/analytics/problems?to=0001-01-01T00:00:00%2B14:00', 'query.to');
    const fine = await t.as('owner', { method: 'GET', url: '/api/analytics/problems?from=2025-01-01' });
    expect(fine.statusCode).toBe(200);
  });
});
