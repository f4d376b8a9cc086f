import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('PUT /api/session/profile: one’s own signature and grammatical gender', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  }, 60_000);
  afterAll(() => t.close());

  it('keeps them on the account, shows them in the session and audits which fields changed', async () => {
    const saved = await t.asUser('agent', {
      method: 'PUT',
      url: '/api/session/profile',
      payload: { signature: '  Ewa Nowak\nObsługa klienta  ', grammaticalGender: 'feminine' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      signature: 'Ewa Nowak\nObsługa klienta',
      grammaticalGender: 'feminine',
    });
    const session = await t.asUser('agent', { method: 'GET', url: '/api/session' });
    expect(session.json().user).toMatchObject({
      signature: 'Ewa Nowak\nObsługa klienta',
      grammaticalGender: 'feminine',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['details', 'target_id'])
      .where('action', '=', 'user.profile')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      details: { changed: ['signature', 'grammaticalGender'] },
      target_id: t.users.agent.id,
    });
  });

  it('refuses an unknown gender and a token without a person', async () => {
    const bad = await t.asUser('agent', {
      method: 'PUT',
      url: '/api/session/profile',
      payload: { signature: null, grammaticalGender: 'other' },
    });
    expect(bad.statusCode).toBe(400);
    const token = await t.as('agent', {
      method: 'PUT',
      url: '/api/session/profile',
      payload: { signature: null, grammaticalGender: null },
    });
    expect(token.statusCode).toBe(403);
  });
});
