import type { ConnectionProblem } from '@calmdesk/contracts';

/** A failure to use a mail server as the owner reads it: its kind, and a reason without the password. */
export interface MailServerProblem {
  problem: ConnectionProblem;
  reason: string;
}

interface MailErrorFields {
  authenticationFailed?: boolean;
  code?: string;
  originalCode?: string;
  message?: string;
  responseText?: string;
  response?: string;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'host unreachable: connection refused',
  ENOTFOUND: 'host unreachable: unknown host name',
  EAI_AGAIN: 'host unreachable: unknown host name',
  EHOSTUNREACH: 'host unreachable: no route to the host',
  ENETUNREACH: 'host unreachable: no route to the network',
  EADDRNOTAVAIL: 'host unreachable: the address is not available',
};

/**
 * Sorts an IMAP (imapflow) or SMTP (nodemailer) failure into wrong password, TLS problem, host
 * unreachable, timed out or other, with a reason an owner can act on. `connectionClosed`: the server
 * dropped the connection, so the cut-off command's own words would mislead.
 */
export function classifyMailError(
  error: unknown,
  state: { server?: 'IMAP' | 'SMTP'; connectionClosed?: boolean } = {},
): MailServerProblem {
  const server = state.server ?? 'IMAP';
  const e = (error ?? {}) as MailErrorFields;
  // nodemailer puts its own code (ESOCKET, EDNS …) over the system's; the system's says more.
  const code = e.originalCode ?? e.code;
  if (e.authenticationFailed || code === 'EAUTH')
    return { problem: 'auth', reason: 'wrong user name or password' };
  const unreachable = code ? UNREACHABLE[code] : undefined;
  if (unreachable) return { problem: 'unreachable', reason: unreachable };
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { problem: 'unreachable', reason: `connection to the ${server} server lost (${code})` };
  }
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || code === 'SOCKET_TIMEOUT') {
    return { problem: 'timeout', reason: 'host unreachable: timed out' };
  }
  if (state.connectionClosed && !code) {
    return { problem: 'unreachable', reason: `the ${server} server closed the connection` };
  }
  const message = e.message ?? '';
  if (
    code === 'ETLS' ||
    code?.startsWith('ERR_TLS') ||
    code?.startsWith('ERR_SSL') ||
    /certificate|\btls\b|\bssl\b|self[- ]signed/i.test(message)
  ) {
    return { problem: 'tls', reason: `TLS problem: ${message || code}`.slice(0, 500) };
  }
  const said = e.responseText || e.response || message || String(error);
  return { problem: 'other', reason: said.slice(0, 500) };
}

/** What the owner reads about a failing IMAP mailbox: wrong password, TLS problem, host unreachable …, never the password. */
export function describeImapError(error: unknown, state: { connectionClosed?: boolean } = {}): string {
  return classifyMailError(error, { ...state, server: 'IMAP' }).reason;
}

/** The text with a password taken out, as given and URL-encoded: a server may echo what it was sent. */
export function withoutPassword(text: string, password: string): string {
  if (password.length < 3) return text;
  let out = text;
  for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join('•••');
  return out;
}
