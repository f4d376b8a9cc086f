import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_SIGN_IN_LIMIT } from '../auth/rate-limit-store.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

const signIn = (t: TestApp, email: string, options: { remoteAddress?: string; headers?: object } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: 'wrong-password' },
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    headers: { ...options.headers },
  });

describe('served over plain HTTP on a LAN, with no proxy believed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('asks no browser to upgrade to HTTPS, and ignores a forwarded protocol from anyone', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '192.168.1.20',
        headers,
      });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sets the session cookie without Secure, so it comes back over plain HTTP', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'agent@example.test', password: 'agent-password' },
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '192.168.1.20',
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'calmdesk_session')?.secure).toBeFalsy();
  });

  it('limits sign-in attempts on one account whichever address they come from', async () => {
    const statuses: number[] = [];
    const { max } = ACCOUNT_SIGN_IN_LIMIT;
    for (let i = 0; i < max + 2; i++) {
      statuses.push((await signIn(t, 'owner@example.test', { remoteAddress: `10.0.0.${i + 1}` })).statusCode);
    }
    expect(statuses.slice(0, max)).toEqual(Array(max).fill(401));
    expect(statuses.slice(max)).toEqual([429, 429]);
    const limited = await signIn(t, 'OWNER@example.test', { remoteAddress: '10.0.0.99' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too_many_requests');
    // Even the right password waits: the account is what is being guessed.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'owner@example.test', password: 'owner-password' },
      remoteAddress: '10.0.0.100',
    });
    expect(right.statusCode).toBe(429);
    // Another account from those addresses is not held up by it.
    expect((await signIn(t, 'supervisor@example.test', { remoteAddress: '10.0.0.1' })).statusCode).toBe(401);
  });

  it('does not count a successful sign-in against the account', async () => {
    for (let i = 0; i < ACCOUNT_SIGN_IN_LIMIT.max + 5; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'agent@example.test', password: 'agent-password' },
        remoteAddress: `10.1.0.${i + 1}`,
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it('still limits attempts from one address over many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await signIn(t, `nobody${i}@example.test`, { remoteAddress: '10.2.0.1' })).statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('behind a TLS proxy named in TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('asks browsers to stay on HTTPS when the proxy says the request came by HTTPS', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('leaves the upgrade out for a request the proxy took by plain HTTP', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('believes the forwarded protocol only from the proxy', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '192.168.1.20',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('sets the session cookie Secure', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'agent@example.test', password: 'agent-password' },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'calmdesk_session')?.secure).toBe(true);
  });

  it('limits sign-in per client address as the proxy forwards it, not per proxy', async () => {
    const from = (address: string, email: string) =>
      signIn(t, email, { headers: { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' } });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await from('203.0.113.8', `a${i}@example.test`)).statusCode);
    expect(statuses.at(-1)).toBe(429);
    expect((await from('203.0.113.9', 'b@example.test')).statusCode).toBe(401);
  });

  it('keeps the CLI routes to callers on this machine, not to those the proxy forwards', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/local/verify-log',
      headers: { 'x-forwarded-for': '203.0.113.7' },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/loopback/);
  });
});
