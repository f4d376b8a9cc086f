import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('the inbox API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  let serial = 0;
  async function openCase(body = 'Paczka nie przyszła.') {
    serial += 1;
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: `Klient ${serial}`, email: `klient${serial}@example.test` },
        channel: 'email',
        subject: `Sprawa ${serial}`,
        message: { body },
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json().id as string;
  }

  describe('bulk changes', () => {
    it('assigns and closes several cases in one call, each audited as a single change would be', async () => {
      const ids = [await openCase(), await openCase()];
      const assigned = await t.asUser('supervisor', {
        method: 'POST',
        url: '/api/cases/bulk',
        payload: { ids, change: { assignee: t.users.agent.id } },
      });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json()).toEqual({
        results: ids.map((id) => ({ id, ok: true, error: null })),
        changed: 2,
        failed: 0,
      });
      const closed = await t.asUser('supervisor', {
        method: 'POST',
        url: '/api/cases/bulk',
        payload: { ids, change: { status: 'closed' } },
      });
      expect(closed.json().changed).toBe(2);
      for (const id of ids) {
        const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${id}` })).json();
        expect({ status: detail.status, assignee: detail.assignee?.id }).toEqual({
          status: 'closed',
          assignee: t.users.agent.id,
        });
        const audit = (await t.as('owner', { method: 'GET', url: `/api/audit?target=${id}` })).json();
        const updates = audit.items.filter((entry: { action: string }) => entry.action === 'case.update');
        expect(updates).toHaveLength(2);
        expect(updates[0]).toMatchObject({
          actor: t.users.supervisor.id,
          actorName: 'Test supervisor',
          details: { status: 'closed', before: { status: 'new', assignee: t.users.agent.id } },
        });
      }
    });

    it('reports the cases that refused and changes the others', async () => {
      const good = await openCase();
      const answer = await t.as('agent', {
        method: 'POST',
        url: '/api/cases/bulk',
        payload: { ids: [good, 'no-such-case'], change: { status: 'open' } },
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({
        results: [
          { id: good, ok: true, error: null },
          { id: 'no-such-case', ok: false, error: { code: 'not_found', message: expect.any(String) } },
        ],
        changed: 1,
        failed: 1,
      });
      const nobody = await t.as('agent', {
        method: 'POST',
        url: '/api/cases/bulk',
        payload: { ids: [good], change: { assignee: 'someone-who-left' } },
      });
      expect(nobody.json().results[0]).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    });

    it('refuses an empty change or a case named twice', async () => {
      const id = await openCase();
      const empty = await t.as('agent', {
        method: 'POST',
        url: '/api/cases/bulk',
        payload: { ids: [id], change: {} },
      });
      expect(empty.statusCode).toBe(400);
      const twice = await t.as('agent', {
        method: 'POST',
        url: '/api/cases/bulk',
        payload: { ids: [id, id], change: { status: 'open' } },
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().error.path).toBe('body.ids');
    });
  });

  describe('saved views', () => {
    it('keeps a personal view for its owner and a shared one for everyone', async () => {
      const personal = await t.asUser('agent', {
        method: 'POST',
        url: '/api/views',
        payload: { name: 'Moje pilne', filters: { assignee: 'me', level: 'hostile', q: 'zwrot' } },
      });
      expect(personal.statusCode).toBe(201);
      expect(personal.json()).toMatchObject({
        name: 'Moje pilne',
        shared: false,
        filters: { assignee: 'me', level: 'hostile', q: 'zwrot' },
        owner: { id: t.users.agent.id, name: 'Test agent' },
        canDelete: true,
      });
      const shared = await t.asUser('agent', {
        method: 'POST',
        url: '/api/views',
        payload: { name: 'Eskalowane', shared: true, filters: { escalated: 'true', sort: 'due' } },
      });
      expect(shared.statusCode).toBe(201);

      const agentViews = (await t.asUser('agent', { method: 'GET', url: '/api/views' })).json().items;
      expect(agentViews.map((v: { name: string }) => v.name)).toEqual(['Eskalowane', 'Moje pilne']);
      const supervisorViews = (await t.asUser('supervisor', { method: 'GET', url: '/api/views' })).json()
        .items;
      expect(supervisorViews).toEqual([expect.objectContaining({ name: 'Eskalowane', canDelete: true })]);

      const again = await t.asUser('agent', {
        method: 'POST',
        url: '/api/views',
        payload: { name: 'moje PILNE', filters: {} },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.path).toBe('name');

      // Someone else's personal view is not there for them; a shared one a supervisor may delete.
      const stranger = await t.asUser('supervisor', {
        method: 'DELETE',
        url: `/api/views/${personal.json().id}`,
      });
      expect(stranger.statusCode).toBe(404);
      const removed = await t.asUser('supervisor', {
        method: 'DELETE',
        url: `/api/views/${shared.json().id}`,
      });
      expect(removed.statusCode).toBe(204);
      const left = (await t.asUser('agent', { method: 'GET', url: '/api/views' })).json().items;
      expect(left.map((v: { name: string }) => v.name)).toEqual(['Moje pilne']);
    });

    it('refuses a filter the inbox does not have', async () => {
      const odd = await t.asUser('agent', {
        method: 'POST',
        url: '/api/views',
        payload: { name: 'Dziwny', filters: { limit: 5 } },
      });
      expect(odd.statusCode).toBe(400);
    });
  });

  describe('unread cases', () => {
    const unreadOf = async (id: string) => {
      const page = await t.asUser('agent', { method: 'GET', url: '/api/cases?limit=200&sort=created' });
      return page.json().items.find((item: { id: string }) => item.id === id)?.unread;
    };

    it('marks a case until its reader opens it, and again when the customer writes once more', async () => {
      const id = await openCase('Gdzie jest moja paczka?');
      expect(await unreadOf(id)).toBe(true);
      await t.asUser('agent', { method: 'GET', url: `/api/cases/${id}` });
      expect(await unreadOf(id)).toBe(false);
      // Someone else opening it reads it for them only.
      const other = await t.asUser('supervisor', { method: 'GET', url: '/api/cases?limit=200&sort=created' });
      expect(other.json().items.find((item: { id: string }) => item.id === id).unread).toBe(true);

      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const written = await t.as('agent', {
        method: 'POST',
        url: `/api/cases/${id}/interactions`,
        payload: { kind: 'inbound', body: 'Nadal czekam.' },
      });
      expect(written.statusCode).toBe(201);
      expect(await unreadOf(id)).toBe(true);
      // Our own note is not the customer writing.
      await t.asUser('agent', { method: 'GET', url: `/api/cases/${id}` });
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      await t.as('agent', {
        method: 'POST',
        url: `/api/cases/${id}/interactions`,
        payload: { kind: 'note', body: 'Sprawdzam u kuriera.' },
      });
      expect(await unreadOf(id)).toBe(false);
    });
  });
});
