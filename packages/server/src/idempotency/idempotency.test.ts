import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { claimKey, purgeIdempotencyKeys } from './idempotency.service.ts';

const newCase = (subject: string) => ({
  customer: { name: 'Anna Nowak', email: 'anna@example.test' },
  channel: 'email',
  subject,
  message: { body: 'Paczka nie dotarła, proszę o zwrot pieniędzy.' },
});

describe.each(TEST_DATABASES)('Idempotency-Key on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const caseCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const openCase = (key: string | undefined, subject = 'Reklamacja', role: 'agent' | 'owner' = 'agent') =>
    t.as(role, {
      method: 'POST',
      url: '/api/cases',
      payload: newCase(subject),
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('answers a retry with the first answer and creates nothing more', async () => {
    const before = await caseCount();
    const first = await openCase('retry-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await openCase('retry-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toContain('application/json');
    expect(again.json()).toEqual(first.json());
    expect(await caseCount()).toBe(before + 1);
    // Without a key, or with another one, the same request is a new case.
    expect((await openCase(undefined)).statusCode).toBe(201);
    expect((await openCase('retry-2')).statusCode).toBe(201);
    expect(await caseCount()).toBe(before + 3);
  });

  it('refuses the same key with another body, and keeps keys apart per client and per operation', async () => {
    expect((await openCase('shared-key', 'Pierwsza')).statusCode).toBe(201);
    const reused = await openCase('shared-key', 'Druga');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({
      code: 'idempotency_key_reused',
      path: 'headers.idempotency-key',
    });
    expect((await openCase('shared-key', 'Druga', 'owner')).statusCode).toBe(201);
    const caseId = (await openCase('for-notes')).json().id;
    const note = (key: string, body: string) =>
      t.as('agent', {
        method: 'POST',
        url: `/api/cases/${caseId}/interactions`,
        payload: { kind: 'note', body },
        headers: { 'idempotency-key': key },
      });
    const first = await note('shared-key', 'Sprawdzam u kuriera.');
    expect(first.statusCode).toBe(201);
    const retried = await note('shared-key', 'Sprawdzam u kuriera.');
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().id).toBe(first.json().id);
    const entries = (await t.as('agent', { method: 'GET', url: `/api/cases/${caseId}` })).json().interactions;
    expect(entries.filter((entry: { kind: string }) => entry.kind === 'note')).toHaveLength(1);
    // The same key and body on another case is another request.
    const otherCase = (await openCase('for-notes-2')).json().id;
    const elsewhere = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${otherCase}/interactions`,
      payload: { kind: 'note', body: 'Sprawdzam u kuriera.' },
      headers: { 'idempotency-key': 'shared-key' },
    });
    expect(elsewhere.statusCode).toBe(422);
  });

  it('lets exactly one of several simultaneous requests with one key do the work', async () => {
    const before = await caseCount();
    const answers = await Promise.all(Array.from({ length: 5 }, () => openCase('at-once')));
    const worked = answers.filter((a) => a.statusCode === 201 && !a.headers['idempotent-replayed']);
    expect(worked).toHaveLength(1);
    for (const answer of answers) {
      if (answer === worked[0]) continue;
      if (answer.statusCode === 409) {
        expect(answer.json().error.code).toBe('idempotency_key_in_progress');
        expect(answer.headers['retry-after']).toBe('1');
      } else {
        expect(answer.headers['idempotent-replayed']).toBe('true');
        expect(answer.json().id).toBe(worked[0]?.json().id);
      }
    }
    expect(await caseCount()).toBe(before + 1);
    const id = { actor: 'cli', key: 'held', operation: 'POST /api/cases' };
    expect(await claimKey(t.database.db, id, 'a', t.clock.now)).toEqual({ kind: 'claimed' });
    expect(await claimKey(t.database.db, id, 'a', t.clock.now)).toEqual({ kind: 'in_progress' });
    expect(await claimKey(t.database.db, id, 'b', t.clock.now)).toEqual({ kind: 'reused' });
    // A first request whose process died gives way after five minutes.
    const later = new Date(t.clock.now.getTime() + 6 * 60_000);
    expect(await claimKey(t.database.db, id, 'a', later)).toEqual({ kind: 'claimed' });
  });

  it('keeps no answer for a request that failed, so its retry runs again', async () => {
    const missing = await t.as('agent', {
      method: 'POST',
      url: '/api/cases/no-such-case/interactions',
      payload: { kind: 'note', body: 'Notatka' },
      headers: { 'idempotency-key': 'failed-once' },
    });
    expect(missing.statusCode).toBe(404);
    const rows = await t.database.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'failed-once')
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a malformed key with a 400 naming the header', async () => {
    for (const key of ['', 'x'.repeat(256), 'zażółć', 'tab\there']) {
      const refused = await openCase(key);
      expect(refused.statusCode, JSON.stringify(key)).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'bad_request', path: 'headers.idempotency-key' });
    }
    expect((await openCase(`${'k'.repeat(254)}~`)).statusCode).toBe(201);
  });

  it('forgets answers after a day', async () => {
    expect((await openCase('a-day-old', 'Stara sprawa')).statusCode).toBe(201);
    const nextDay = new Date(Date.now() + 25 * 60 * 60_000);
    expect(await purgeIdempotencyKeys(t.database.db, nextDay)).toBeGreaterThan(0);
    const rows = await t.database.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(rows).toEqual([]);
    expect((await openCase('a-day-old', 'Nowa sprawa')).statusCode).toBe(201);
  });
});
