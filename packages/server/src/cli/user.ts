import { loadConfig } from '../config.ts';
import {
  addUserAsCli,
  isCommonPassword,
  type LocalPasswordReset,
  LocalPasswordResetSchema,
  type LocalUser,
  type LocalUserDisabled,
  LocalUserDisabledSchema,
  LocalUserSchema,
  type PasswordResetResult,
  resetPasswordAsCli,
  type StaffMember,
  setUserDisabledAsCli,
} from '../local/local.service.ts';
import type { PublicUser } from '../users/users.service.ts';
import { parseSubcommandArgs, parseWith, UsageError } from './args.ts';
import { type CliIo, type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';

const USAGE = [
  'Usage: calmdesk user add --email E --password P --role owner|supervisor|agent [--name N] [--data DIR]',
  '       calmdesk user disable --email E [--data DIR]   (signs them out everywhere)',
  '       calmdesk user enable --email E [--data DIR]',
  '       calmdesk user password --email E [--password P] [--data DIR]   (without P, prints a one-time password)',
  'A password needs at least 12 characters and must not be one of the 10,000 most common ones.',
].join('\n');

const SUBCOMMANDS = ['add', 'disable', 'enable', 'password'] as const;
const OPTIONS = {
  email: { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
const PASSWORD_OPTIONS = { ...OPTIONS, password: { type: 'string' } } as const;
const ADD_OPTIONS = { ...PASSWORD_OPTIONS, role: { type: 'string' }, name: { type: 'string' } } as const;

type Values = { email?: string; password?: string; role?: string; name?: string; data?: string };

export const userCommand: Command = {
  name: 'user',
  summary:
    'user add --email E --password P --role R [--name N] | disable | enable | password --email E: manage staff',
  async run(args, io) {
    // Each subcommand refuses the options it does not take.
    const options = args[0] === 'add' ? ADD_OPTIONS : args[0] === 'password' ? PASSWORD_OPTIONS : OPTIONS;
    const parsed = parseSubcommandArgs(args, SUBCOMMANDS, USAGE, options, io.stdout);
    if (parsed === undefined) return 0;
    const values = parsed.values as Values;
    const required =
      parsed.subcommand === 'add' ? (['email', 'password', 'role'] as const) : (['email'] as const);
    for (const option of required) {
      if (values[option] === undefined) throw new UsageError(`--${option} is required\n${USAGE}`);
    }
    if (values.password !== undefined && isCommonPassword(values.password)) {
      throw new UsageError('--password: this password is one of the 10,000 most common ones; choose another');
    }
    const config = loadConfig(io.env, { dataDir: values.data });
    if (parsed.subcommand === 'add') return addUser(config, values, io);
    if (parsed.subcommand === 'password') return resetPassword(config, values, io);
    const input: LocalUserDisabled = parseWith(LocalUserDisabledSchema, {
      email: values.email,
      disabled: parsed.subcommand === 'disable',
    });
    const member = await runOnDatabase<StaffMember>(
      config,
      { path: '/api/local/users/disabled', body: input },
      (db) => setUserDisabledAsCli(db, input),
    );
    writeLine(
      io.stdout,
      member.disabledAt
        ? `disabled ${member.email}; every session of theirs has ended`
        : `enabled ${member.email}; they can sign in again`,
    );
    return 0;
  },
};

type Config = ReturnType<typeof loadConfig>;

async function addUser(config: Config, values: Values, io: CliIo): Promise<number> {
  const email = values.email ?? '';
  const input: LocalUser = parseWith(LocalUserSchema, {
    email,
    password: values.password,
    role: values.role,
    name: values.name ?? email.split('@')[0],
  });
  const user = await runOnDatabase<PublicUser>(config, { path: '/api/local/users', body: input }, (db) =>
    addUserAsCli(db, input),
  );
  writeLine(io.stdout, `added ${user.role} ${user.email} (${user.name}), id ${user.id}`);
  return 0;
}

async function resetPassword(config: Config, values: Values, io: CliIo): Promise<number> {
  const input: LocalPasswordReset = parseWith(LocalPasswordResetSchema, {
    email: values.email,
    password: values.password,
  });
  const result = await runOnDatabase<PasswordResetResult>(
    config,
    { path: '/api/local/users/password', body: input },
    (db) => resetPasswordAsCli(db, input),
  );
  // The one-time password alone on stdout, like a new token; the rest on stderr.
  if (result.oneTimePassword) writeLine(io.stdout, result.oneTimePassword);
  writeLine(
    io.stderr,
    `${result.oneTimePassword ? 'a one-time password (shown only once) is set' : 'the password is set'} for ${input.email}; their sessions have ended`,
  );
  return 0;
}
