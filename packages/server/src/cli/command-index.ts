import type { Command } from './command.ts';

/**
 * A command as `calmdesk --help` lists it. Its module is imported only when it runs, so `--version`
 * and `analyze` start without loading the server, the database or zod.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commandIndex: readonly CommandEntry[] = [
  {
    name: 'analyze',
    summary: 'analyse customer messages (text, --json, or --jsonl on stdin)',
    load: async () => (await import('./analyze.ts')).analyzeCommand,
  },
  {
    name: 'coach',
    summary: 'check a draft reply before it is sent (text, --json, or --jsonl on stdin)',
    load: async () => (await import('./coach.ts')).coachCommand,
  },
  {
    name: 'serve',
    summary: 'run the CalmDesk server (default port 3000; seeds a demo on an empty database)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  {
    name: 'user',
    summary:
      'user add --email E --password P --role R [--name N] | disable | enable | password --email E: manage staff',
    load: async () => (await import('./user.ts')).userCommand,
  },
  {
    name: 'token',
    summary:
      'token create --role R [--label L] | list | revoke ID: create (printed once), list or revoke API tokens',
    load: async () => (await import('./token.ts')).tokenCommand,
  },
  {
    name: 'verify-log',
    summary: "check every case's log and the audit log, and against a signed checkpoint; exit 1 if altered",
    load: async () => (await import('./verify-log.ts')).verifyLogCommand,
  },
  {
    name: 'log',
    summary:
      'log checkpoint [--key FILE] [--out FILE]: sign where every log ends, to keep outside the database',
    load: async () => (await import('./log.ts')).logCommand,
  },
  {
    name: 'backup',
    summary: 'backup [--data DIR] FILE: a consistent backup of the database, also while the server runs',
    load: async () => (await import('./backup.ts')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'restore FILE [--data DIR] [--force]: a backup into an empty data folder or database',
    load: async () => (await import('./restore.ts')).restoreCommand,
  },
  {
    name: 'import',
    summary: 'import customers|bookings|invoices FILE.csv (or bookings FILE.ics): idempotent by external id',
    load: async () => (await import('./import.ts')).importCommand,
  },
  {
    name: 'mailbox',
    summary:
      'mailbox add --address A --imap URL [--smtp URL] [--acknowledge] | list: the mailboxes CalmDesk reads',
    load: async () => (await import('./mailbox.ts')).mailboxCommand,
  },
];
