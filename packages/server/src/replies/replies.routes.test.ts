import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('saved replies on %s', (kind) => {
  let t: TestApp;
  let caseId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const opened = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Anna Kowalska', email: 'anna.k@example.pl', language: 'pl' },
        channel: 'email',
        subject: 'Zepsuty zamek',
        message: { body: 'Zamek znowu nie działa.' },
      },
    });
    expect(opened.statusCode).toBe(201);
    caseId = opened.json().id;
  }, 60_000);
  afterAll(() => t.close());

  it('lets a supervisor share a reply and refuses a shared one from an agent', async () => {
    const refused = await t.asUser('agent', {
      method: 'POST',
      url: '/api/replies',
      payload: { lang: 'en', title: 'Thanks', body: 'Thank you, {customer_name}.', scope: 'shared' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const shared = await t.asUser('supervisor', {
      method: 'POST',
      url: '/api/replies',
      payload: {
        lang: 'pl',
        title: 'Potwierdzenie',
        body: 'Dzień dobry, {customer_name}! Przyjąłem/Przyjęłam zgłoszenie {case_ref} – przepraszam, że musiał(a) Pan/Pani czekać. Odezwę się do {due_date}. {agent_name}',
        scope: 'shared',
      },
    });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({ scope: 'shared', canEdit: true, lang: 'pl' });
    const seenByAgent = await t.asUser('agent', { method: 'GET', url: '/api/replies' });
    expect(seenByAgent.json().items).toEqual([
      expect.objectContaining({ title: 'Potwierdzenie', canEdit: false }),
    ]);
    const change = await t.asUser('agent', {
      method: 'PATCH',
      url: `/api/replies/${shared.json().id}`,
      payload: { title: 'Mine now' },
    });
    expect(change.statusCode).toBe(403);
  });

  it("keeps an agent's personal replies to that agent, who alone may change and delete them", async () => {
    const own = await t.asUser('agent', {
      method: 'POST',
      url: '/api/replies',
      payload: {
        lang: 'en',
        title: 'Call back',
        body: 'I will call you back, {customer_first_name}.',
        scope: 'personal',
      },
    });
    expect(own.statusCode).toBe(201);
    const id = own.json().id;
    const bySupervisor = await t.asUser('supervisor', { method: 'GET', url: '/api/replies' });
    expect(bySupervisor.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    const supervisorEdit = await t.asUser('supervisor', {
      method: 'PATCH',
      url: `/api/replies/${id}`,
      payload: { body: 'x' },
    });
    expect(supervisorEdit.statusCode).toBe(404);
    const edited = await t.asUser('agent', {
      method: 'PATCH',
      url: `/api/replies/${id}`,
      payload: { title: 'Callback' },
    });
    expect(edited.json()).toMatchObject({ title: 'Callback', scope: 'personal', canEdit: true });
    const empty = await t.asUser('agent', {
      method: 'POST',
      url: '/api/replies',
      payload: { lang: 'en', title: ' ', body: 'b', scope: 'personal' },
    });
    expect(empty.statusCode).toBe(400);
    const gone = await t.asUser('agent', { method: 'DELETE', url: `/api/replies/${id}` });
    expect(gone.statusCode).toBe(204);
    const after = await t.asUser('agent', { method: 'GET', url: '/api/replies' });
    expect(after.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it("writes the replies out for a case: variables filled, Polish forms chosen, the case's language first", async () => {
    await t.asUser('agent', {
      method: 'POST',
      url: '/api/replies',
      payload: { lang: 'en', title: 'A', body: 'Hello {customer_name}', scope: 'personal' },
    });
    const unknownForms = await t.asUser('agent', { method: 'GET', url: `/api/cases/${caseId}/replies` });
    expect(unknownForms.statusCode).toBe(200);
    const before = unknownForms.json();
    expect(before.lang).toBe('pl');
    expect(before.items.map((r: { lang: string }) => r.lang)).toEqual(['pl', 'en']);
    expect(before.items[0].text).toContain('Przyjąłem/Przyjęłam');
    expect(before.items[0].unfilled).toEqual(['due_date']);

    const profile = await t.asUser('agent', {
      method: 'PUT',
      url: '/api/session/profile',
      payload: { signature: 'Test agent\nSalon Ewa, tel. 600 100 200', grammaticalGender: 'feminine' },
    });
    expect(profile.statusCode).toBe(200);
    const customer = await t.as('agent', { method: 'GET', url: '/api/customers?email=anna.k@example.pl' });
    const customerId = customer.json().items[0].id;
    const patched = await t.as('agent', {
      method: 'PATCH',
      url: `/api/customers/${customerId}`,
      payload: { salutation: 'ms' },
    });
    expect(patched.json()).toMatchObject({ salutation: 'ms', addressForm: 'formal' });

    const written = (await t.asUser('agent', { method: 'GET', url: `/api/cases/${caseId}/replies` })).json();
    expect(written.forms).toEqual({ speaker: 'feminine', addressee: 'ms' });
    expect(written.signature).toBe('Test agent\nSalon Ewa, tel. 600 100 200');
    expect(written.mailed).toBe(false);
    expect(written.items[0].text).toBe(
      `Dzień dobry, Anna Kowalska! Przyjęłam zgłoszenie #${caseId.slice(0, 8)} – przepraszam, że musiała Pani czekać. Odezwę się do {due_date}. Test agent`,
    );
    expect(written.items[1].text).toBe('Hello Anna Kowalska');
  });

  it('answers 404 for the replies of a case that does not exist', async () => {
    const answer = await t.asUser('agent', { method: 'GET', url: '/api/cases/nothing-here/replies' });
    expect(answer.statusCode).toBe(404);
  });
});
