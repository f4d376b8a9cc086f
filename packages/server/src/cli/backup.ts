import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backupStream } from '../backup/backup-stream.ts';
import { checkBackup } from '../backup/restore.ts';
import { holdsFiles } from '../backup/restore-target.ts';
import { type Config, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { findRunningServer, LOCAL_SECRET_HEADER, type ServerFile } from '../local/server-file.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { type Command, writeLine } from './command.ts';

const USAGE = 'Usage: calmdesk backup [--data DIR] FILE';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'backup [--data DIR] FILE: a consistent backup of the database, also while the server runs',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      true,
    );
    if (values.help) {
      writeLine(io.stdout, USAGE);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError(`name one backup file\n${USAGE}`);
    const config = loadConfig(io.env, { dataDir: values.data });
    // Written beside the file and renamed once checked, so FILE is never a half-written backup.
    const partial = `${file}.partial-${process.pid}`;
    try {
      const source = await openBackupSource(config);
      try {
        await pipeline(source.stream, createWriteStream(partial, { mode: 0o600 }));
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError(
          'backup_invalid',
          `the backup stopped before its end: ${(error as Error).message}`,
        );
      } finally {
        await source.close();
      }
      const { header, end } = await checkBackup(partial);
      renameSync(partial, file);
      const rows = Object.values(end.rows).reduce((sum, n) => sum + n, 0);
      writeLine(
        io.stdout,
        `backed up ${rows} rows of ${Object.keys(end.rows).length} tables (${header.database}, migration ` +
          `${header.migration}) to ${file}: ${statSync(file).size} bytes`,
      );
      return 0;
    } finally {
      rmSync(partial, { force: true });
    }
  },
};

/** The backup's bytes: from the running server that holds the data folder, else from the database itself. */
async function openBackupSource(config: Config): Promise<{ stream: Readable; close(): Promise<void> }> {
  const server = config.databaseUrl ? null : await findRunningServer(config.dataDir);
  if (server) return { stream: await fetchBackup(server), close: async () => {} };
  // Opening a missing folder would create an empty database and back that up.
  if (!config.databaseUrl && !holdsFiles(config.dataDir)) {
    throw new AppError(
      'not_found',
      `there is no CalmDesk data folder at ${config.dataDir} (--data DIR names it)`,
    );
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    poolSize: 2,
  });
  return { stream: backupStream(database.db, database.kind, new Date()), close: database.close };
}

async function fetchBackup(server: ServerFile): Promise<Readable> {
  const response = await fetch(new URL('/api/local/backup', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [LOCAL_SECRET_HEADER]: server.secret },
    body: '{}',
  });
  if (!response.ok || !response.body) {
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new AppError(
      'conflict',
      answer?.error?.message ?? `the server at ${server.url} answered ${response.status} to the backup`,
    );
  }
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
}
