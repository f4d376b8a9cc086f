import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('http app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers the health check without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
  });

  it('serves an OpenAPI 3 document naming the case paths', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{id}/interactions']),
    );
  });

  it('serves the API docs UI without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('refuses the API without a session or token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/cases' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('signs in with a cookie and demands the CSRF token on writes', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'AGENT@example.test', password: 'agent-password' },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === 'calmdesk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    // The page may read that someone is signed in, never the session itself.
    const flag = signIn.cookies.find((c) => c.name === 'calmdesk_signed_in');
    expect(flag).toMatchObject({ value: '1', sameSite: 'Lax', path: '/' });
    expect(flag?.httpOnly).toBeFalsy();
    expect(flag?.maxAge).toBe(cookie?.maxAge);
    const headers = { cookie: `calmdesk_session=${cookie?.value}` };
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers });
    expect(session.json().user.role).toBe('agent');
    const payload = { customer: { name: 'Ewa' }, channel: 'phone', subject: 'Zła fryzura' };
    const withoutCsrf = await t.app.inject({ method: 'POST', url: '/api/cases', headers, payload });
    expect(withoutCsrf.statusCode).toBe(403);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...headers, 'x-csrf-token': session.json().csrfToken },
      payload,
    });
    expect(withCsrf.statusCode).toBe(201);
  });

  it('clears the signed-in flag on sign-out and when the session has ended', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'agent@example.test', password: 'agent-password' },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'calmdesk_session');
    const headers = { cookie: `calmdesk_session=${cookie?.value}; calmdesk_signed_in=1` };
    const csrfToken = (await t.app.inject({ method: 'GET', url: '/api/session', headers })).json().csrfToken;
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { ...headers, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const cleared = (response: typeof out) =>
      response.cookies.find((c) => c.name === 'calmdesk_signed_in' && c.value === '');
    expect(cleared(out)).toBeDefined();
    const ended = await t.app.inject({ method: 'GET', url: '/api/session', headers });
    expect(ended.statusCode).toBe(401);
    expect(cleared(ended)).toBeDefined();
  });

  it('answers a wrong password with 401 and the same words as an unknown e-mail', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'agent@example.test', password: 'nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'x@example.test', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('rate-limits sign-in attempts', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'agent@example.test', password: 'guess' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sets security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('config', () => {
  it('lets command-line options win over the environment', () => {
    const config = loadConfig({ PORT: '4000' }, { port: '5000' });
    expect(config.port).toBe(5000);
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/port/);
  });
});
