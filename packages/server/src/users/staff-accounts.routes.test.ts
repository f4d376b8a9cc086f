import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/auth.hook.ts';
import { signIn } from '../auth/auth.service.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { addUser } from './users.service.ts';

describe.each(TEST_DATABASES)('managing staff accounts on %s', (kind) => {
  let t: TestApp;
  /** A second server process on the same database. */
  let other: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    other = await buildApp({
      db: t.database.db,
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      now: () => t.clock.now,
    });
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  let serial = 0;
  async function addAgent(password = 'a-good-long-password') {
    serial += 1;
    const email = `leaver${serial}@example.test`;
    const user = await addUser(t.database.db, CLI_ACTOR, {
      name: `Leaver ${serial}`,
      email,
      password,
      role: 'agent',
    });
    return { ...user, password };
  }
  async function sessionOf(email: string, password: string) {
    const session = await signIn(t.database.db, email, password, t.clock.now);
    return { cookie: `${SESSION_COOKIE}=${session.cookie}`, csrf: session.csrfToken };
  }
  const withSession = (session: { cookie: string; csrf: string }, options: InjectOptions): InjectOptions => ({
    ...options,
    headers: { ...options.headers, cookie: session.cookie, [CSRF_HEADER]: session.csrf },
  });

  it('refuses a short or common password, naming the field', async () => {
    const short = await t.as('owner', {
      method: 'POST',
      url: '/api/users',
      payload: { name: 'Ann', email: 'ann@example.test', password: 'abcdefgh123', role: 'agent' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'bad_request', path: 'body.password' });
    expect(short.json().error.message).toContain('12 characters');
    const common = await t.as('owner', {
      method: 'POST',
      url: '/api/users',
      payload: { name: 'Ann', email: 'ann@example.test', password: 'QWERTY123456', role: 'agent' },
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error).toMatchObject({
      code: 'bad_request',
      path: 'password',
      reason: 'password_too_common',
    });
  });

  it('lets the owner disable someone: their sessions stop on every process at once, and enable them again', async () => {
    const leaver = await addAgent();
    const session = await sessionOf(leaver.email, leaver.password);
    const onOther = () => other.inject(withSession(session, { method: 'GET', url: '/api/session' }));
    expect((await onOther()).statusCode).toBe(200);

    const disabled = await t.asUser('owner', {
      method: 'PUT',
      url: `/api/users/${leaver.id}/disabled`,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: leaver.id, disabledAt: t.clock.now.toISOString() });
    expect((await onOther()).statusCode).toBe(401);
    const staff = await t.as('owner', { method: 'GET', url: '/api/users/staff' });
    expect(staff.json().items.find((u: { id: string }) => u.id === leaver.id)?.disabledAt).not.toBeNull();
    const listed = await t.as('agent', { method: 'GET', url: '/api/users' });
    expect(listed.json().items.map((u: { id: string }) => u.id)).not.toContain(leaver.id);
    await expect(sessionOf(leaver.email, leaver.password)).rejects.toThrow('e-mail or password is wrong');

    const enabled = await t.as('owner', {
      method: 'PUT',
      url: `/api/users/${leaver.id}/disabled`,
      payload: { disabled: false },
    });
    expect(enabled.json().disabledAt).toBeNull();
    // The old session stays ended; signing in again works.
    expect((await onOther()).statusCode).toBe(401);
    const again = await sessionOf(leaver.email, leaver.password);
    expect((await other.inject(withSession(again, { method: 'GET', url: '/api/session' }))).statusCode).toBe(
      200,
    );
  });

  it('lets only an owner disable staff, never themselves', async () => {
    const leaver = await addAgent();
    const bySupervisor = await t.as('supervisor', {
      method: 'PUT',
      url: `/api/users/${leaver.id}/disabled`,
      payload: { disabled: true },
    });
    expect(bySupervisor.statusCode).toBe(403);
    const self = await t.asUser('owner', {
      method: 'PUT',
      url: `/api/users/${t.users.owner.id}/disabled`,
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.path).toBe('disabled');
    const unknown = await t.as('owner', {
      method: 'PUT',
      url: '/api/users/no-such-user/disabled',
      payload: { disabled: true },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('signs someone out everywhere on the owner’s word', async () => {
    const person = await addAgent();
    const first = await sessionOf(person.email, person.password);
    const second = await sessionOf(person.email, person.password);
    const ended = await t.as('owner', { method: 'DELETE', url: `/api/users/${person.id}/sessions` });
    expect(ended.statusCode).toBe(204);
    for (const session of [first, second]) {
      expect(
        (await other.inject(withSession(session, { method: 'GET', url: '/api/users' }))).statusCode,
      ).toBe(401);
    }
    const byAgent = await t.as('agent', { method: 'DELETE', url: `/api/users/${person.id}/sessions` });
    expect(byAgent.statusCode).toBe(403);
  });

  it('resets a password to a one-time one shown once, or to a set one, ending their sessions', async () => {
    const person = await addAgent();
    const session = await sessionOf(person.email, person.password);
    const reset = await t.as('owner', {
      method: 'POST',
      url: `/api/users/${person.id}/password`,
      payload: {},
    });
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword } = reset.json();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    expect((await other.inject(withSession(session, { method: 'GET', url: '/api/users' }))).statusCode).toBe(
      401,
    );
    await expect(sessionOf(person.email, person.password)).rejects.toThrow();
    await sessionOf(person.email, oneTimePassword);

    const weak = await t.as('owner', {
      method: 'POST',
      url: `/api/users/${person.id}/password`,
      payload: { password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.path).toBe('body.password');
    const set = await t.as('owner', {
      method: 'POST',
      url: `/api/users/${person.id}/password`,
      payload: { password: 'a-new-long-password' },
    });
    expect(set.json()).toEqual({ oneTimePassword: null });
    await sessionOf(person.email, 'a-new-long-password');
    const bySupervisor = await t.as('supervisor', {
      method: 'POST',
      url: `/api/users/${person.id}/password`,
      payload: {},
    });
    expect(bySupervisor.statusCode).toBe(403);
  });

  it('lets anyone change their own password with the current one, ending their other sessions', async () => {
    const person = await addAgent();
    const here = await sessionOf(person.email, person.password);
    const elsewhere = await sessionOf(person.email, person.password);
    const change = (payload: object) =>
      t.app.inject(withSession(here, { method: 'PUT', url: '/api/session/password', payload }));

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'my-new-long-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ path: 'currentPassword', reason: 'password_wrong' });
    const common = await change({ currentPassword: person.password, newPassword: '1qaz2wsx3edc' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error).toMatchObject({ path: 'newPassword', reason: 'password_too_common' });
    const tooShort = await change({ currentPassword: person.password, newPassword: 'elevenchars' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.path).toBe('body.newPassword');
    // Nothing changed so far: the other session still works.
    expect(
      (await other.inject(withSession(elsewhere, { method: 'GET', url: '/api/users' }))).statusCode,
    ).toBe(200);

    const changed = await change({ currentPassword: person.password, newPassword: 'my-new-long-password' });
    expect(changed.statusCode).toBe(204);
    expect(
      (await other.inject(withSession(elsewhere, { method: 'GET', url: '/api/users' }))).statusCode,
    ).toBe(401);
    expect((await other.inject(withSession(here, { method: 'GET', url: '/api/users' }))).statusCode).toBe(
      200,
    );
    await sessionOf(person.email, 'my-new-long-password');
    const byToken = await t.as('owner', {
      method: 'PUT',
      url: '/api/session/password',
      payload: { currentPassword: 'x', newPassword: 'my-new-long-password' },
    });
    expect(byToken.statusCode).toBe(403);
  });

  it('limits guesses of the current password as it limits sign-ins', async () => {
    const person = await addAgent();
    const session = await sessionOf(person.email, person.password);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const answer = await t.app.inject(
        withSession(session, {
          method: 'PUT',
          url: '/api/session/password',
          payload: { currentPassword: `guess-${i}`, newPassword: 'my-new-long-password' },
        }),
      );
      statuses.push(answer.statusCode);
    }
    expect(statuses[0]).toBe(400);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status !== 400 && status !== 429)).toEqual([]);
  });
});
