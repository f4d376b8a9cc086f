import { loadConfig } from '../config.ts';
import { addUserAsCli, type LocalUser, LocalUserSchema } from '../local/local.service.ts';
import type { PublicUser } from '../users/users.service.ts';
import { runOnDatabase } from './local-target.ts';
import type { Command } from './main.ts';
import { parseSubcommandArgs, parseWith, UsageError } from './main.ts';

const USAGE =
  'Usage: calmdesk user add --email E --password P --role owner|supervisor|agent [--name N] [--data DIR]';

export const userCommand: Command = {
  name: 'user',
  summary: 'user add --email E --password P --role R [--name N]: add a staff member',
  async run(args) {
    const parsed = parseSubcommandArgs(args, 'add', USAGE, {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
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
    const config = loadConfig(process.env, { dataDir: values.data });
    const user = await runOnDatabase<PublicUser>(config, { path: '/api/local/users', body: input }, (db) =>
      addUserAsCli(db, input),
    );
    console.log(`added ${user.role} ${user.email} (${user.name}), id ${user.id}`);
    return 0;
  },
};
