import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Dovecot, shouldRunImapTests, startDovecot } from '../testing/dovecot.ts';
import { eventually } from '../testing/eventually.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { type MailPoller, startMailPolling } from './mail-poller.ts';
import { getReplySecret } from './mailboxes.service.ts';
import { ourMessageId, replyAddress } from './reply-tokens.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const quiet = { info() {}, warn() {} };
// Real servers on a shared machine: generous limits; every wait below polls for its condition.
vi.setConfig({ testTimeout: 240_000 });

function composeMail(fields: {
  from: string;
  to?: string;
  subject: string;
  body: string;
  inReplyTo?: string;
}) {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to ?? 'support@salon.example'}`,
    `Subject: ${fields.subject}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@customer.example>`,
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body,
    '',
  ].join('\r\n');
}

describe.skipIf(!shouldRunImapTests())('mail from a real IMAP server (Dovecot)', () => {
  let dovecot: Dovecot;
  let t: TestApp;
  let poller: MailPoller;
  let mailboxId = '';
  let secret = '';

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestApp('pglite');
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: dovecot.imapUrl },
    });
    expect(added.statusCode).toBe(201);
    mailboxId = added.json().id;
    secret = (await getReplySecret(t.database.db, mailboxId)).secret;
    poller = startMailPolling(t.database.db, {
      log: quiet,
      pollMs: 200,
      rescanMs: 100,
      minBackoffMs: 50,
      maxBackoffMs: 400,
    });
  }, 120_000);
  afterAll(async () => {
    await poller?.stop();
    await t?.close();
    await dovecot?.close();
  });

  const db = () => t.database.db;
  const messages = () => db().selectFrom('mail_messages').selectAll().orderBy('uid').execute();
  const countCases = async () =>
    Number(
      (
        await db()
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const mailbox = async () =>
    (await t.as('owner', { method: 'GET', url: `/api/mailboxes/${mailboxId}` })).json();
  /** Delivers one mail and waits until CalmDesk has taken and handled it. */
  async function deliver(raw: Uint8Array | string) {
    const before = (await messages()).length;
    await dovecot.append(raw);
    return eventually(async () => {
      const all = await messages();
      const last = all[before];
      return all.length > before && last && last.state !== 'received' ? last : undefined;
    }, 'the mail to be processed');
  }
  /**
   * Waits for two more completed syncs of the mailbox. A sync takes about 0.2 s here, but beside the
   * whole suite on a busy 2-core machine one wait once passed 30 s: each may take a minute.
   */
  async function twoMoreSyncs() {
    for (let i = 0; i < 2; i++) {
      const since = (await mailbox()).lastSyncAt as string;
      await eventually(async () => (await mailbox()).lastSyncAt > since, 'a sync', 60_000);
    }
  }

  it('turns a customer mail into a case', async () => {
    const taken = await deliver(new Uint8Array(fixture('polish-webmail-iso-8859-2.eml')));
    expect(taken).toMatchObject({ state: 'processed', kind: 'mail' });
    expect(String(taken.uid)).toBe('1');
    const opened = (await t.as('owner', { method: 'GET', url: `/api/cases/${taken.case_id}` })).json();
    expect(opened.subject).toBe('Zepsuta suszarka, żądam zwrotu');
    expect(opened.customer.name).toBe('Grzegorz Łukasiewicz');
    expect(opened.interactions[0].body).toContain('Żądam zwrotu pieniędzy.');
    expect(await mailbox()).toMatchObject({ status: 'ok', counts: { processed: 1 } });
  });

  it('takes nothing twice however often it polls and whatever marks the mail read or unread', async () => {
    const cases = await countCases();
    const stored = (await messages()).length;
    await twoMoreSyncs();
    await dovecot.markAllSeen(true);
    await twoMoreSyncs();
    await dovecot.markAllSeen(false);
    await twoMoreSyncs();
    expect(await countCases()).toBe(cases);
    expect((await messages()).length).toBe(stored);
  });

  it('threads replies by our reply address, our Message-ID and a subject reference', async () => {
    const first = await deliver(
      composeMail({ from: 'Ewa Lis <ewa@example.pl>', subject: 'Termin', body: 'Proszę o zmianę terminu.' }),
    );
    const caseId = first.case_id ?? '';
    const sent = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'outbound', body: 'Dzień dobry, proponujemy piątek o 10:00.' },
    });
    expect(sent.statusCode).toBe(201);
    const replies = [
      composeMail({
        from: 'ewa.other@gmail.com',
        to: replyAddress('support@salon.example', secret, caseId),
        subject: 'x',
        body: 'Pasuje.',
      }),
      composeMail({
        from: 'Ewa Lis <ewa@example.pl>',
        subject: 'Odp: Termin',
        body: 'Dziękuję.',
        inReplyTo: ourMessageId('support@salon.example', secret, caseId, sent.json().id),
      }),
      composeMail({
        from: 'ewa@example.pl',
        subject: `Re: [#${caseId.slice(0, 8)}] Termin`,
        body: 'Jeszcze jedno pytanie.',
      }),
    ];
    for (const reply of replies) expect((await deliver(reply)).case_id).toBe(caseId);
  });

  it('opens nothing for an out-of-office reply', async () => {
    const cases = await countCases();
    const taken = await deliver(new Uint8Array(fixture('out-of-office.eml')));
    expect(taken).toMatchObject({ state: 'ignored', kind: 'auto_reply', case_id: null });
    expect(await countCases()).toBe(cases);
  });

  it('keeps and reports a malformed mail while the next one goes through', async () => {
    const broken = await deliver(new Uint8Array(fixture('no-sender.eml')));
    expect(broken).toMatchObject({ state: 'failed', reason: 'the mail has no sender address (From)' });
    const next = await deliver(new Uint8Array(fixture('html-only.eml')));
    expect(next.state).toBe('processed');
    expect((await mailbox()).failed.map((f: { id: string }) => f.id)).toEqual([broken.id]);
  });

  it('reports a wrong password on that mailbox alone, while the others keep working', async () => {
    const wrong = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: {
        address: 'office@salon.example',
        imap: dovecot.imapUrl.replace(dovecot.password, 'not-the-password'),
      },
    });
    const failing = await eventually(async () => {
      const state = (await t.as('owner', { method: 'GET', url: `/api/mailboxes/${wrong.json().id}` })).json();
      return state.status === 'error' ? state : undefined;
    }, 'the wrong password to be reported');
    expect(failing.lastError).toBe('wrong user name or password');
    expect(failing.lastProblem).toBe('auth');
    expect(failing.lastDetail).toMatch(/authentication failed/i);
    expect(JSON.stringify(failing)).not.toContain('not-the-password');
    const taken = await deliver(new Uint8Array(fixture('attachment.eml')));
    expect(taken.state).toBe('processed');
    expect((await mailbox()).status).toBe('ok');
  });

  it('reconnects by itself after the IMAP server was stopped and started', async () => {
    await dovecot.stop();
    const failing = await eventually(async () => {
      const state = await mailbox();
      return state.status === 'error' ? state : undefined;
    }, 'the mailbox to report the error');
    expect(failing.lastError).toMatch(/connection refused|connection .*lost|closed the connection/);
    expect(failing.lastProblem).toBe('unreachable');
    await dovecot.start();
    const taken = await deliver(new Uint8Array(fixture('estonian-webmail.eml')));
    expect(taken.state).toBe('processed');
    await eventually(async () => (await mailbox()).status === 'ok', 'the mailbox to be ok again');
  });
});
