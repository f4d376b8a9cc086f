import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

// Every route of the OpenAPI document gets requests built from its own parameters and body schema:
// values that fit, values that almost fit and hostile ones. Whatever a client sends, the answer is never
// a 5xx. A fixed seed keeps a run repeatable; a failure names the seed and the request.

const SEED = 20261206;
const RUNS_PER_ROUTE = 40;

/** Never generated: the event stream stays open, and the mailbox checks connect to the hosts they are given. */
const SKIPPED = new Set(['GET /api/events', 'POST /api/mailboxes/test', 'POST /api/mailboxes/{id}/test']);

/** Routes of a signed-in person (a token has no notifications of its own): sent with the owner's cookie. */
const isPersonal = (operation: Operation) => /^\/api\/(me|notifications)\/|\/replying$/.test(operation.path);

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
}

interface Operation {
  method: string;
  path: string;
  parameters: Array<{ in: string; name: string; schema?: JsonSchema }>;
  body?: { contentType: string; schema: JsonSchema };
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

const hostileText = fc.constantFrom(
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '99999999999999999999999',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '99999-01-01',
  '0000-01-01',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  '9999-12-31T23:59:59.999+14:00',
  'x'.repeat(5000),
  '🙂'.repeat(300),
  '\u202Eevil\u202C',
  'Zaż\u0301ółć',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%',
  'null',
  'true',
  '[]',
  '{}',
  base64url('[1,"not a time","x"]'),
  base64url('[1e400,"2026-01-01T00:00:00.000Z","x"]'),
  base64url('["infinity","a\\u0000b"]'),
  base64url('[null,null]'),
  base64url('["99999-01-01T00:00:00.000Z","x"]'),
  base64url('{"a":1}'),
);

const anyText = fc.oneof(
  hostileText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Any JSON value, whatever the schema wanted: the wrong-type cases. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 63, 0.5, Number.MAX_SAFE_INTEGER + 2),
  anyText,
  fc.constant([]),
  fc.constant({}),
  fc.array(anyText, { maxLength: 3 }),
  fc.dictionary(anyText, anyText, { maxKeys: 3 }),
);

function resolve(schema: JsonSchema, doc: { components?: { schemas?: Record<string, JsonSchema> } }) {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1) ?? '';
  return doc.components?.schemas?.[name] ?? {};
}

/**
 * Values shaped by the schema. Tame ones fit it, so the request gets past validation to the service and
 * the database; wild ones go past its bounds and mix in hostile and wrong-typed values.
 */
function valueFor(schema: JsonSchema, doc: object, isWild: boolean, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedValue(resolve(schema, doc), doc, isWild, depth);
  return isWild ? fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: wrongType }) : shaped;
}

function shapedValue(s: JsonSchema, doc: object, isWild: boolean, depth: number): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valueFor(v, doc, isWild, depth + 1)));
  if (s.allOf?.[0]) return valueFor(s.allOf[0], doc, isWild, depth + 1);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 3 && (type === 'array' || type === 'object')) return fc.constant(type === 'array' ? [] : {});
  switch (type) {
    case 'string':
      return stringFor(s, isWild);
    case 'integer':
    case 'number':
      return numberFor(s, type === 'integer', isWild);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFor(s.items ?? {}, doc, isWild, depth + 1), { maxLength: 3 });
    case 'object':
      return objectFor(s, doc, isWild, depth);
    default:
      return wrongType;
  }
}

function stringFor(s: JsonSchema, isWild: boolean): fc.Arbitrary<unknown> {
  const dates = isWild
    ? fc.oneof(
        fc.date({ min: new Date('1899-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        fc.date({ noInvalidDate: true }),
      )
    : fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true });
  if (s.format === 'date') return dates.map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return dates.map((d) => d.toISOString());
  if (s.format === 'email') return isWild ? fc.oneof(fc.emailAddress(), anyText) : fc.emailAddress();
  if (s.format === 'uri' || s.format === 'url') return isWild ? fc.oneof(fc.webUrl(), anyText) : fc.webUrl();
  const minLength = s.minLength ?? 0;
  const fitting = fc.string({ minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? 30, 60)) });
  if (!isWild) return fitting;
  return fc.oneof(fitting, anyText, fc.constant('x'.repeat((s.maxLength ?? 5000) + 1)));
}

function numberFor(s: JsonSchema, isInteger: boolean, isWild: boolean): fc.Arbitrary<unknown> {
  const min = Math.max(s.minimum ?? -1e6, -1e15);
  const max = Math.min(s.maximum ?? 1e6, 1e15);
  const inRange = isInteger
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true });
  if (!isWild) return inRange;
  return fc.oneof(inRange, fc.constantFrom(min - 1, max + 1, 0.5, 1e21, -0));
}

