import { readFileSync } from 'node:fs';
import { packageFile } from '../package-root.ts';
import { UsageError } from './args.ts';
import { type CliIo, resolveIo, writeLine } from './command.ts';
import { commandIndex } from './command-index.ts';

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

/**
 * Runs the CLI and returns the exit code. `io` replaces the process's streams and environment (tests
 * run commands in process this way); by default the command reads and writes the process's own.
 */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const streams = resolveIo(io);
  const { stdout, stderr } = streams;
  const [first, ...args] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    writeLine(stdout, helpText());
    return 0;
  }
  if (first === '-v' || first === '--version') {
    writeLine(stdout, version());
    return 0;
  }
  const entry = commandIndex.find((c) => c.name === first);
  if (!entry) {
    writeLine(stderr, `calmdesk: unknown command '${first}'\n`);
    writeLine(stderr, helpText());
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(args, streams);
  } catch (error) {
    // Loaded only on failure: the success paths (`--version` above all) never load zod or the database.
    const [{ ConfigError }, { FolderBusyError }, { AppError }, { ServerBusyError }] = await Promise.all([
      import('../config.ts'),
      import('../db/folder-lock.ts'),
      import('../errors.ts'),
      import('../local/server-file.ts'),
    ]);
    if (error instanceof UsageError || error instanceof ConfigError) {
      writeLine(stderr, `calmdesk ${command.name}: ${error.message}`);
      return 2;
    }
    // Expected failures (an e-mail taken, a busy data folder): the message, no stack trace.
    if (error instanceof AppError || error instanceof ServerBusyError || error instanceof FolderBusyError) {
      writeLine(stderr, `calmdesk ${command.name}: ${error.message}`);
      return error instanceof AppError && error.code === 'bad_request' ? 2 : 1;
    }
    throw error;
  }
}
