import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { dovecotPath, isExecutable, requiredParts } from './requirements.ts';
import { freePort } from './serve-process.ts';

/** The dovecot binary (DOVECOT_PATH, else Debian's), or null when it is not installed. */
export function findDovecot(): string | null {
  const path = dovecotPath();
  return isExecutable(path) ? path : null;
}

/**
 * Whether the IMAP tests run: yes with Dovecot, and also without it when CALMDESK_TEST_REQUIRE names
 * `imap` (they then fail on the missing server). The one line saying they were skipped is printed by
 * the test run's set-up (requirements.global-setup.ts).
 */
export function shouldRunImapTests(): boolean {
  return findDovecot() !== null || requiredParts().has('imap');
}

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:port/INBOX` */
  imapUrl: string;
  /** Puts a message into the INBOX with IMAP APPEND, as a mail server delivering it would. */
  append(raw: Uint8Array | string, flags?: string[]): Promise<void>;
  /** APPENDs many messages over one connection, in order. */
  appendMany(raws: Array<Uint8Array | string>): Promise<void>;
  /**
   * Writes a message straight into the user's maildir, as a local delivery agent does: it works while
   * Dovecot is stopped, and Dovecot finds the message when it runs again.
   */
  deliverToMaildir(raw: Uint8Array | string): void;
  /** Every message of the INBOX, raw, in UID order, over one connection (what an IMAP client downloads). */
  fetchAll(): Promise<Uint8Array[]>;
  /** Sets or clears \Seen on every message, as another mail client reading the mailbox would. */
  markAllSeen(seen: boolean): Promise<void>;
  stop(): Promise<void>;
  /** Starts again on the same port and mail folder after stop(). */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/**
 * A throwaway Dovecot on 127.0.0.1: its own config, base_dir, passwd-file user and maildir in a temp
 * folder; foreground (`-F`) as a child of the tests, never a system service.
 */
export async function startDovecot(): Promise<Dovecot> {
  const binary = findDovecot();
  if (!binary) {
    throw new Error(`no Dovecot at ${dovecotPath()} (apt-get install -y dovecot-imapd, or set DOVECOT_PATH)`);
  }
  const root = mkdtempSync(join(tmpdir(), 'calmdesk-dovecot-'));
  const port = await freePort();
  const user = 'support';
  const password = `pw-${process.pid}-${port}`;
  const { config, mailOwner } = writeConfig(root, port, user, password);
  let delivered = 0;
  let child: ChildProcess | undefined;

  const start = async () => {
    // Its own process group: stopping it stops the imap and login processes too, as a real restart does
    // (killed alone, the master leaves them serving the open connections for half a minute).
    const started = spawn(binary, ['-F', '-c', config], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child = started;
    await waitForPort(port, () => (started.exitCode === null ? null : `dovecot exited: ${stderr}`));
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    if (running.pid) process.kill(-running.pid, 'SIGTERM');
    else running.kill('SIGTERM');
    await exited;
  };
  const withClient = async (work: (client: ImapFlow) => Promise<void>) => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.logout();
    }
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    imapUrl: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    append: (raw, flags = []) =>
      withClient(async (client) => {
        await client.append('INBOX', typeof raw === 'string' ? raw : Buffer.from(raw), flags);
      }),
    appendMany: (raws) =>
      withClient(async (client) => {
        for (const raw of raws)
          await client.append('INBOX', typeof raw === 'string' ? raw : Buffer.from(raw));
      }),
    deliverToMaildir: (raw) => {
      const maildir = join(root, 'home', user, 'Maildir');
      for (const dir of ['tmp', 'new', 'cur']) mkdirSync(join(maildir, dir), { recursive: true });
      // Dovecot runs as the mail user: what this (root) process made must be that user's.
      if (mailOwner) {
        for (const dir of ['', 'tmp', 'new', 'cur'])
          chownSync(join(maildir, dir), mailOwner.uid, mailOwner.gid);
      }
      delivered += 1;
      const name = `${Date.now()}.P${process.pid}Q${delivered}.calmdesk-test`;
      // Written in tmp/ and renamed into new/, so Dovecot never sees half a message.
      writeFileSync(join(maildir, 'tmp', name), raw);
      if (mailOwner) chownSync(join(maildir, 'tmp', name), mailOwner.uid, mailOwner.gid);
      renameSync(join(maildir, 'tmp', name), join(maildir, 'new', name));
    },
    fetchAll: async () => {
      const raws: Uint8Array[] = [];
      await withClient(async (client) => {
        await client.mailboxOpen('INBOX', { readOnly: true });
        for await (const message of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
          if (message.source) raws.push(message.source);
        }
      });
      return raws;
    },
    markAllSeen: (seen) =>
      withClient(async (client) => {
        const lock = await client.getMailboxLock('INBOX');
        try {
          if (seen) await client.messageFlagsAdd('1:*', ['\\Seen']);
          else await client.messageFlagsRemove('1:*', ['\\Seen']);
        } finally {
          lock.release();
        }
      }),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function writeConfig(
  root: string,
  port: number,
  user: string,
  password: string,
): { config: string; mailOwner: { uid: number; gid: number } | null } {
  const isRoot = process.getuid?.() === 0;
  // Dovecot never gives mail access to uid 0: as root the mail belongs to the dovecot user.
  const mailUid = isRoot
    ? Number(execFileSync('id', ['-u', 'dovecot']).toString().trim())
    : process.getuid?.();
  const mailGid = isRoot
    ? Number(execFileSync('id', ['-g', 'dovecot']).toString().trim())
    : process.getgid?.();
  const self = isRoot ? null : execFileSync('id', ['-un']).toString().trim();
  // The mail user (not root) must reach its home inside the temp folder.
  chmodSync(root, 0o755);
  for (const dir of ['run', 'home']) mkdirSync(join(root, dir));
  if (isRoot && mailUid !== undefined && mailGid !== undefined)
    chownSync(join(root, 'home'), mailUid, mailGid);
  writeFileSync(join(root, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const config = join(root, 'dovecot.conf');
  writeFileSync(
    config,
    [
      `base_dir = ${join(root, 'run')}`,
      `state_dir = ${join(root, 'run')}`,
      'log_path = /dev/stderr',
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `first_valid_uid = ${mailUid}`,
      ...(self ? [`default_internal_user = ${self}`, `default_login_user = ${self}`] : []),
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${join(root, 'passwd')}\n}`,
      `userdb {\n  driver = static\n  args = uid=${mailUid} gid=${mailGid} home=${join(root, 'home')}/%u\n}`,
      'mail_location = maildir:~/Maildir',
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  return {
    config,
    mailOwner:
      isRoot && mailUid !== undefined && mailGid !== undefined ? { uid: mailUid, gid: mailGid } : null,
  };
}

async function waitForPort(port: number, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(problem);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on port ${port} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
