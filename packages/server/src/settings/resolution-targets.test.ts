import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('resolution targets on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(() => t.close());

  const patch = (payload: object) => t.as('owner', { method: 'PATCH', url: '/api/settings', payload });

  it('holds a resolution target per level, with defaults no shorter than the first-response ones', async () => {
    const settings = (await t.as('owner', { method: 'GET', url: '/api/settings' })).json();
    expect(settings.resolutionMinutes).toEqual({ calm: 2400, upset: 1440, angry: 480, hostile: 240 });
    for (const level of ['calm', 'upset', 'angry', 'hostile'] as const) {
      expect(settings.resolutionMinutes[level]).toBeGreaterThanOrEqual(settings.firstResponseMinutes[level]);
    }
  });

  it('stores the owner’s targets and reads them back', async () => {
    const targets = { calm: 960, upset: 480, angry: 240, hostile: 120 };
    const saved = await patch({ resolutionMinutes: targets });
    expect(saved.statusCode, saved.body).toBe(200);
    const read = (await t.as('agent', { method: 'GET', url: '/api/settings' })).json();
    expect(read.resolutionMinutes).toEqual(targets);
  });

  it('refuses a target that is not a positive whole number of minutes, naming the field', async () => {
    const base = { calm: 960, upset: 480, angry: 240, hostile: 120 };
    for (const [value, reason] of [
      [0, 'too_small'],
      [1.5, 'not_whole'],
      ['soon', 'wrong_type'],
    ] as const) {
      const refused = await patch({ resolutionMinutes: { ...base, upset: value } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ path: 'body.resolutionMinutes.upset', reason });
    }
  });

  it('refuses a resolution target shorter than the level’s first response, on the field that was changed', async () => {
    const early = await patch({ resolutionMinutes: { calm: 960, upset: 480, angry: 30, hostile: 120 } });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      code: 'bad_request',
      path: 'body.resolutionMinutes.angry',
      reason: 'resolution_before_first_response',
      limit: 60,
    });
    const slowFirst = await patch({
      firstResponseMinutes: { calm: 480, upset: 240, angry: 60, hostile: 180 },
    });
    expect(slowFirst.statusCode).toBe(400);
    expect(slowFirst.json().error).toMatchObject({
      path: 'body.firstResponseMinutes.hostile',
      reason: 'first_response_after_resolution',
      limit: 120,
    });
    const kept = (await t.as('owner', { method: 'GET', url: '/api/settings' })).json();
    expect(kept.resolutionMinutes.angry).toBe(240);
    expect(kept.firstResponseMinutes.hostile).toBe(30);
  });
});
