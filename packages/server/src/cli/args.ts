import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { writeLine } from './command.ts';

/** A mistake in how a command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs with CalmDesk's conventions: unknown options are a UsageError naming the option. */
export function parseCommandArgs<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * For a command with subcommands (`calmdesk token create …`): `-h`/`--help` before or after the
 * subcommand writes the usage to `out` and gives `undefined`; a missing or other subcommand is a
 * UsageError; otherwise the subcommand and what follows it, parsed as by parseCommandArgs.
 */
export function parseSubcommandArgs<
  S extends string,
  T extends Options & { help: { type: 'boolean'; short: 'h' } },
>(
  args: string[],
  subcommands: S | readonly S[],
  usage: string,
  options: T,
  out: Writable,
  allowPositionals = false,
) {
  const [sub, ...rest] = args;
  if (sub === '-h' || sub === '--help') {
    writeLine(out, usage);
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
    writeLine(out, usage);
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
