import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { LOCAL_SECRET_HEADER } from './server-file.ts';

describe('local routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a caller without the secret of server.json, even a signed-in owner', async () => {
    const response = await t.as('owner', {
      method: 'POST',
      url: '/api/local/tokens',
      payload: { role: 'agent' },
      headers: { [LOCAL_SECRET_HEADER]: 'guessed-secret-guessed-secret' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain('server.json');
  });

  it('refuses a caller from another machine before looking at the secret', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/local/verify-log',
      remoteAddress: '192.168.1.20',
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain('loopback');
  });

  it('is left out of the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths).some((path) => path.startsWith('/api/local'))).toBe(false);
    expect(Object.keys(spec.paths)).toContain('/api/users');
  });
});