function objectFor(s: JsonSchema, doc: object, isWild: boolean, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(s.properties ?? {});
  const model = Object.fromEntries(
    properties.map(([key, value]) => [key, valueFor(value, doc, isWild, depth + 1)]),
  );
  const shaped = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
  if (!isWild) return shaped;
  return fc.oneof(
    { weight: 3, arbitrary: shaped },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
    { weight: 1, arbitrary: shaped.map((o) => ({ ...(o as object), unexpected: 1 })) },
  );
}

/** A query or path value as a client could type it: encoded, or (wild) with raw percent signs left in. */
function urlValue(arbitrary: fc.Arbitrary<unknown>, isWild: boolean): fc.Arbitrary<string> {
  const text = arbitrary.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined')));
  const encoded = text.map((v) => encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '\uFFFD')));
  if (!isWild) return encoded;
  return fc.oneof(
    { weight: 4, arbitrary: encoded },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%', '%E0%A4%A', '%ED%A0%80', 'a%00b', '%2e%2e%2f') },
  );
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (SKIPPED.has(key) || path.startsWith('/api/docs')) continue;
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> })?.content;
      const [contentType, media] = Object.entries(content ?? {})[0] ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Operation['parameters']) ?? [],
        ...(contentType && media ? { body: { contentType, schema: media.schema } } : {}),
      });
    }
  }
  return operations;
}

/** Tame requests (every value fits its schema) and wild ones, half and half. */
function requestFor(operation: Operation, doc: object, knownIds: string[]) {
  return fc.oneof(
    requestOfKind(operation, doc, knownIds, false),
    requestOfKind(operation, doc, knownIds, true),
  );
}

function requestOfKind(operation: Operation, doc: object, knownIds: string[], isWild: boolean) {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const knownId = fc.constantFrom(...knownIds).map(encodeURIComponent);
  const idValue = isWild ? fc.oneof(knownId, urlValue(anyText, true)) : knownId;
  const urlValueFor = (schema: JsonSchema | undefined) =>
    urlValue(valueFor(schema ?? {}, doc, isWild), isWild);
  const path = fc.tuple(...pathParams.map((p) => (p.name === 'id' ? idValue : urlValueFor(p.schema))));
  const query = fc.tuple(...queryParams.map((p) => fc.option(urlValueFor(p.schema), { nil: undefined })));
  const csvText = isWild ? anyText : fc.string({ maxLength: 30 });
  const body = operation.body
    ? operation.body.contentType === 'application/json'
      ? valueFor(operation.body.schema, doc, isWild).map((v) => JSON.stringify(v) ?? '')
      : csvText.map((text) => `external_id,name\n${text},${text}\n`)
    : fc.constant(undefined);
  return fc.record({ path, query, body }).map(({ path: values, query: queryValues, body: payload }) => {
    let url = operation.path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, values[i] || 'x');
    });
    const pairs = queryParams.flatMap((p, i) =>
      queryValues[i] === undefined ? [] : [`${p.name}=${queryValues[i]}`],
    );
    if (pairs.length) url += `?${pairs.join('&')}`;
    return {
      method: operation.method as 'GET',
      url,
      ...(payload === undefined
        ? {}
        : { payload, headers: { 'content-type': operation.body?.contentType ?? 'application/json' } }),
    };
  });
}

describe.each(TEST_DATABASES)('no request a client can make gets a 5xx, on %s', (kind) => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Record<string, unknown>>> };
  const knownIds: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Anna Nowak', email: 'anna@example.test' },
        channel: 'email',
        subject: 'Reklamacja',
        message: { body: 'Jesteście oszustami! Oddajcie pieniądze do piątku!' },
      },
    });
    const detail = created.json();
    const refund = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${detail.id}/compensations`,
      payload: { kind: 'cash_refund', amount: 500 },
    });
    knownIds.push(detail.id, detail.customer.id, detail.interactions[0].id, refund.json().id);
    knownIds.push(t.users.agent.id);
    // Signed in before the runs use up the sign-in limit of the test's address.
    await t.asUser('owner', { method: 'GET', url: '/api/session' });
  });
  afterAll(() => t.close());

  it('answers every route of the OpenAPI document below 500, whatever it is sent', async () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    for (const [index, operation] of operations.entries()) {
      const seed = SEED + index;
      await fc.assert(
        fc.asyncProperty(requestFor(operation, doc, knownIds), async (request) => {
          const response = await (isPersonal(operation) ? t.asUser : t.as)('owner', request);
          if (response.statusCode >= 500) {
            throw new Error(
              `${operation.method} ${operation.path} (seed ${seed}): ${response.statusCode} ${response.body}`,
            );
          }
        }),
        { seed, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }
    // The runs changed data but never locked the owner out: the last requests were really answered.
    expect((await t.as('owner', { method: 'GET', url: '/api/cases' })).statusCode).toBe(200);
  });
});
