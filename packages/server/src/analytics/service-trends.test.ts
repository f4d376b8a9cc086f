import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { backdateLastCaseUpdate } from './backdate-audit.test-helper.ts';

/**
 * A week in February 2026 (Europe/Warsaw, UTC+1), open round the clock with a 60-minute first-response
 * target at every level, so business minutes are wall-clock minutes and each figure can be worked out by hand:
 *
 * - P opened 30 Jan, never answered: backlog from the start.
 * - A opened Mon 2 Feb 09:00Z, answered after 30 min, resolved 11:00Z (120 min); the customer writes again
 *   Tue 08:00Z (reopened), resolved again Tue 10:00Z (1,500 min after opening).
 * - B opened Mon 10:00Z, answered after 90 min (late), closed Wed 10:00Z (2,880 min).
 * - C opened Tue 09:00Z, never answered.
 * - D opened Wed 09:00Z, answered after 60 min, resolved 12:00Z (180 min), reopened by staff Thu 08:00Z.
 * - Now is Thu 5 Feb 12:00Z: Friday has not happened yet.
 */
describe.each(TEST_DATABASES)('service trends on %s', (kind) => {
  let t: TestApp;
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const send = async (options: { method: 'POST' | 'PATCH'; url: string; payload: object }) => {
    const response = await t.as('supervisor', options);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const open = async (iso: string, name: string) => {
    at(iso);
    const created = await send({
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name },
        channel: 'email',
        subject: `Case of ${name}`,
        message: { body: 'Dzień dobry, paczka nie dotarła.' },
      },
    });
    return created.id as string;
  };
  const reply = async (id: string, iso: string) => {
    at(iso);
    await send({
      method: 'POST',
      url: `/api/cases/${id}/interactions`,
      payload: { kind: 'outbound', body: 'Dzień dobry, sprawdzam to i odpiszę dziś.' },
    });
  };
  const status = async (id: string, iso: string, value: string) => {
    at(iso);
    await send({ method: 'PATCH', url: `/api/cases/${id}`, payload: { status: value } });
    await backdateLastCaseUpdate(t.database.db, id, iso);
  };
  const get = async (query: string) => {
    const response = await t.as('supervisor', {
      method: 'GET',
      url: `/api/analytics/service-trends?${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const always = ['00:00', '24:00'];
    const sixty = { calm: 60, upset: 60, angry: 60, hostile: 60 };
    const answer = await t.as('owner', {
      method: 'PATCH',
      url: '/api/settings',
      payload: {
        businessHours: {
          days: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, always])),
        },
        firstResponseMinutes: sixty,
      },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    await open('2026-01-30T09:00:00Z', 'Paweł');
    const a = await open('2026-02-02T09:00:00Z', 'Anna');
    const b = await open('2026-02-02T10:00:00Z', 'Bartek');
    await reply(a, '2026-02-02T09:30:00Z');
    await status(a, '2026-02-02T11:00:00Z', 'resolved');
    await reply(b, '2026-02-02T11:30:00Z');
    at('2026-02-03T08:00:00Z');
    await send({
      method: 'POST',
      url: `/api/cases/${a}/interactions`,
      payload: { kind: 'inbound', body: 'Jednak nadal nic nie przyszło.' },
    });
    await open('2026-02-03T09:00:00Z', 'Celina');
    await status(a, '2026-02-03T10:00:00Z', 'resolved');
    const d = await open('2026-02-04T09:00:00Z', 'Dorota');
    await status(b, '2026-02-04T10:00:00Z', 'closed');
    await reply(d, '2026-02-04T10:00:00Z');
    await status(d, '2026-02-04T12:00:00Z', 'resolved');
    await status(d, '2026-02-05T08:00:00Z', 'open');
    at('2026-02-05T12:00:00Z');
  });
  afterAll(() => t.close());

  const point = (
    start: string,
    counts: Partial<Record<string, number | null>>,
  ): Record<string, string | number | null> => ({
    start,
    end: start,
    opened: null,
    backlog: null,
    responded: null,
    withinTarget: null,
    firstResponseMedian: null,
    firstResponseP90: null,
    resolved: null,
    resolutionMedian: null,
    resolutionP90: null,
    reopened: null,
    reopenRate: null,
    ...counts,
  });

  it('counts each day’s volume, backlog, response and resolution times and reopens, as worked out by hand', async () => {
    const body = await get('from=2026-02-02&to=2026-02-06');
    expect(body.bucket).toBe('day');
    expect(body.targets.firstResponseMinutes).toEqual({ calm: 60, upset: 60, angry: 60, hostile: 60 });
    expect(body.points).toEqual([
      point('2026-02-02', {
        opened: 2,
        backlog: 2,
        responded: 2,
        withinTarget: 1,
        firstResponseMedian: 60,
        firstResponseP90: 84,
        resolved: 1,
        resolutionMedian: 120,
        resolutionP90: 120,
        reopened: 1,
        reopenRate: 1,
      }),
      // Nobody answered Celina: no first-response time that day, a gap rather than zero minutes.
      point('2026-02-03', {
        opened: 1,
        backlog: 3,
        responded: 0,
        withinTarget: 0,
        resolved: 1,
        resolutionMedian: 1500,
        resolutionP90: 1500,
        reopened: 0,
        reopenRate: 0,
      }),
      point('2026-02-04', {
        opened: 1,
        backlog: 2,
        responded: 1,
        withinTarget: 1,
        firstResponseMedian: 60,
        firstResponseP90: 60,
        resolved: 2,
        resolutionMedian: 1530,
        resolutionP90: 2610,
        reopened: 1,
        reopenRate: 0.5,
      }),
      // A real zero: the day happened and nobody opened a case; D was reopened, so the backlog grew.
      point('2026-02-05', { opened: 0, backlog: 3, responded: 0, withinTarget: 0, resolved: 0, reopened: 0 }),
      // Friday is still to come: nothing, not zeros.
      point('2026-02-06', {}),
    ]);
    expect(body.total).toEqual({
      ...point('2026-02-02', {
        opened: 4,
        backlog: 3,
        responded: 3,
        withinTarget: 2,
        firstResponseMedian: 60,
        firstResponseP90: 84,
        resolved: 4,
        resolutionMedian: 840,
        resolutionP90: 2466,
        reopened: 2,
        reopenRate: 0.5,
      }),
      end: '2026-02-06',
    });
  });

  it('groups a quarter by week, weeks starting on Monday and clipped to the period', async () => {
    const body = await get('range=last_90_days');
    expect(body.bucket).toBe('week');
    expect(body.period.from).toBe('2025-11-07T23:00:00.000Z');
    expect(body.period.to).toBe('2026-02-05T23:00:00.000Z');
    expect(body.points[0]).toMatchObject({ start: '2025-11-08', end: '2025-11-09', opened: 0, backlog: 0 });
    const last = body.points.at(-1);
    expect(last).toMatchObject({
      start: '2026-02-02',
      end: '2026-02-05',
      opened: 4,
      backlog: 3,
      resolved: 4,
    });
    const earlier = body.points.at(-2);
    expect(earlier).toMatchObject({ start: '2026-01-26', end: '2026-02-01', opened: 1, backlog: 1 });
  });

  it('resolves the named ranges in the organisation time zone, ending today', async () => {
    const range = async (name: string) => (await get(`range=${name}`)).period;
    expect(await range('last_7_days')).toMatchObject({
      from: '2026-01-29T23:00:00.000Z',
      to: '2026-02-05T23:00:00.000Z',
    });
    expect(await range('last_30_days')).toMatchObject({ from: '2026-01-06T23:00:00.000Z' });
    expect(await range('this_month')).toMatchObject({
      from: '2026-01-31T23:00:00.000Z',
      to: '2026-02-05T23:00:00.000Z',
      months: ['2026-02'],
    });
    expect(await range('last_month')).toMatchObject({
      from: '2025-12-31T23:00:00.000Z',
      to: '2026-01-31T23:00:00.000Z',
      months: ['2026-01'],
    });
  });

  it('refuses a range sent together with dates, naming the field and the reason', async () => {
    const response = await t.as('supervisor', {
      method: 'GET',
      url: '/api/analytics/service-trends?range=last_7_days&from=2026-01-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'bad_request',
      path: 'query.range',
      reason: 'range_with_dates',
    });
  });

  it('exports the points as CSV', async () => {
    const response = await t.as('supervisor', {
      method: 'GET',
      url: '/api/analytics/service-trends?from=2026-02-02&to=2026-02-03&format=csv',
    });
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'start,end,opened,backlog,responded,within_target,first_response_median_minutes,first_response_p90_minutes,resolved,resolution_median_minutes,resolution_p90_minutes,reopened,reopen_rate',
    );
    expect(lines[1]).toBe('2026-02-02,2026-02-02,2,2,2,1,60,84,1,120,120,1,1');
  });
});
