import { describe, expect, it } from 'vitest';
import { classifyMailError, describeImapError } from './mail-errors.ts';
import { describeMailboxFailure } from './mail-poller.ts';
import { describeSmtpError } from './outbox-sender.ts';

describe('describeImapError', () => {
  it('says the connection closed when a command was cut off by a dropped connection', () => {
    const cutOff = new Error('No mailbox is selected');
    expect(describeImapError(cutOff, { connectionClosed: true })).toBe(
      'the IMAP server closed the connection',
    );
    expect(describeImapError(cutOff)).toBe('No mailbox is selected');
  });

  it('names a refused connection and a wrong password whatever the connection state', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const denied = Object.assign(new Error('Authentication failed'), { authenticationFailed: true });
    expect(describeImapError(refused, { connectionClosed: true })).toBe(
      'host unreachable: connection refused',
    );
    expect(describeImapError(denied, { connectionClosed: true })).toBe('wrong user name or password');
  });
});

describe('the problem codes beside the reason', () => {
  it('keeps the server’s own words apart from the English reason', () => {
    const denied = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      responseText: '[AUTHENTICATIONFAILED] Authentication failed.',
    });
    expect(classifyMailError(denied)).toEqual({
      problem: 'auth',
      reason: 'wrong user name or password',
      detail: '[AUTHENTICATIONFAILED] Authentication failed.',
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:993'), { code: 'ECONNREFUSED' });
    expect(classifyMailError(refused)).toEqual({
      problem: 'unreachable',
      reason: 'host unreachable: connection refused',
      detail: 'connect ECONNREFUSED 127.0.0.1:993',
    });
    // A command cut off by a dropped connection: its own words would mislead, so none are kept.
    expect(
      classifyMailError(new Error('No mailbox is selected'), { connectionClosed: true }).detail,
    ).toBeNull();
  });

  it('calls a refusal while the folder opens a folder problem, and never keeps the password', () => {
    const mailbox = {
      imap: {
        protocol: 'imaps' as const,
        host: 'imap.salon.example',
        port: 993,
        user: 'support',
        password: 'Tajne-haslo-7',
        folder: 'Skrzynka',
      },
    };
    const missing = Object.assign(new Error('Command failed'), {
      responseText: 'Mailbox does not exist: Skrzynka (login Tajne-haslo-7)',
    });
    const failure = describeMailboxFailure(missing, mailbox, { connectionClosed: false, opening: true });
    expect(failure.problem).toBe('folder');
    expect(failure.reason).toMatch(/^the folder "Skrzynka" could not be opened: /);
    expect(failure.detail).toBe('Mailbox does not exist: Skrzynka (login •••)');
    expect(JSON.stringify(failure)).not.toContain('Tajne-haslo-7');
    expect(
      describeMailboxFailure(missing, mailbox, { connectionClosed: false, opening: false }).problem,
    ).toBe('other');
  });

  it('sorts an SMTP failure into refused for good, put off for now, or the server out of reach', () => {
    const hard = Object.assign(new Error("Can't send mail"), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <ewa@example.pl>: Recipient address rejected',
    });
    expect(describeSmtpError(hard)).toEqual({
      problem: 'refused',
      reason: 'the SMTP server refused the mail: 550 5.1.1 <ewa@example.pl>: Recipient address rejected',
      detail: '550 5.1.1 <ewa@example.pl>: Recipient address rejected',
    });
    const soft = Object.assign(new Error("Can't send mail"), {
      code: 'EENVELOPE',
      responseCode: 451,
      response: '451 4.7.1 Greylisted, try again later',
    });
    expect(describeSmtpError(soft)).toMatchObject({
      problem: 'deferred',
      detail: '451 4.7.1 Greylisted, try again later',
    });
    const timedOut = Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' });
    expect(describeSmtpError(timedOut)).toMatchObject({
      problem: 'timeout',
      reason: 'SMTP server: host unreachable: timed out',
    });
    const badCertificate = Object.assign(new Error('self-signed certificate'), {
      code: 'ESOCKET',
      originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(describeSmtpError(badCertificate)).toMatchObject({
      problem: 'tls',
      detail: 'self-signed certificate',
    });
  });
});
