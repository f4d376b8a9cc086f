import { type Mailbox, NewMailboxSchema } from '@calmdesk/contracts';
import { loadConfig } from '../config.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { addMailbox, listMailboxes } from '../mail/mailboxes.service.ts';
import { parseSubcommandArgs, parseWith, UsageError } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';
import { formatTextTable } from './text-table.ts';

const USAGE = [
  'Usage: calmdesk mailbox add --address A --imap URL [--smtp URL] [--acknowledge] [--data DIR]',
  '       calmdesk mailbox list [--data DIR]',
  '  URL: imap://user:password@host:143/INBOX (imaps:// for TLS), smtp://user:password@host:587 (smtps://)',
  '  --acknowledge: send a customer whose mail opens a new case an automatic acknowledgement (needs --smtp)',
].join('\n');

const COMMON_OPTIONS = { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const ADD_OPTIONS = {
  ...COMMON_OPTIONS,
  address: { type: 'string' },
  imap: { type: 'string' },
  smtp: { type: 'string' },
  acknowledge: { type: 'boolean' },
} as const;

export const mailboxCommand: Command = {
  name: 'mailbox',
  summary:
    'mailbox add --address A --imap URL [--smtp URL] [--acknowledge] | list: the mailboxes CalmDesk reads',
  async run(args, io) {
    const isAdd = args[0] === 'add';
    const parsed = parseSubcommandArgs(
      args,
      ['add', 'list'] as const,
      USAGE,
      isAdd ? ADD_OPTIONS : COMMON_OPTIONS,
      io.stdout,
    );
    if (parsed === undefined) return 0;
    const values = parsed.values as {
      data?: string;
      address?: string;
      imap?: string;
      smtp?: string;
      acknowledge?: boolean;
    };
    const config = loadConfig(io.env, { dataDir: values.data });
    if (parsed.subcommand === 'list') {
      const { items } = await runOnDatabase<{ items: Mailbox[] }>(
        config,
        { path: '/api/local/mailboxes/list', body: {} },
        async (db) => ({ items: await listMailboxes(db, CLI_ACTOR) }),
      );
      writeLine(io.stdout, formatMailboxTable(items));
      return 0;
    }
    for (const option of ['address', 'imap'] as const) {
      if (values[option] === undefined) throw new UsageError(`--${option} is required\n${USAGE}`);
    }
    const input = parseWith(NewMailboxSchema, {
      address: values.address,
      imap: values.imap,
      smtp: values.smtp,
      acknowledge: values.acknowledge,
    });
    const added = await runOnDatabase<Mailbox>(config, { path: '/api/local/mailboxes', body: input }, (db) =>
      addMailbox(db, CLI_ACTOR, input, new Date()),
    );
    const acknowledging = added.acknowledge ? '; new customers get an automatic acknowledgement' : '';
    writeLine(io.stdout, `added mailbox ${added.address} (${added.imap}), id ${added.id}${acknowledging}`);
    return 0;
  },
};

/** One mailbox a line under a header; never a password (the API has none to give). */
function formatMailboxTable(items: Mailbox[]): string {
  const rows = [
    ['ID', 'ADDRESS', 'IMAP', 'STATUS', 'LAST SYNC', 'PROCESSED', 'FAILED'],
    ...items.map((m) => [
      m.id,
      m.address,
      m.imap,
      m.status === 'error' ? `error: ${m.lastError ?? ''}` : m.status,
      m.lastSyncAt ?? '-',
      String(m.counts.processed),
      String(m.counts.failed),
    ]),
  ];
  return formatTextTable(rows);
}
