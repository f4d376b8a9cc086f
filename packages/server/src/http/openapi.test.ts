import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: object }>;
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const TAKES_BODY = new Set(['post', 'put', 'patch']);
const ERROR_STATUSES = ['400', '401', '403', '404', '409', '422', '429', '500'];

/** Every way an operation of the document falls short of describing itself, one line each. */
function gapsOf(paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const responses = op.responses ?? {};
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) gaps.push(`${name}: no success response`);
      for (const [status, response] of [
        ...success,
        ...ERROR_STATUSES.map((s) => [s, responses[s]] as const),
      ]) {
        const schemas = Object.values(response?.content ?? {}).map((c) => c.schema);
        if (status !== '204' && (schemas.length === 0 || schemas.some((s) => !s))) {
          gaps.push(`${name}: no schema for ${status}`);
        }
      }
      for (const param of path.match(/\{\w+\}/g) ?? []) {
        const named = op.parameters?.find((p) => p.in === 'path' && `{${p.name}}` === param);
        if (!named?.schema) gaps.push(`${name}: no schema for the path parameter ${param}`);
      }
      if (TAKES_BODY.has(method) && !Object.values(op.requestBody?.content ?? {}).some((c) => c.schema)) {
        gaps.push(`${name}: no request body schema`);
      }
    }
  }
  return gaps;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('describes the request and every answer of all 97 operations', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.values(doc.paths as Record<string, object>).flatMap((item) =>
      METHODS.filter((m) => m in item),
    );
    expect(operations).toHaveLength(97);
    expect(gapsOf(doc.paths)).toEqual([]);
  });

  it('describes the Idempotency-Key header on the POSTs that take it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const headersOf = (path: string) =>
      (doc.paths[path].post.parameters ?? [])
        .filter((p: { in: string }) => p.in === 'header')
        .map((p: { name: string }) => p.name);
    expect(headersOf('/api/cases')).toEqual(['idempotency-key']);
    expect(headersOf('/api/cases/{id}/interactions')).toEqual(['idempotency-key']);
    expect(headersOf('/api/session')).toEqual([]);
  });

  it('describes the query of every operation that reads one', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const queryOf = (path: string) =>
      ((doc.paths[path].get as Operation).parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
    expect(queryOf('/api/cases')).toEqual(expect.arrayContaining(['status', 'q', 'cursor', 'limit']));
    expect(queryOf('/api/analytics/cost-to-serve')).toEqual(
      expect.arrayContaining(['from', 'to', 'format', 'currency', 'sort', 'limit']),
    );
    expect(queryOf('/api/audit')).toEqual(expect.arrayContaining(['limit', 'before', 'target']));
  });

  it('finds an operation without a response schema', () => {
    const gaps = gapsOf({
      '/api/things/{id}': {
        get: { responses: { '200': {} } },
        post: { parameters: [{ in: 'path', name: 'id', schema: {} }], responses: {} },
      },
    });
    expect(gaps).toEqual(
      expect.arrayContaining([
        'GET /api/things/{id}: no schema for 200',
        'GET /api/things/{id}: no schema for the path parameter {id}',
        'POST /api/things/{id}: no success response',
        'POST /api/things/{id}: no request body schema',
      ]),
    );
  });

  it('answers a CSV variant of each analytics figure', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const figures = Object.keys(doc.paths).filter((p) => p.startsWith('/api/analytics/'));
    expect(figures).toHaveLength(8);
    for (const path of figures) {
      expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual([
        'application/json',
        'text/csv',
      ]);
    }
  });
});
