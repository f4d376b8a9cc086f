import { loadConfig } from '../config.ts';
import { addUserAsCli, type LocalUser, LocalUserSchema } from '../local/local.service.ts';
import type { PublicUser } from '../users/users.service.ts';
import { parseSubcommandArgs, parseWith, UsageError } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';

const USAGE =
  'Usage: calmdesk user add --email E --password P --role owner|supervisor|agent [--name N] [--data DIR]';

export const userCommand: Command = {
  name: 'user',
  summary: 'user add --email E --password P --role R [--name N]: add a staff member',
  async run(args, io) {
    const parsed = parseSubcommandArgs(
      args,
      'add',
      USAGE,
      {
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      io.stdout,
    );
    if (parsed === undefined) return 0;
    const { values } = parsed;
    for (const option of ['email', 'password', 'role'] as const) {
      if (values[option] === undefined) throw new UsageError(`--${option} is required\n${USAGE}`);
    }
    const email = values.email ?? '';
    const input: LocalUser = parseWith(LocalUserSchema, {
      email,
      password: values.password,
      role: values.role,
      name: values.name ?? email.split('@')[0],
    });
    const config = loadConfig(io.env, { dataDir: values.data });
    const user = await runOnDatabase<PublicUser>(config, { path: '/api/local/users', body: input }, (db) =>
      addUserAsCli(db, input),
    );
    writeLine(io.stdout, `added ${user.role} ${user.email} (${user.name}), id ${user.id}`);
    return 0;
  },
};
