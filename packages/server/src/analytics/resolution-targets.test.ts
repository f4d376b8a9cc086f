import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { backdateLastCaseUpdate } from './backdate-audit.test-helper.ts';

/**
 * Two weeks of February 2026 in Europe/Warsaw (UTC+1), open Monday to Friday 09:00–17:00, with
 * resolution targets of 480 business minutes for a calm case and 120 for a hostile one:
 *
 * - A calm, opened Mon 2 Feb 09:00, resolved Tue 09:00: 480 business minutes, within.
 * - B calm, opened Fri 6 Feb 16:00, resolved Mon 9 Feb 09:30: 90 business minutes (65.5 hours), within.
 * - C calm, opened Tue 3 Feb 09:00, resolved Wed 10:00: 540, late.
 * - D hostile, opened Wed 4 Feb 09:00, resolved 11:30: 150, late.
 * - E hostile, opened Thu 5 Feb 09:00, resolved 10:00: 60, within.
 * - F calm, opened Mon 2 Feb 10:00, resolved 2 March: outside the period, not counted.
 */
describe.each(TEST_DATABASES)('resolution within target on %s', (kind) => {
  let t: TestApp;
  const CALM = 'Dzień dobry, chciałabym przełożyć wizytę na przyszły tydzień. Dziękuję bardzo.';
  const HOSTILE = 'You are thieving idiots and liars. I will come to your shop and make you regret it.';
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const open = async (iso: string, name: string, body: string) => {
    at(iso);
    const response = await t.as('supervisor', {
      method: 'POST',
      url: '/api/cases',
      payload: { customer: { name }, channel: 'email', subject: `Case of ${name}`, message: { body } },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const resolve = async (id: string, iso: string) => {
    at(iso);
    const response = await t.as('supervisor', {
      method: 'PATCH',
      url: `/api/cases/${id}`,
      payload: { status: 'resolved' },
    });
    expect(response.statusCode, response.body).toBe(200);
    await backdateLastCaseUpdate(t.database.db, id, iso);
  };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    const weekday = ['09:00', '17:00'];
    const saved = await t.as('owner', {
      method: 'PATCH',
      url: '/api/settings',
      payload: {
        timeZone: 'Europe/Warsaw',
        businessHours: { days: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, weekday])) },
        holidays: [],
        firstResponseMinutes: { calm: 60, upset: 60, angry: 60, hostile: 30 },
        resolutionMinutes: { calm: 480, upset: 480, angry: 240, hostile: 120 },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    ids.A = await open('2026-02-02T08:00:00Z', 'Anna', CALM);
    ids.F = await open('2026-02-02T09:00:00Z', 'Filip', CALM);
    ids.C = await open('2026-02-03T08:00:00Z', 'Celina', CALM);
    await resolve(ids.A, '2026-02-03T08:00:00Z');
    ids.D = await open('2026-02-04T08:00:00Z', 'Dan', HOSTILE);
    await resolve(ids.C, '2026-02-04T09:00:00Z');
    await resolve(ids.D, '2026-02-04T10:30:00Z');
    ids.E = await open('2026-02-05T08:00:00Z', 'Eve', HOSTILE);
    await resolve(ids.E, '2026-02-05T09:00:00Z');
    ids.B = await open('2026-02-06T15:00:00Z', 'Bartek', CALM);
    await resolve(ids.B, '2026-02-09T08:30:00Z');
    await resolve(ids.F, '2026-03-02T09:00:00Z');
    at('2026-03-03T12:00:00Z');
  }, 120_000);
  afterAll(() => t.close());

  it('reads the levels the story needs from the messages', async () => {
    const rows = await t.database.db.selectFrom('cases').select(['id', 'peak_level']).execute();
    const levelOf = new Map(rows.map((r) => [r.id, r.peak_level]));
    expect(['A', 'B', 'C', 'D', 'E', 'F'].map((name) => levelOf.get(ids[name] ?? ''))).toEqual([
      'calm',
      'calm',
      'calm',
      'hostile',
      'hostile',
      'calm',
    ]);
  });

  it('counts the period’s resolutions within their level’s target in business minutes, as worked out by hand', async () => {
    const response = await t.as('supervisor', {
      method: 'GET',
      url: '/api/analytics/service-trends?from=2026-02-02&to=2026-02-13',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.targets.resolutionMinutes).toEqual({ calm: 480, upset: 480, angry: 240, hostile: 120 });
    expect(body.resolutionTargets).toEqual([
      { level: 'calm', resolved: 3, withinTarget: 2, share: 2 / 3 },
      { level: 'upset', resolved: 0, withinTarget: 0, share: null },
      { level: 'angry', resolved: 0, withinTarget: 0, share: null },
      { level: 'hostile', resolved: 2, withinTarget: 1, share: 0.5 },
      { level: 'all', resolved: 5, withinTarget: 3, share: 0.6 },
    ]);
    expect(body.total.resolved).toBe(5);
  });

  it('judges by the targets the owner sets now: a longer calm target takes C within it', async () => {
    const saved = await t.as('owner', {
      method: 'PATCH',
      url: '/api/settings',
      payload: { resolutionMinutes: { calm: 540, upset: 480, angry: 240, hostile: 120 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = (
      await t.as('supervisor', {
        method: 'GET',
        url: '/api/analytics/service-trends?from=2026-02-02&to=2026-02-13',
      })
    ).json();
    expect(body.resolutionTargets[0]).toEqual({ level: 'calm', resolved: 3, withinTarget: 3, share: 1 });
    const march = (
      await t.as('supervisor', {
        method: 'GET',
        url: '/api/analytics/service-trends?from=2026-03-01&to=2026-03-03',
      })
    ).json();
    expect(march.resolutionTargets.find((r: { level: string }) => r.level === 'all')).toEqual({
      level: 'all',
      resolved: 1,
      withinTarget: 0,
      share: 0,
    });
  });
});
