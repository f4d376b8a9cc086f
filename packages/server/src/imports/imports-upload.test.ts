import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('POST /api/imports/:kind reads the upload as it streams in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  }, 60_000);
  afterAll(() => t.close());

  it('imports a CSV sent in small pieces, a byte-order mark and a split character included', async () => {
    const bytes = Buffer.from('\uFEFFexternal_id,name\r\nUP-1,Zuzanna Żak\r\nUP-2,"Kask, Mari"\r\n');
    const pieces = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) =>
      bytes.subarray(i * 5, i * 5 + 5),
    );
    const response = await t.as('supervisor', {
      method: 'POST',
      url: '/api/imports/customers',
      headers: { 'content-type': 'text/csv' },
      payload: Readable.from(pieces),
    });
    expect(response.json()).toMatchObject({ imported: 2, rejected: 0 });
    const names = await t.database.db
      .selectFrom('customers')
      .select('name')
      .where('external_id', 'in', ['UP-1', 'UP-2'])
      .orderBy('external_id')
      .execute();
    expect(names.map((c) => c.name)).toEqual(['Zuzanna Żak', 'Kask, Mari']);
  });

  it('answers 400 for a file that is not UTF-8 and for a JSON body', async () => {
    const latin1 = await t.as('supervisor', {
      method: 'POST',
      url: '/api/imports/customers',
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from('external_id,name\nUP-3,Zuzanna \xafak\n', 'latin1'),
    });
    expect(latin1.statusCode).toBe(400);
    expect(latin1.json().error.message).toBe('the file is not UTF-8 text');
    const json = await t.as('supervisor', {
      method: 'POST',
      url: '/api/imports/customers',
      payload: { external_id: 'UP-4' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain('text/csv');
  });

  it('answers 413 naming the limit when the declared length is past it', async () => {
    const response = await t.as('supervisor', {
      method: 'POST',
      url: '/api/imports/customers',
      headers: { 'content-type': 'text/csv', 'content-length': String(65 * 1024 * 1024) },
      payload: Readable.from([Buffer.from('external_id,name\n')]),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toBe('the file is larger than the import limit of 64 MB');
  });
});
