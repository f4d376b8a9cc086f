import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server took it: the envelope and the raw message the customer would receive. */
export interface SunkMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpSink {
  /** `smtp://user:password@127.0.0.1:port` for a mailbox's outgoing server. */
  url: string;
  port: number;
  received: SunkMail[];
  /** Resolves with the n-th mail taken (1-based), waiting for it up to 30 s. */
  nth(n: number): Promise<SunkMail>;
  /** Makes the next RCPT TO answers this SMTP reply (code and text), or accepts again with null. */
  refuseRecipients(reply: { code: number; text: string } | null): void;
  close(): Promise<void>;
}

export const SINK_USER = 'sender';
export const SINK_PASSWORD = 'sink-secret';

/**
 * A real SMTP server on loopback (smtp-server) that keeps what it is given: the outgoing server of a
 * test mailbox. It asks for the user name and password above; STARTTLS is off (loopback only).
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: SunkMail[] = [];
  const waiters: Array<() => void> = [];
  let refusal: { code: number; text: string } | null = null;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SINK_USER && auth.password === SINK_PASSWORD)
        callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid user name or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (refusal) callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${SINK_USER}:${SINK_PASSWORD}@127.0.0.1:${port}`,
    port,
    received,
    async nth(n) {
      const deadline = Date.now() + 30_000;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`the SMTP sink got ${received.length} mails, not ${n}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received[n - 1] as SunkMail;
    },
    refuseRecipients(reply) {
      refusal = reply;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
