import { loadConfig } from '../config.ts';
import {
  type CreatedToken,
  createTokenAsCli,
  type LocalToken,
  LocalTokenSchema,
} from '../local/local.service.ts';
import { runOnDatabase } from './local-target.ts';
import type { Command } from './main.ts';
import { parseSubcommandArgs, parseWith, UsageError } from './main.ts';

const USAGE = 'Usage: calmdesk token create --role owner|supervisor|agent [--label L] [--data DIR]';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'token create --role R [--label L]: create an API token and print it once',
  async run(args) {
    const values = parseSubcommandArgs(args, 'create', USAGE, {
      role: { type: 'string' },
      label: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values === undefined) return 0;
    if (values.role === undefined) throw new UsageError(`--role is required\n${USAGE}`);
    const input: LocalToken = parseWith(LocalTokenSchema, { role: values.role, label: values.label });
    const config = loadConfig(process.env, { dataDir: values.data });
    const created = await runOnDatabase<CreatedToken>(
      config,
      { path: '/api/local/tokens', body: input },
      (db) => createTokenAsCli(db, input),
    );
    // The token alone on stdout, so `TOKEN=$(calmdesk token create …)` works; the rest on stderr.
    console.log(created.token);
    console.error(
      `created a ${created.role} token${created.label ? ` "${created.label}"` : ''} (id ${created.id}); it is shown only once`,
    );
    return 0;
  },
};
