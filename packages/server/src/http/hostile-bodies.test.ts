import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Sends `declaredBytes` of body in 64 KiB pieces, one at a time, and stops writing when the answer
 * comes: how much the server made us send before it answered.
 */
function sendSlowly(
  port: number,
  path: string,
  headers: Record<string, string>,
  declaredBytes: number,
  isChunked = false,
): Promise<{ status: number; body: string; sentBytes: number }> {
  const piece = Buffer.alloc(64 * 1024, 'a,b\n');
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: isChunked ? headers : { ...headers, 'content-length': String(declaredBytes) },
      },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, sentBytes });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const writeNext = () => {
      if (answered || sentBytes >= declaredBytes) return;
      sentBytes += piece.length;
      // Waits for each piece to be taken before the next: a server that reads the whole body pulls it all.
      req.write(piece, () => setTimeout(writeNext, 1));
    };
    writeNext();
  });
}

describe('an anonymous caller is refused before the body is read', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers 401, not 400, to an anonymous body that is not JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/json' },
      payload: '{"customer": ',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('answers 401 to an anonymous megabyte of nested brackets, and a signed-in one 400 naming the depth', async () => {
    const half = 512 * 1024 - 10;
    const nested = `${'['.repeat(half)}${']'.repeat(half)}`;
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: { 'content-type': 'application/json' },
      payload: nested,
    });
    expect(anonymous.statusCode).toBe(401);
    const signedIn = await t.as('agent', {
      method: 'POST',
      url: '/api/analyze',
      headers: { 'content-type': 'application/json' },
      payload: nested,
    });
    expect(signedIn.statusCode).toBe(400);
    expect(signedIn.json().error.message).toMatch(/^body: nested deeper than \d+ levels/);
    const deepButClosed = `{"text": "x", "lang": ${'['.repeat(100)}${']'.repeat(100)}}`;
    const closed = await t.as('agent', {
      method: 'POST',
      url: '/api/analyze',
      headers: { 'content-type': 'application/json' },
      payload: deepButClosed,
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toMatch(/nested deeper/);
  });

  it('still reads brackets inside strings as text', async () => {
    const response = await t.as('agent', {
      method: 'POST',
      url: '/api/analyze',
      payload: { text: `${'['.repeat(500)} "quoted \\" [[[" ${'{'.repeat(500)}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers an anonymous 60 MB CSV upload with 401 before taking the file', async () => {
    const sixtyMegabytes = 60 * 1024 * 1024;
    const answer = await sendSlowly(
      port,
      '/api/imports/bookings',
      { 'content-type': 'text/csv' },
      sixtyMegabytes,
    );
    expect(answer.status).toBe(401);
    expect(answer.sentBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('answers an anonymous upload of unknown length with 401 before taking the file', async () => {
    const answer = await sendSlowly(
      port,
      '/api/imports/bookings',
      { 'content-type': 'text/csv' },
      60 * 1024 * 1024,
      true,
    );
    expect(answer.status).toBe(401);
    expect(answer.sentBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('answers an upload declared past the import limit with 413 before taking the file', async () => {
    const answer = await sendSlowly(
      port,
      '/api/imports/bookings',
      { 'content-type': 'text/csv', authorization: `Bearer ${await tokenOf(t)}` },
      65 * 1024 * 1024,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toBe('the file is larger than the import limit of 64 MB');
    expect(answer.sentBytes).toBeLessThan(8 * 1024 * 1024);
  });
});

/** A supervisor's bearer token, read back from an inject the test app signs. */
async function tokenOf(t: TestApp): Promise<string> {
  const created = await t.as('owner', {
    method: 'POST',
    url: '/api/tokens',
    payload: { role: 'supervisor', label: 'upload test' },
  });
  return created.json().token;
}
