import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('API tokens on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lets an owner create, list and revoke a token, which fails on its very next request', async () => {
    const created = await t.as('owner', {
      method: 'POST',
      url: '/api/tokens',
      payload: { role: 'supervisor', label: 'zapier' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token, role, label } = created.json();
    expect({ role, label }).toEqual({ role: 'supervisor', label: 'zapier' });
    expect(token).toMatch(/^cd_[\w-]{40,}$/);

    // Used once first, so the revoke has to evict it from this process's token cache.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) })).statusCode,
    ).toBe(200);

    const listed = await t.as('owner', { method: 'GET', url: '/api/tokens' });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as Array<Record<string, unknown>>;
    expect(items[0]).toEqual({
      id,
      role: 'supervisor',
      label: 'zapier',
      createdAt: expect.any(String),
      revokedAt: null,
    });
    // The three tokens of createTestApp and the one created here.
    expect(items.map((item) => item.label)).toEqual(
      expect.arrayContaining(['zapier', 'test owner', 'test supervisor', 'test agent']),
    );
    expect(items).toHaveLength(4);
    expect(listed.body).not.toContain(token);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'label', 'revokedAt', 'role']);

    const revoked = await t.as('owner', { method: 'DELETE', url: `/api/tokens/${id}` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ ...items[0], revokedAt: t.clock.now.toISOString() });

    const after = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');

    const owner = await t.database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('label', '=', 'test owner')
      .executeTakeFirstOrThrow();
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'token.create', actor: `token:${owner.id}` },
      { action: 'token.revoke', actor: `token:${owner.id}` },
    ]);
  });

  it('keeps the first revokedAt when a token is revoked again, and records it once', async () => {
    const { id } = (
      await t.as('owner', { method: 'POST', url: '/api/tokens', payload: { role: 'agent' } })
    ).json();
    const first = await t.as('owner', { method: 'DELETE', url: `/api/tokens/${id}` });
    const firstAt = first.json().revokedAt;
    expect(firstAt).toBe(t.clock.now.toISOString());
    t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
    const again = await t.as('owner', { method: 'DELETE', url: `/api/tokens/${id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), revokedAt: firstAt });
    const revokes = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', '=', id)
      .where('action', '=', 'token.revoke')
      .execute();
    expect(revokes).toHaveLength(1);
  });

  it('answers 404 with the standard error body for an unknown token id', async () => {
    const response = await t.as('owner', { method: 'DELETE', url: '/api/tokens/no-such-token' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'API token no-such-token does not exist' },
    });
  });

  it('refuses an agent and a supervisor on all three routes', async () => {
    const { id } = (
      await t.as('owner', { method: 'POST', url: '/api/tokens', payload: { role: 'agent' } })
    ).json();
    for (const role of ['agent', 'supervisor'] as const) {
      const responses = await Promise.all([
        t.as(role, { method: 'GET', url: '/api/tokens' }),
        t.as(role, { method: 'POST', url: '/api/tokens', payload: { role: 'agent' } }),
        t.as(role, { method: 'DELETE', url: `/api/tokens/${id}` }),
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    }
    const row = await t.database.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });

  it('appears in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths['/api/tokens'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/tokens/{id}'] ?? {})).toEqual(['delete']);
  });
});
