import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ConfigError } from '../config.ts';
import { FolderBusyError } from '../db/folder-lock.ts';
import { AppError } from '../errors.ts';
import { ServerBusyError } from '../local/server-file.ts';
import { analyzeCommand } from './analyze.ts';
import { coachCommand } from './coach.ts';
import { importCommand } from './import.ts';
import { mailboxCommand } from './mailbox.ts';
import { serveCommand } from './serve.ts';
import { tokenCommand } from './token.ts';
import { userCommand } from './user.ts';
import { verifyLogCommand } from './verify-log.ts';

export interface Command {
  name: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

const commands: Command[] = [
  analyzeCommand,
  coachCommand,
  serveCommand,
  userCommand,
  tokenCommand,
  verifyLogCommand,
  importCommand,
  mailboxCommand,
];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return pkg.version as string;
}

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: calmdesk <command> [options]',
    '',
    'CalmDesk: a helpdesk for dissatisfied, angry and difficult customers.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show this help (or `calmdesk <command> --help`)',
    '  -v, --version  print the version',
  ].join('\n');
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    console.log(helpText());
    return 0;
  }
  if (first === '-v' || first === '--version') {
    console.log(version());
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    console.error(`calmdesk: unknown command '${first}'\n`);
    console.error(helpText());
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`calmdesk ${command.name}: ${error.message}`);
      return 2;
    }
    // Expected failures (an e-mail taken, a busy data folder): the message, no stack trace.
    if (error instanceof AppError || error instanceof ServerBusyError || error instanceof FolderBusyError) {
      console.error(`calmdesk ${command.name}: ${error.message}`);
      return error instanceof AppError && error.code === 'bad_request' ? 2 : 1;
    }
    throw error;
  }
}

/** A mistake in how a command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** parseArgs with CalmDesk's conventions: unknown options are a UsageError naming the option. */
export function parseCommandArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * For a command with subcommands (`calmdesk token create …`): `-h`/`--help` before or after the
 * subcommand prints the usage and gives `undefined`; a missing or other subcommand is a UsageError;
 * otherwise the subcommand and what follows it, parsed as by parseCommandArgs.
 */
export function parseSubcommandArgs<
  S extends string,
  T extends NonNullable<Parameters<typeof parseArgs>[0]>['options'] & {
    help: { type: 'boolean'; short: 'h' };
  },
>(args: string[], subcommands: S | readonly S[], usage: string, options: T, allowPositionals = false) {
  const [sub, ...rest] = args;
  if (sub === '-h' || sub === '--help') {
    console.log(usage);
    return undefined;
  }
  const known: readonly string[] = typeof subcommands === 'string' ? [subcommands] : subcommands;
  if (sub === undefined || !known.includes(sub)) {
    throw new UsageError(
      sub === undefined ? `missing subcommand\n${usage}` : `unknown subcommand '${sub}'\n${usage}`,
    );
  }
  const { values, positionals } = parseCommandArgs(rest, options, allowPositionals);
  // T requires the help option, but TypeScript cannot see through parseArgs' generic result.
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    return undefined;
  }
  return { subcommand: sub as S, values, positionals };
}

/** Validates option values with a zod schema; the first problem is a UsageError naming the option. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const option = issue?.path[0];
  throw new UsageError(
    `${option === undefined ? 'invalid input' : `--${String(option)}`}: ${issue?.message ?? 'invalid'}`,
  );
}
