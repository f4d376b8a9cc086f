import { loadConfig } from '../config.ts';
import {
  type CreatedToken,
  createTokenAsCli,
  type LocalToken,
  type LocalTokenId,
  LocalTokenIdSchema,
  LocalTokenSchema,
  listTokensAsCli,
  revokeTokenAsCli,
  type TokenListing,
} from '../local/local.service.ts';
import { parseSubcommandArgs, parseWith, UsageError } from './args.ts';
import { type CliIo, type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';
import { formatTextTable } from './text-table.ts';

const USAGE = [
  'Usage: calmdesk token create --role owner|supervisor|agent [--label L] [--data DIR]',
  '       calmdesk token list [--data DIR]',
  '       calmdesk token revoke ID [--data DIR]',
].join('\n');

const SUBCOMMANDS = ['create', 'list', 'revoke'] as const;
const COMMON_OPTIONS = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const CREATE_OPTIONS = { ...COMMON_OPTIONS, role: { type: 'string' }, label: { type: 'string' } } as const;

export const tokenCommand: Command = {
  name: 'token',
  summary:
    'token create --role R [--label L] | list | revoke ID: create (printed once), list or revoke API tokens',
  async run(args, io) {
    // Only `create` takes --role and --label, and only `revoke` an argument: the others refuse them.
    const isCreate = args[0] === 'create';
    const parsed = parseSubcommandArgs(
      args,
      SUBCOMMANDS,
      USAGE,
      isCreate ? CREATE_OPTIONS : COMMON_OPTIONS,
      io.stdout,
      args[0] === 'revoke',
    );
    if (parsed === undefined) return 0;
    const { subcommand, values, positionals } = parsed;
    const config = loadConfig(io.env, { dataDir: values.data });
    if (subcommand === 'create') return createToken(config, values as { role?: string; label?: string }, io);
    if (subcommand === 'list') {
      const { items } = await runOnDatabase<{ items: TokenListing[] }>(
        config,
        { path: '/api/local/tokens/list', body: {} },
        listTokensAsCli,
      );
      writeLine(io.stdout, formatTokenTable(items));
      return 0;
    }
    const [id, ...extra] = positionals;
    if (id === undefined) throw new UsageError(`missing token ID\n${USAGE}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'\n${USAGE}`);
    const input: LocalTokenId = parseWith(LocalTokenIdSchema, { id });
    const revoked = await runOnDatabase<TokenListing>(
      config,
      { path: '/api/local/tokens/revoke', body: input },
      (db) => revokeTokenAsCli(db, input),
    );
    writeLine(io.stdout, `revoked ${revoked.role} token ${revoked.id} at ${revoked.revokedAt}`);
    return 0;
  },
};

async function createToken(
  config: ReturnType<typeof loadConfig>,
  values: { role?: string; label?: string },
  io: CliIo,
): Promise<number> {
  if (values.role === undefined) throw new UsageError(`--role is required\n${USAGE}`);
  const input: LocalToken = parseWith(LocalTokenSchema, { role: values.role, label: values.label });
  const created = await runOnDatabase<CreatedToken>(
    config,
    { path: '/api/local/tokens', body: input },
    (db) => createTokenAsCli(db, input),
  );
  // The token alone on stdout, so `TOKEN=$(calmdesk token create …)` works; the rest on stderr.
  writeLine(io.stdout, created.token);
  writeLine(
    io.stderr,
    `created a ${created.role} token${created.label ? ` "${created.label}"` : ''} (id ${created.id}); it is shown only once`,
  );
  return 0;
}

/** One token a line under a header, columns padded to their widest cell. */
export function formatTokenTable(items: TokenListing[]): string {
  const rows = [
    ['ID', 'ROLE', 'LABEL', 'CREATED', 'REVOKED'],
    ...items.map((t) => [t.id, t.role, t.label ?? '-', t.createdAt, t.revokedAt ?? '-']),
  ];
  return formatTextTable(rows);
}
