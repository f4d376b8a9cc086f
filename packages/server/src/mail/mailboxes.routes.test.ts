import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { markMailboxFailing, markMailboxSynced } from './mailboxes.service.ts';

describe.each(TEST_DATABASES)('mailboxes API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(() => t.close());

  const mailbox = {
    address: 'Support@Salon.example',
    imap: 'imaps://support%40salon.example:S3cret-pass@imap.salon.example/INBOX',
    smtp: 'smtp://support%40salon.example:Smtp-pass@smtp.salon.example:587',
  };

  it('adds a mailbox for an owner and never shows its passwords', async () => {
    const added = await t.as('owner', { method: 'POST', url: '/api/mailboxes', payload: mailbox });
    expect(added.statusCode).toBe(201);
    expect(added.body).not.toContain('S3cret-pass');
    expect(added.body).not.toContain('Smtp-pass');
    const body = added.json();
    expect(body).toMatchObject({
      address: 'support@salon.example',
      imap: 'imaps://support%40salon.example@imap.salon.example:993/INBOX',
      smtp: 'smtp://support%40salon.example@smtp.salon.example:587',
      status: 'ok',
      lastError: null,
      lastProblem: null,
      lastDetail: null,
      lastSyncAt: null,
      counts: { received: 0, processed: 0, ignored: 0, failed: 0 },
    });

    const listed = await t.as('supervisor', { method: 'GET', url: '/api/mailboxes' });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('pass');
    expect(listed.json().items.map((m: { id: string }) => m.id)).toContain(body.id);

    const one = await t.as('owner', { method: 'GET', url: `/api/mailboxes/${body.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: body.id, status: 'ok', failed: [] });
    expect(one.body).not.toContain('pass');

    const again = await t.as('owner', { method: 'POST', url: '/api/mailboxes', payload: mailbox });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an agent, bad URLs and unknown fields with the field named', async () => {
    const agent = await t.as('agent', { method: 'POST', url: '/api/mailboxes', payload: mailbox });
    expect(agent.statusCode).toBe(403);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...mailbox, address: 'x2@salon.example', imap: 'http://u:p@host/INBOX' }, 'imap'],
      [{ ...mailbox, address: 'x3@salon.example', imap: 'imap://host/INBOX' }, 'imap'],
      [{ ...mailbox, address: 'x4@salon.example', smtp: 'smtp://u:p@host/INBOX' }, 'smtp'],
      [{ ...mailbox, address: 'not an address' }, 'address'],
      [{ ...mailbox, address: 'x5@salon.example', port: 1 }, 'port'],
    ];
    for (const [payload, field] of bad) {
      const answer = await t.as('owner', { method: 'POST', url: '/api/mailboxes', payload });
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(answer.json().error)).toContain(field);
    }
    expect((await t.as('owner', { method: 'GET', url: '/api/mailboxes/nope' })).statusCode).toBe(404);
  });

  it('shows a failing mailbox’s problem code and the server’s words beside the reason, until it works again', async () => {
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'biuro@salon.example', imap: 'imap://biuro:pw@127.0.0.1:1/INBOX' },
    });
    const id = added.json().id;
    await markMailboxFailing(
      t.database.db,
      id,
      {
        problem: 'unreachable',
        reason: 'host unreachable: connection refused',
        detail: 'connect ECONNREFUSED 127.0.0.1:1',
      },
      t.clock.now,
    );
    const failing = (await t.as('supervisor', { method: 'GET', url: '/api/mailboxes' })).json();
    expect(failing.items.find((m: { id: string }) => m.id === id)).toMatchObject({
      status: 'error',
      lastError: 'host unreachable: connection refused',
      lastProblem: 'unreachable',
      lastDetail: 'connect ECONNREFUSED 127.0.0.1:1',
    });
    // Still failing, now for another reason: the code and the words follow it.
    await markMailboxFailing(
      t.database.db,
      id,
      { problem: 'auth', reason: 'wrong user name or password', detail: null },
      t.clock.now,
    );
    expect((await t.as('owner', { method: 'GET', url: `/api/mailboxes/${id}` })).json()).toMatchObject({
      lastProblem: 'auth',
      lastDetail: null,
    });
    await markMailboxSynced(t.database.db, id, t.clock.now);
    expect((await t.as('owner', { method: 'GET', url: `/api/mailboxes/${id}` })).json()).toMatchObject({
      status: 'ok',
      lastError: null,
      lastProblem: null,
      lastDetail: null,
    });
  });
});
