import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/eventually.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { SMTP_UID_VALIDITY } from './ingest-mail.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';

const quiet = { info() {}, warn() {} };
const MAX_BYTES = 64 * 1024;

/** Sends SMTP command lines one by one and gives every reply as the server wrote it. */
async function converse(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    waiters.splice(0).forEach((wake) => {
      wake();
    });
  });
  /** One whole reply: lines up to the one with a space after its code. */
  const reply = async () => {
    for (;;) {
      const end = /^\d{3} .*\r\n/m.exec(buffer);
      if (end) {
        const cut = end.index + end[0].length;
        const text = buffer.slice(0, cut);
        buffer = buffer.slice(cut);
        return text;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const replies = [await reply()];
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(await reply());
  }
  socket.destroy();
  return replies;
}

describe.each(TEST_DATABASES)('the inbound SMTP listener on %s', (kind) => {
  let t: TestApp;
  let listener: SmtpListener;
  let mailboxId = '';
  beforeAll(async () => {
    t = await createTestApp(kind);
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    expect(added.statusCode).toBe(201);
    mailboxId = added.json().id;
    listener = await startSmtpListener(t.database.db, {
      host: '127.0.0.1',
      port: 0,
      maxBytes: MAX_BYTES,
      log: quiet,
      now: () => t.clock.now,
    });
  }, 120_000);
  afterAll(async () => {
    await listener?.stop();
    await t?.close();
  });

  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  const rowOf = (messageId: string) =>
    t.database.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('message_id', '=', messageId)
      .executeTakeFirst();
  const countCases = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('announces its size limit and offers neither STARTTLS without a certificate nor AUTH', async () => {
    const [greeting, ehlo] = await converse(listener.port, ['EHLO client.example', 'QUIT']);
    expect(greeting).toMatch(/^220 .*CalmDesk/);
    expect(ehlo).toContain(`SIZE ${MAX_BYTES}`);
    expect(ehlo).not.toContain('STARTTLS');
    expect(ehlo).not.toContain('AUTH');
  });

  it('stores a mail for the mailbox before answering 250, then opens its case', async () => {
    const sent = await transport().sendMail({
      from: 'Ewa Lis <ewa@example.pl>',
      to: 'support@salon.example',
      subject: 'Zepsuta suszarka',
      text: 'Dzień dobry, suszarka przestała działać po tygodniu. Proszę o zwrot.',
      messageId: '<smtp-1@example.pl>',
    });
    expect(sent.response).toMatch(/^250 /);
    // Stored by the time the sender hears 250.
    const stored = await rowOf('smtp-1@example.pl');
    expect(stored).toMatchObject({ mailbox_id: mailboxId, uid_validity: expect.anything() });
    expect(String(stored?.uid_validity)).toBe(SMTP_UID_VALIDITY);
    expect(new TextDecoder().decode(stored?.raw)).toMatch(
      /^Return-Path: <ewa@example\.pl>\r\nDelivered-To: support@salon\.example\r\nReceived: from /,
    );
    const processed = await eventually(async () => {
      const row = await rowOf('smtp-1@example.pl');
      return row?.state === 'processed' ? row : undefined;
    }, 'the mail to be processed');
    const opened = (await t.as('owner', { method: 'GET', url: `/api/cases/${processed.case_id}` })).json();
    expect(opened).toMatchObject({
      subject: 'Zepsuta suszarka',
      channel: 'email',
      customer: { name: 'Ewa Lis' },
    });
    expect(opened.interactions[0].body).toBe(
      'Dzień dobry, suszarka przestała działać po tygodniu. Proszę o zwrot.',
    );
  });

  it('takes a plus-address of a mailbox, each mail under its own UID', async () => {
    const first = await rowOf('smtp-1@example.pl');
    await transport().sendMail({
      from: 'olaf@example.ee',
      to: 'Support+anything-here@Salon.Example',
      subject: 'Arve',
      text: 'Arve on vale.',
      messageId: '<smtp-2@example.ee>',
    });
    const second = await rowOf('smtp-2@example.ee');
    expect(second?.mailbox_id).toBe(mailboxId);
    expect(BigInt(second?.uid ?? 0)).toBeGreaterThan(BigInt(first?.uid ?? 0));
    expect(new TextDecoder().decode(second?.raw)).toContain(
      'Delivered-To: Support+anything-here@salon.example',
    );
  });

  it('refuses a recipient that is no mailbox here with 550 and a clear reason', async () => {
    const refused = await transport()
      .sendMail({
        from: 'spammer@example.com',
        to: 'someone-else@salon.example',
        subject: 'Hi',
        text: 'Hello',
      })
      .then(
        () => null,
        (error: { responseCode?: number; response?: string }) => error,
      );
    expect(refused?.responseCode).toBe(550);
    expect(refused?.response).toContain(
      'someone-else@salon.example: no such mailbox here; this server takes mail for its mailboxes only',
    );
    // An open relay it is not: other domains are refused alike.
    const [, , , rcpt] = await converse(listener.port, [
      'EHLO client.example',
      'MAIL FROM:<a@example.com>',
      'RCPT TO:<support@elsewhere.example>',
      'QUIT',
    ]);
    expect(rcpt).toMatch(/^550 /);
  });

  it('opens one case for a mail sent twice with the same Message-ID', async () => {
    const cases = await countCases();
    const mail = {
      from: 'Mark <mark@example.com>',
      to: 'support@salon.example',
      subject: 'Refund',
      text: 'Where is my refund?',
      messageId: '<smtp-twice@example.com>',
    };
    expect((await transport().sendMail(mail)).response).toMatch(/^250 /);
    expect((await transport().sendMail(mail)).response).toMatch(/^250 /);
    await eventually(
      async () => (await rowOf('smtp-twice@example.com'))?.state === 'processed',
      'processing',
    );
    const rows = await t.database.db
      .selectFrom('mail_messages')
      .select('id')
      .where('message_id', '=', 'smtp-twice@example.com')
      .execute();
    expect(rows).toHaveLength(1);
    expect(await countCases()).toBe(cases + 1);
  });

  it('refuses a mail over the size limit with 552 and keeps nothing of it', async () => {
    const stored = await t.database.db
      .selectFrom('mail_messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await transport()
      .sendMail({
        from: 'big@example.com',
        to: 'support@salon.example',
        subject: 'Photos',
        text: 'x'.repeat(MAX_BYTES + 1000),
      })
      .then(
        () => null,
        (error: { responseCode?: number }) => error,
      );
    expect(refused?.responseCode).toBe(552);
    // Declared up front with SIZE, it is refused before the data is sent.
    const [, , mailFrom] = await converse(listener.port, [
      'EHLO client.example',
      `MAIL FROM:<big@example.com> SIZE=${MAX_BYTES + 1}`,
      'QUIT',
    ]);
    expect(mailFrom).toMatch(/^552 /);
    const after = await t.database.db
      .selectFrom('mail_messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(stored.n));
  });
});

/** A self-signed key and certificate made with openssl at test time, or null without openssl. */
function makeCertificate(): { keyFile: string; certFile: string; remove(): void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-smtp-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=mx.salon.example',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { keyFile, certFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const certificate = makeCertificate();

describe.skipIf(certificate === null)('the inbound SMTP listener with a certificate', () => {
  let t: TestApp;
  let listener: SmtpListener;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    listener = await startSmtpListener(t.database.db, {
      host: '127.0.0.1',
      port: 0,
      maxBytes: MAX_BYTES,
      tls: certificate ?? undefined,
      log: quiet,
      now: () => t.clock.now,
    });
  }, 120_000);
  afterAll(async () => {
    await listener?.stop();
    await t?.close();
    certificate?.remove();
  });

  it('offers STARTTLS and takes mail over it', async () => {
    const [, ehlo] = await converse(listener.port, ['EHLO client.example', 'QUIT']);
    expect(ehlo).toContain('STARTTLS');
    const sent = await nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: listener.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      })
      .sendMail({
        from: 'ewa@example.pl',
        to: 'support@salon.example',
        subject: 'Szyfrowane',
        text: 'Dzień dobry.',
        messageId: '<smtp-tls@example.pl>',
      });
    expect(sent.response).toMatch(/^250 /);
    const stored = await t.database.db
      .selectFrom('mail_messages')
      .select('raw')
      .where('message_id', '=', 'smtp-tls@example.pl')
      .executeTakeFirstOrThrow();
    expect(new TextDecoder().decode(stored.raw)).toMatch(/by CalmDesk with ESMTPS/);
  });
});
