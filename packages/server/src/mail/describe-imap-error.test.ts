import { describe, expect, it } from 'vitest';
import { describeImapError } from './mail-errors.ts';

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
