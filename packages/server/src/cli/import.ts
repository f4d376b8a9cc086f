import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import { LOCAL_PART_RECORDS } from '@calmdesk/contracts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { type ImportResult, importPrepared, importRecords } from '../imports/imports.service.ts';
import {
  IMPORT_KINDS,
  ImportFileError,
  type ImportFormat,
  type ImportKind,
  type PreparedFile,
  prepareImport,
  type RowError,
  type SourceRecord,
} from '../imports/records.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { callLocalServer } from '../local/local-client.ts';
import { findRunningServer } from '../local/server-file.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { type Command, writeLine } from './command.ts';

const USAGE = [
  'Usage: calmdesk import customers|bookings|invoices FILE.csv [--data DIR]',
  '       calmdesk import bookings FILE.ics [--data DIR]',
  '',
  'Columns (a header row; the first ones are required, see packages/server/src/imports/IMPORT.md):',
  '  customers  external_id,name,email,phone,language',
  '  bookings   external_id,starts_at,customer_email,customer_name,service,staff,status,cancelled_at,deposit,deposit_currency',
  '  invoices   external_id,customer_email,amount,currency,issued_at,due_at,paid_at',
  '',
  'Idempotent by external_id: importing a file again changes nothing. A bad row is reported with its',
  'row number and skipped; the others are imported. --format csv|ics overrides the file extension.',
].join('\n');

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const importCommand: Command = {
  name: 'import',
  summary: 'import customers|bookings|invoices FILE.csv (or bookings FILE.ics): idempotent by external id',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { data: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      true,
    );
    if (values.help) {
      writeLine(io.stdout, USAGE);
      return 0;
    }
    const [kindArg, file, ...extra] = positionals;
    if (kindArg === undefined) throw new UsageError(`missing what to import\n${USAGE}`);
    if (!(IMPORT_KINDS as readonly string[]).includes(kindArg)) {
      throw new UsageError(`cannot import '${kindArg}'; choose ${IMPORT_KINDS.join(', ')}\n${USAGE}`);
    }
    const kind = kindArg as ImportKind;
    if (file === undefined) throw new UsageError(`missing the file to import\n${USAGE}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'\n${USAGE}`);
    const format = formatOf(file, values.format);
    if (format === 'ics' && kind !== 'bookings') {
      throw new UsageError(`an ICS calendar holds bookings; import ${kind} from CSV`);
    }
    const config = loadConfig(io.env, { dataDir: values.data });

    const started = performance.now();
    let prepared: PreparedFile;
    try {
      prepared = prepareImport(kind, format, readText(file));
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      writeLine(io.stderr, `calmdesk import: ${file}: ${error.message}`);
      return 1;
    }
    const progress = progressBar(kind, io.stderr);
    let result: ImportResult;
    const server = config.databaseUrl ? null : await findRunningServer(config.dataDir);
    if (server) {
      const send = (records: SourceRecord[]) =>
        callLocalServer<ImportResult>(server, `/api/local/imports/${kind}`, { records });
      result = await importPrepared(prepared, send, progress.update, LOCAL_PART_RECORDS).finally(
        progress.end,
      );
    } else {
      const database = await openDatabase(config);
      try {
        const store = (records: SourceRecord[]) => importRecords(database.db, CLI_ACTOR, kind, records);
        result = await importPrepared(prepared, store, progress.update).finally(progress.end);
      } finally {
        await database.close();
      }
    }
    const seconds = (performance.now() - started) / 1000;

    for (const error of result.errors) writeLine(io.stderr, describeError(format, error));
    const rows = prepared.records.length + prepared.rejected.length;
    writeLine(
      io.stdout,
      `${kind}: ${result.imported} imported, ${result.updated} updated, ${result.unchanged} unchanged, ` +
        `${result.rejected} rejected (${rows} ${format === 'ics' ? 'events' : 'rows'} in ${seconds.toFixed(1)} s)`,
    );
    if (result.rejected > 0) {
      writeLine(
        io.stderr,
        `${result.rejected} of ${rows} ${format === 'ics' ? 'events were' : 'rows were'} rejected (listed above); the others were imported`,
      );
    }
    return 0;
  },
};

function formatOf(file: string, option: string | undefined): ImportFormat {
  if (option !== undefined) {
    if (option !== 'csv' && option !== 'ics') throw new UsageError(`--format: '${option}' is not csv or ics`);
    return option;
  }
  return ['.ics', '.ical', '.icalendar'].includes(extname(file).toLowerCase()) ? 'ics' : 'csv';
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder'
          : `cannot be read (${code ?? (error as Error).message})`,
      'import_no_file',
    );
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ImportFileError(
      'is not UTF-8 text (save it from the spreadsheet as "CSV UTF-8")',
      'import_not_utf8',
    );
  }
}

function describeError(format: ImportFormat, error: RowError): string {
  const where =
    format === 'ics'
      ? `event ${error.row} (line ${error.line})`
      : `row ${error.row}${error.line !== error.row ? ` (line ${error.line})` : ''}`;
  return `${where}${error.column ? `, ${error.column}` : ''}: ${error.message}`;
}

/** A bar on standard error while it is a terminal; nothing when it is a file or a pipe. */
function progressBar(kind: ImportKind, stream: Writable) {
  if (!(stream as { isTTY?: boolean }).isTTY) return { update: undefined, end: () => {} };
  let drawn = false;
  return {
    update(done: number, total: number) {
      const share = total === 0 ? 1 : done / total;
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(
        `\r${kind} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${done}/${total}`,
      );
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
