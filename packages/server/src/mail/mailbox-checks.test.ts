import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { parseServerUrl } from '@calmdesk/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Dovecot, shouldRunImapTests, startDovecot } from '../testing/dovecot.ts';
import { freePort } from '../testing/serve-process.ts';
import { SINK_PASSWORD, SINK_USER, type SmtpSink, startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { checkImap, checkSmtp } from './mailbox-checks.ts';

// Real servers on a shared machine: generous limits.
vi.setConfig({ testTimeout: 60_000 });

/** Accepts connections and never says a word: a server that hangs. */
async function startSilentServer(): Promise<{ port: number; server: Server }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const smtpUrl = (port: number, password = SINK_PASSWORD) =>
  `smtp://${encodeURIComponent(SINK_USER)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

describe('testing an SMTP server', () => {
  let sink: SmtpSink;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    silent = await startSilentServer();
  });
  afterAll(async () => {
    await sink?.close();
    silent?.server.close();
  });

  it('signs in with the right password', async () => {
    const server = parseServerUrl(smtpUrl(sink.port), ['smtp', 'smtps']);
    expect(await checkSmtp(server)).toEqual({ ok: true, problem: null, reason: null, detail: null });
  });

  it('names a wrong password, without the password', async () => {
    const server = parseServerUrl(smtpUrl(sink.port, 'Wrong-Sekret-7'), ['smtp', 'smtps']);
    const check = await checkSmtp(server);
    expect(check).toMatchObject({ ok: false, problem: 'auth', reason: 'wrong user name or password' });
    expect(check.detail).toMatch(/535/);
    expect(JSON.stringify(check)).not.toContain('Wrong-Sekret-7');
  });

  it('says a closed port is unreachable and a silent server timed out', async () => {
    const closed = parseServerUrl(smtpUrl(await freePort()), ['smtp', 'smtps']);
    expect(await checkSmtp(closed)).toEqual({
      ok: false,
      problem: 'unreachable',
      reason: 'host unreachable: connection refused',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });
    const hanging = parseServerUrl(smtpUrl(silent.port), ['smtp', 'smtps']);
    const started = performance.now();
    expect(await checkSmtp(hanging, 300)).toMatchObject({ ok: false, problem: 'timeout' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('says a silent IMAP server timed out within the time given', async () => {
    const hanging = parseServerUrl(`imap://support:pw@127.0.0.1:${silent.port}/INBOX`, ['imap', 'imaps']);
    const started = performance.now();
    const check = await checkImap(hanging, 300);
    expect(check.ok).toBe(false);
    expect(check.problem).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe.skipIf(!shouldRunImapTests())('testing a mailbox against a real IMAP server (Dovecot)', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    [dovecot, sink, t] = await Promise.all([startDovecot(), startSmtpSink(), createTestApp('pglite')]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await dovecot?.close();
  });

  const imapUrl = (changes: { password?: string; port?: number; folder?: string } = {}) =>
    `imap://${dovecot.user}:${encodeURIComponent(changes.password ?? dovecot.password)}@127.0.0.1:${
      changes.port ?? dovecot.port
    }/${changes.folder ?? 'INBOX'}`;
  const test = (payload: object, role: 'owner' | 'supervisor' | 'agent' = 'owner') =>
    t.as(role, { method: 'POST', url: '/api/mailboxes/test', payload });

  it('signs in to IMAP and opens the folder read-only, and signs in to SMTP', async () => {
    const answer = await test({ imap: imapUrl(), smtp: smtpUrl(sink.port) });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      imap: { ok: true, problem: null, reason: null, detail: null },
      smtp: { ok: true, problem: null, reason: null, detail: null },
    });
    const imapOnly = await test({ imap: imapUrl() });
    expect(imapOnly.json()).toEqual({
      imap: { ok: true, problem: null, reason: null, detail: null },
      smtp: null,
    });
  });

  it('names a wrong password on each server, never echoing it', async () => {
    const answer = await test({
      imap: imapUrl({ password: 'Wrong-Imap-Pass' }),
      smtp: smtpUrl(sink.port, 'Wrong-Smtp-Pass'),
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      imap: { ok: false, problem: 'auth', reason: 'wrong user name or password' },
      smtp: { ok: false, problem: 'auth', reason: 'wrong user name or password' },
    });
    expect(answer.body).not.toContain('Wrong-');
  });

  it('says a port nobody listens on is unreachable', async () => {
    const answer = await test({ imap: imapUrl({ port: await freePort() }) });
    expect(answer.json().imap).toEqual({
      ok: false,
      problem: 'unreachable',
      reason: 'host unreachable: connection refused',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('names a folder that does not exist', async () => {
    const answer = await test({ imap: imapUrl({ folder: 'Reklamacje' }) });
    const imap = answer.json().imap;
    expect(imap).toMatchObject({ ok: false, problem: 'folder' });
    expect(imap.reason).toMatch(/^the folder "Reklamacje" could not be opened: /);
    expect(imap.detail).toBeTruthy();
    expect(imap.reason).toContain(imap.detail);
  });

  it('tests a stored mailbox with its stored passwords, for the owner only', async () => {
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: imapUrl(), smtp: smtpUrl(sink.port) },
    });
    expect(added.statusCode).toBe(201);
    const id = added.json().id;
    const answer = await t.as('owner', { method: 'POST', url: `/api/mailboxes/${id}/test` });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      imap: { ok: true, problem: null, reason: null, detail: null },
      smtp: { ok: true, problem: null, reason: null, detail: null },
    });
    const supervisor = await t.as('supervisor', { method: 'POST', url: `/api/mailboxes/${id}/test` });
    expect(supervisor.statusCode).toBe(403);
    expect((await t.as('owner', { method: 'POST', url: '/api/mailboxes/nope/test' })).statusCode).toBe(404);
  });

  it('refuses a supervisor and a bad URL with the field named', async () => {
    expect((await test({ imap: imapUrl() }, 'supervisor')).statusCode).toBe(403);
    const bad = await test({ imap: 'imap://127.0.0.1/INBOX' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toBe('body.imap');
    const unknown = await test({ imap: imapUrl(), address: 'x@salon.example' });
    expect(unknown.statusCode).toBe(400);
  });
});
