import { renameSync, rmSync } from 'node:fs';
import { type CheckedBackup, checkBackup, checkRestoredLogs, loadBackup } from '../backup/restore.ts';
import { checkEmptyPostgres, holdsFiles } from '../backup/restore-target.ts';
import { type Config, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { lockFolder } from '../db/folder-lock.ts';
import { AppError } from '../errors.ts';
import { findRunningServer } from '../local/server-file.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { type CliIo, type Command, writeLine } from './command.ts';

const USAGE = 'Usage: calmdesk restore FILE [--data DIR] [--force]';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore FILE [--data DIR] [--force]: a backup into an empty data folder or database',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        data: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      true,
    );
    if (values.help) {
      writeLine(io.stdout, USAGE);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError(`name one backup file\n${USAGE}`);
    const config = loadConfig(io.env, { dataDir: values.data });
    if (config.databaseUrl && values.force) {
      throw new UsageError(
        '--force replaces a data folder; on PostgreSQL, restore into a fresh, empty database',
      );
    }
    const backup = await checkBackup(file);
    return config.databaseUrl
      ? restoreIntoPostgres(config, file, backup, io)
      : restoreIntoFolder(config, file, backup, values.force === true, io);
  },
};

async function restoreIntoPostgres(config: Config, file: string, backup: CheckedBackup, io: CliIo) {
  const url = config.databaseUrl ?? '';
  await checkEmptyPostgres(url, config.databaseSchema, backup.header.migration);
  return restoreInto(
    { databaseUrl: url, dataDir: config.dataDir, schema: config.databaseSchema },
    file,
    backup,
    io,
  );
}

async function restoreIntoFolder(
  config: Config,
  file: string,
  backup: CheckedBackup,
  force: boolean,
  io: CliIo,
) {
  const dir = config.dataDir;
  if (!holdsFiles(dir)) return restoreInto({ dataDir: dir }, file, backup, io);
  if (!force) {
    throw new AppError(
      'restore_target_not_empty',
      `the data folder ${dir} is not empty: restore into a new folder (--data), or add --force to replace it ` +
        '(the old folder is kept beside it)',
    );
  }
  const server = await findRunningServer(dir);
  if (server) {
    throw new AppError(
      'restore_target_not_empty',
      `a CalmDesk server (process ${server.pid}) is using ${dir}: stop it first`,
    );
  }
  // Held while the new folder is built, so no server starts on the old one meanwhile.
  const unlock = lockFolder(dir);
  const fresh = `${dir}.restoring-${process.pid}`;
  try {
    rmSync(fresh, { recursive: true, force: true });
    const code = await restoreInto({ dataDir: fresh }, file, backup, io);
    const kept = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    unlock();
    renameSync(dir, kept);
    renameSync(fresh, dir);
    writeLine(io.stdout, `the previous data folder is kept as ${kept}`);
    return code;
  } catch (error) {
    unlock();
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
}

async function restoreInto(
  target: { databaseUrl?: string; dataDir: string; schema?: string | undefined },
  file: string,
  { header }: CheckedBackup,
  io: CliIo,
): Promise<number> {
  const database = await openDatabase({ ...target, migrateTo: header.migration, poolSize: 2 });
  try {
    const rows = await loadBackup(database.db, file);
    await database.migrate();
    const logs = await checkRestoredLogs(database.db);
    const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
    writeLine(
      io.stdout,
      `restored ${total} rows of ${Object.keys(rows).length} tables from ${file} (made ${header.createdAt} ` +
        `on ${header.database}, migration ${header.migration}) into ${target.databaseUrl ? 'the database' : target.dataDir}`,
    );
    writeLine(
      io.stdout,
      logs.broken === 0
        ? `checked ${logs.cases} cases, ${logs.entries} log entries: every chain is intact`
        : `checked ${logs.cases} cases: ${logs.broken} chains broken (run calmdesk verify-log)`,
    );
    return logs.broken === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}
