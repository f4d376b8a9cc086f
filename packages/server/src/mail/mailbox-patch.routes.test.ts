import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('changing a mailbox on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(() => t?.close());

  const imap = 'imaps://office:Imap-pass@imap.salon.example/INBOX';
  const smtp = 'smtp://office:Smtp-pass@smtp.salon.example:587';
  const add = async (payload: object) => {
    const answer = await t.as('owner', { method: 'POST', url: '/api/mailboxes', payload });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json() as { id: string; acknowledge: boolean };
  };
  const patch = (id: string, payload: object, role: 'owner' | 'supervisor' = 'owner') =>
    t.as(role, { method: 'PATCH', url: `/api/mailboxes/${id}`, payload });
  const auditOf = async (id: string) =>
    (await t.as('owner', { method: 'GET', url: `/api/audit?target=${id}` }))
      .json()
      .items.map((e: { action: string; details: unknown }) => ({ action: e.action, details: e.details }));

  it('adds a mailbox without acknowledgements unless asked for', async () => {
    expect((await add({ address: 'plain@salon.example', imap, smtp })).acknowledge).toBe(false);
    expect((await add({ address: 'ack@salon.example', imap, smtp, acknowledge: true })).acknowledge).toBe(
      true,
    );
  });

  it('turns the acknowledgement on and off, auditing each change once', async () => {
    const { id } = await add({ address: 'toggle@salon.example', imap, smtp });
    const on = await patch(id, { acknowledge: true });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ id, acknowledge: true, failed: [] });
    expect((await patch(id, { acknowledge: true })).statusCode).toBe(200);
    expect((await patch(id, { acknowledge: false })).json().acknowledge).toBe(false);
    expect(await auditOf(id)).toEqual([
      { action: 'mailbox.acknowledge', details: { from: true, to: false } },
      { action: 'mailbox.acknowledge', details: { from: false, to: true } },
      { action: 'mailbox.add', details: null },
    ]);
  });

  it('changes and removes the SMTP server, never showing or auditing its password', async () => {
    const { id } = await add({ address: 'smtp@salon.example', imap });
    const changed = await patch(id, { smtp: 'smtps://office:New-Smtp-pass@mail.salon.example' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().smtp).toBe('smtps://office@mail.salon.example:465');
    expect(changed.body).not.toContain('New-Smtp-pass');
    const stored = await t.database.db
      .selectFrom('mailboxes')
      .select(['smtp_password'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.smtp_password).toBe('New-Smtp-pass');
    const removed = await patch(id, { smtp: null });
    expect(removed.json().smtp).toBeNull();
    const audit = await auditOf(id);
    expect(JSON.stringify(audit)).not.toContain('pass');
    expect(audit.slice(0, 2)).toEqual([
      { action: 'mailbox.smtp', details: { from: 'smtps://office@mail.salon.example:465', to: null } },
      { action: 'mailbox.smtp', details: { from: null, to: 'smtps://office@mail.salon.example:465' } },
    ]);
  });

  it('will not acknowledge by mail without an SMTP server to send it', async () => {
    const refusedAdd = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'nosmtp@salon.example', imap, acknowledge: true },
    });
    expect(refusedAdd.statusCode).toBe(400);
    expect(refusedAdd.json().error).toMatchObject({ path: 'acknowledge' });
    expect(refusedAdd.json().error.message).toContain('SMTP');
    const { id } = await add({ address: 'keep@salon.example', imap, smtp, acknowledge: true });
    const refused = await patch(id, { smtp: null });
    expect(refused.statusCode).toBe(400);
    expect((await patch(id, { smtp: null, acknowledge: false })).json()).toMatchObject({
      smtp: null,
      acknowledge: false,
    });
  });

  it('refuses a supervisor, an empty change, a bad URL and an unknown mailbox', async () => {
    const { id } = await add({ address: 'refuse@salon.example', imap, smtp });
    expect((await patch(id, { acknowledge: true }, 'supervisor')).statusCode).toBe(403);
    const empty = await patch(id, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('nothing to change');
    const bad = await patch(id, { smtp: 'imap://u:p@host' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toBe('body.smtp');
    expect((await patch(id, { imap })).statusCode).toBe(400);
    expect((await patch('nope', { acknowledge: true })).statusCode).toBe(404);
  });
});
