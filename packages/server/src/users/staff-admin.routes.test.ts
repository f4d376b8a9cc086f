import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { addUser } from './users.service.ts';

describe.each(TEST_DATABASES)("the owner's staff administration on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it("changes a staff member's name, e-mail and role, audited with what it was", async () => {
    const member = await addUser(t.database.db, CLI_ACTOR, {
      name: 'Ewa Nowak',
      email: 'ewa@example.test',
      password: 'a-good-long-password',
      role: 'agent',
    });
    const changed = await t.asUser('owner', {
      method: 'PATCH',
      url: `/api/users/${member.id}`,
      payload: { name: 'Ewa Kowalska', email: 'Ewa.Kowalska@Example.test', role: 'supervisor' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      id: member.id,
      name: 'Ewa Kowalska',
      email: 'ewa.kowalska@example.test',
      role: 'supervisor',
      disabledAt: null,
    });
    const audit = await t.as('owner', {
      method: 'GET',
      url: `/api/audit?target=${member.id}&action=user.update`,
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        actor: t.users.owner.id,
        actorName: 'Test owner',
        details: {
          changed: ['name', 'email', 'role'],
          email: { before: 'ewa@example.test', after: 'ewa.kowalska@example.test' },
          role: { before: 'agent', after: 'supervisor' },
        },
      }),
    ]);
  });

  it("refuses another's e-mail address, a supervisor editing, and the last owner's demotion", async () => {
    const taken = await t.asUser('owner', {
      method: 'PATCH',
      url: `/api/users/${t.users.agent.id}`,
      payload: { email: 'supervisor@example.test' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.path).toBe('email');
    const bySupervisor = await t.asUser('supervisor', {
      method: 'PATCH',
      url: `/api/users/${t.users.agent.id}`,
      payload: { name: 'Someone else' },
    });
    expect(bySupervisor.statusCode).toBe(403);
    const lastOwner = await t.asUser('owner', {
      method: 'PATCH',
      url: `/api/users/${t.users.owner.id}`,
      payload: { role: 'agent' },
    });
    expect(lastOwner.statusCode).toBe(409);
    expect(lastOwner.json().error.path).toBe('role');
    const missing = await t.asUser('owner', {
      method: 'PATCH',
      url: '/api/users/nobody',
      payload: { name: 'X' },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe.each(TEST_DATABASES)('the audit log filtered on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('filters by actor, action family and time, and pages through what it finds', async () => {
    for (const name of ['Pierwsza', 'Druga', 'Trzecia']) {
      const opened = await t.asUser('agent', {
        method: 'POST',
        url: '/api/cases',
        payload: { customer: { name }, channel: 'phone', subject: name },
      });
      expect(opened.statusCode).toBe(201);
    }
    const query = async (q: string) =>
      (await t.asUser('supervisor', { method: 'GET', url: `/api/audit?${q}` })).json();
    const byAgent = await query(`actor=${t.users.agent.id}&action=case.&limit=2`);
    expect(byAgent.items).toHaveLength(2);
    expect(byAgent.items.every((e: { actor: string; action: string }) => e.actor === t.users.agent.id)).toBe(
      true,
    );
    expect(byAgent.items.every((e: { action: string }) => e.action.startsWith('case.'))).toBe(true);
    expect(byAgent.nextBefore).toBe(byAgent.items[1].id);
    const rest = await query(`actor=${t.users.agent.id}&action=case.&limit=2&before=${byAgent.nextBefore}`);
    expect(rest.nextBefore).toBeNull();
    const all = [...byAgent.items, ...rest.items].filter(
      (e: { action: string }) => e.action === 'case.create',
    );
    expect(all).toHaveLength(3);

    // Entries are stamped by the database's clock: the middle one's instant divides them.
    const created = (await query('action=case.create')).items as Array<{ at: string }>;
    expect(created).toHaveLength(3);
    const middle = created[1]?.at ?? '';
    expect((await query(`action=case.create&from=${middle}`)).items).toHaveLength(2);
    expect((await query(`action=case.create&to=${middle}`)).items).toHaveLength(1);

    const actions = (await t.asUser('supervisor', { method: 'GET', url: '/api/audit/actions' })).json().items;
    expect(actions).toContain('case.create');
    const agent = await t.asUser('agent', { method: 'GET', url: '/api/audit' });
    expect(agent.statusCode).toBe(403);
  });
});
