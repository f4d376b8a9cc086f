import { z } from 'zod';

/** An IMAP or SMTP server as CalmDesk connects to it; `password` never leaves the server. */
export interface ServerAddress {
  protocol: 'imap' | 'imaps' | 'smtp' | 'smtps';
  host: string;
  port: number;
  user: string;
  password: string;
  /** IMAP only: the folder read (INBOX by default). */
  folder: string;
}

const DEFAULT_PORTS = { imap: 143, imaps: 993, smtp: 587, smtps: 465 } as const;

/** Parses `imap[s]://user:password@host:port/FOLDER` or `smtp[s]://user:password@host:port`. */
export function parseServerUrl(text: string, kinds: ReadonlyArray<ServerAddress['protocol']>): ServerAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`not a URL; expected ${kinds[0]}://user:password@host:port`);
  }
  const protocol = url.protocol.replace(/:$/, '') as ServerAddress['protocol'];
  if (!kinds.includes(protocol)) throw new Error(`the scheme must be ${kinds.join(' or ')}`);
  if (!url.hostname) throw new Error('the host is missing');
  if (!url.username) throw new Error('the user name is missing (user:password@host)');
  if (url.search || url.hash) throw new Error('query strings and fragments are not supported');
  const folder = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (protocol.startsWith('smtp') && folder !== '') throw new Error('an SMTP URL has no path');
  return {
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : DEFAULT_PORTS[protocol],
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    folder: folder || 'INBOX',
  };
}

/** The URL with the password left out: what is stored for display and returned by the API. */
export function redactServerUrl(address: ServerAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  const path = address.protocol.startsWith('imap') ? `/${encodeURIComponent(address.folder)}` : '';
  return `${address.protocol}://${encodeURIComponent(address.user)}@${host}:${address.port}${path}`;
}

/** A zod string that must parse as one of these server URLs; the message says what is wrong. */
export function serverUrlSchema(kinds: ReadonlyArray<ServerAddress['protocol']>) {
  return z
    .string()
    .max(2000)
    .superRefine((value, ctx) => {
      try {
        parseServerUrl(value, kinds);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    });
}
