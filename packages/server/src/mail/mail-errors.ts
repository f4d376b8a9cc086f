import type { ConnectionProblem } from '@calmdesk/contracts';

/**
 * A failure to use a mail server: its kind (said in the reader's language), a reason in English (logs,
 * the API) and the server's or the system's own words (null when there are none worth showing).
 */
export interface MailServerProblem {
  problem: ConnectionProblem;
  reason: string;
  detail: string | null;
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
  const message = e.message ?? '';
  const said = (e.responseText || e.response || message || String(error)).slice(0, 500);
  const detail = said || code || null;
  if (e.authenticationFailed || code === 'EAUTH')
    return { problem: 'auth', reason: 'wrong user name or password', detail };
  const unreachable = code ? UNREACHABLE[code] : undefined;
  if (unreachable) return { problem: 'unreachable', reason: unreachable, detail };
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { problem: 'unreachable', reason: `connection to the ${server} server lost (${code})`, detail };
  }
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || code === 'SOCKET_TIMEOUT') {
    return { problem: 'timeout', reason: 'host unreachable: timed out', detail };
  }
  if (state.connectionClosed && !code) {
    // The cut-off command's own words would mislead, so there is no detail to show.
    return { problem: 'unreachable', reason: `the ${server} server closed the connection`, detail: null };
  }
  if (
    code === 'ETLS' ||
    code?.startsWith('ERR_TLS') ||
    code?.startsWith('ERR_SSL') ||
    /certificate|\btls\b|\bssl\b|self[- ]signed/i.test(message)
  ) {
    return {
      problem: 'tls',
      reason: `TLS problem: ${message || code}`.slice(0, 500),
      detail: (message || code || '').slice(0, 500) || null,
    };
  }
  return { problem: 'other', reason: said, detail: said || null };
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
