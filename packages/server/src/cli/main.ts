import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { packageFile } from '../package-root.ts';
import { commandIndex } from './command-index.ts';

export interface Command {
  name: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8'));
  return pkg.version as string;
}

export function helpText(): string {
  const width = Math.max(...commandIndex.map((c) => c.name.length));
  const lines = commandIndex.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
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
  const entry = commandIndex.find((c) => c.name === first);
  if (!entry) {
    console.error(`calmdesk: unknown command '${first}'\n`);
    console.error(helpText());
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest);
  } catch (error) {
    // Loaded only on failure: the success paths (`--version` above all) never load zod or the database.
    const [{ ConfigError }, { FolderBusyError }, { AppError }, { ServerBusyError }] = await Promise.all([
      import('../config.ts'),
      import('../db/folder-lock.ts'),
      import('../errors.ts'),
      import('../local/server-file.ts'),
    ]);
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
