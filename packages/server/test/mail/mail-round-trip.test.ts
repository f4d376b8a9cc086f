import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, shouldRunImapTests, startDovecot } from '../../src/testing/dovecot.ts';
import { eventually } from '../../src/testing/eventually.ts';
import { type SmtpSink, startSmtpSink } from '../../src/testing/smtp-sink.ts';
import { runCliProcess } from '../cli/cli-process.ts';
import {
  apiClient,
  crashAllServers,
  createStore,
  type ServerProcess,
  type Store,
  startServerProcess,
} from '../reliability/server-process.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../src/mail/fixtures/${name}`, import.meta.url), 'utf8');

interface Entry {
  id: string;
  kind: string;
  body: string;
  delivery: { state: string; reason: string | null } | null;
}
interface CaseView {
  id: string;
  subject: string;
  interactions: Entry[];
}

/**
 * The whole loop as a business runs it: `calmdesk serve`, a mailbox added with the CLI against a real
 * IMAP server (Dovecot) and a real SMTP server, a customer's mail, our reply, their answer, an
 * out-of-office and a bounce.
 */
describe.skipIf(!shouldRunImapTests())('e-mail in and out through a running calmdesk serve', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let store: Store;
  let server: ServerProcess;
  let call: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    [dovecot, sink, store] = await Promise.all([startDovecot(), startSmtpSink(), createStore('pglite')]);
    server = await startServerProcess(store);
    call = apiClient(server, store.token);
  }, 120_000);
  afterAll(async () => {
    await crashAllServers();
    await Promise.all([dovecot?.close(), sink?.close(), store?.remove()]);
  });

  it('turns a mail into a case, mails the reply threaded, takes the answer into the case, ignores an out-of-office and fails the reply its bounce names', {
    timeout: 120_000,
  }, async () => {
    const added = await runCliProcess([
      'mailbox',
      'add',
      '--address',
      'support@salon.example',
      '--imap',
      dovecot.imapUrl,
      '--smtp',
      sink.url,
      '--data',
      store.dataDir,
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain(dovecot.password);

    const sentAt = Date.now();
    await dovecot.append(
      [
        'From: Anna Nowak <anna@example.pl>',
        'To: support@salon.example',
        'Subject: Zniszczona paczka',
        'Message-ID: <anna-1@example.pl>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Dzień dobry, paczka przyszła zniszczona. Proszę o wymianę albo zwrot pieniędzy.',
        '',
      ].join('\r\n'),
    );
    const opened = await eventually(async () => {
      const { body } = await call<{ items: CaseView[] }>('GET', '/api/cases?channel=email');
      return body.items.find((c) => c.subject === 'Zniszczona paczka');
    }, 'the case opened by the mail');
    // "Within seconds": the poll of a new mailbox starts within its rescan, IDLE does the rest.
    expect(Date.now() - sentAt).toBeLessThan(15_000);

    const reply = await call<Entry>('POST', `/api/cases/${opened.id}/interactions`, {
      kind: 'outbound',
      body: 'Dzień dobry, bardzo przepraszamy. Wymienimy produkt do piątku.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.delivery?.state).toBe('queued');
    const received = await PostalMime.parse((await sink.nth(1)).raw);
    expect(received.inReplyTo).toBe('<anna-1@example.pl>');
    expect(received.text).toContain('Wymienimy produkt do piątku.');
    const ourId = received.messageId ?? '';
    const caseOf = async () => (await call<CaseView>('GET', `/api/cases/${opened.id}`)).body;
    await eventually(
      async () =>
        (await caseOf()).interactions.find((e) => e.id === reply.body.id)?.delivery?.state === 'sent',
      'the reply marked sent',
    );

    // Her answer to our mail, sent to the Reply-To address our mail carried.
    await dovecot.append(
      [
        'From: Anna Nowak <anna@example.pl>',
        `To: ${received.replyTo?.[0]?.address}`,
        'Subject: Re: Zniszczona paczka',
        'Message-ID: <anna-2@example.pl>',
        `In-Reply-To: ${ourId}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Dziękuję, czekam na paczkę.',
        '',
      ].join('\r\n'),
    );
    await eventually(
      async () =>
        (await caseOf()).interactions.some(
          (e) => e.kind === 'inbound' && e.body.includes('czekam na paczkę'),
        ),
      'her answer in the same case',
    );

    // An out-of-office answering our mail, then the bounce of it: nothing opens, the reply fails.
    await dovecot.append(
      fixture('out-of-office.eml').replace('Subject:', `In-Reply-To: ${ourId}\r\nSubject:`),
    );
    await dovecot.append(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.pl>',
        'To: support@salon.example',
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <dsn-9@mx.example.pl>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="R"',
        '',
        '--R',
        'Content-Type: text/plain',
        '',
        'The mail could not be delivered.',
        '--R',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.pl',
        '',
        'Final-Recipient: rfc822; anna@example.pl',
        'Action: failed',
        'Status: 5.2.2',
        'Diagnostic-Code: smtp; 552 5.2.2 mailbox full',
        '--R',
        'Content-Type: text/rfc822-headers',
        '',
        `Message-ID: ${ourId}`,
        'Subject: Re: Zniszczona paczka',
        '--R--',
        '',
      ].join('\r\n'),
    );
    const failed = await eventually(async () => {
      const entry = (await caseOf()).interactions.find((e) => e.id === reply.body.id);
      return entry?.delivery?.state === 'failed' && entry.delivery;
    }, 'the bounce to fail the reply');
    expect(failed.reason).toMatch(/^bounced: status 5\.2\.2: smtp; 552 5\.2\.2 mailbox full/);

    const { body: cases } = await call<{ items: CaseView[] }>('GET', '/api/cases?channel=email');
    expect(cases.items).toHaveLength(1);
    expect((await caseOf()).interactions.map((e) => e.kind)).toEqual(['inbound', 'outbound', 'inbound']);
    const listed = await runCliProcess(['mailbox', 'list', '--data', store.dataDir]);
    expect(listed.stdout).toMatch(/support@salon\.example/);
    // Nobody got an answer to the out-of-office or the bounce.
    expect(sink.received).toHaveLength(1);
  });
});
