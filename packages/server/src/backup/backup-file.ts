import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * A CalmDesk backup is one gzip file of JSON lines: the header, then each table's name line and its
 * rows (one JSON object per line, as PostgreSQL's row_to_json wrote it), then the closing line with
 * the row counts and the sha256 of every line before it. The hash sits at the end so the server can
 * stream a backup without holding it; a file cut short has no closing line and is refused.
 */
export const BACKUP_FORMAT = 'calmdesk-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const BackupHeaderSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  calmdeskVersion: z.string(),
  /** The last migration the database had run: a restore builds the schema up to it, then migrates. */
  migration: z.string().min(1),
  createdAt: z.string(),
  database: z.enum(['pglite', 'postgres']),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

// '@' keys: a row's first key is a column name, which is never written with an '@'.
const NameSchema = z.string().regex(/^[a-z_][a-z0-9_]*$/);
const TableLineSchema = z.strictObject({ '@table': NameSchema });
/** Each sequence's last value (null: never used), for sequences no column's rows can tell. */
const SequencesLineSchema = z.strictObject({
  '@sequences': z.record(NameSchema, z.number().int().nullable()),
});
const EndLineSchema = z.strictObject({
  '@end': z.literal(true),
  rows: z.record(z.string(), z.number().int().nonnegative()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupEnd = z.infer<typeof EndLineSchema>;

/** Writes backup lines and keeps the running hash the closing line carries. */
export interface BackupWriter {
  header(header: BackupHeader): Promise<void>;
  table(name: string): Promise<void>;
  sequences(values: Record<string, number | null>): Promise<void>;
  /** One row as the JSON text PostgreSQL made of it (row_to_json), written as is. */
  row(json: string): Promise<void>;
  end(rows: Record<string, number>): Promise<void>;
}

/** A BackupWriter over `write`, which takes one line of text and may apply backpressure. */
export function backupWriter(write: (line: string) => Promise<void>): BackupWriter {
  const hash = createHash('sha256');
  const put = (line: string) => {
    const text = `${line}\n`;
    hash.update(text);
    return write(text);
  };
  return {
    header: (header) => put(JSON.stringify(header)),
    table: (name) => put(JSON.stringify({ '@table': name })),
    row: (json) => put(json),
    sequences: (values) => put(JSON.stringify({ '@sequences': values })),
    end: (rows) => write(`${JSON.stringify({ '@end': true, rows, sha256: hash.digest('hex') })}\n`),
  };
}

/** One step of reading a backup: a table begins, or a row of the current table. */
export type BackupItem =
  | { kind: 'table'; table: string }
  | { kind: 'row'; table: string; json: string }
  | { kind: 'sequences'; values: Record<string, number | null> };

/**
 * Reads a backup file: the header first, then its tables and rows as they come, then the closing
 * line's counts once the hash matched. Any fault (not gzip, cut short, altered, not ours) is an
 * AppError `backup_invalid` naming the file and what is wrong.
 */
export async function readBackup(
  path: string,
  onHeader: (header: BackupHeader) => void | Promise<void>,
  onItem: (item: BackupItem) => void | Promise<void>,
): Promise<BackupEnd> {
  const refuse = (why: string) => new AppError('backup_invalid', `${path} is not a usable backup: ${why}`);
  const hash = createHash('sha256');
  const source = gunzipped(path);
  const lines = createInterface({ input: source.stream, crlfDelay: Number.POSITIVE_INFINITY });
  let header: BackupHeader | undefined;
  let table: string | undefined;
  const rows: Record<string, number> = {};
  try {
    for await (const line of lines) {
      if (!header) {
        header = parseHeader(line, refuse);
        hash.update(`${line}\n`);
        await onHeader(header);
        continue;
      }
      if (line.startsWith('{"@end":')) return checkEnd(line, hash, rows, refuse);
      hash.update(`${line}\n`);
      if (line.startsWith('{"@sequences":')) {
        await onItem({
          kind: 'sequences',
          values: parseLine(SequencesLineSchema, line, refuse)['@sequences'],
        });
      } else if (line.startsWith('{"@table":')) {
        table = parseLine(TableLineSchema, line, refuse)['@table'];
        rows[table] = 0;
        await onItem({ kind: 'table', table });
      } else if (table) {
        rows[table] = (rows[table] ?? 0) + 1;
        await onItem({ kind: 'row', table, json: line });
      } else {
        throw refuse('a row comes before any table');
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse(describeReadError(error as NodeJS.ErrnoException));
  } finally {
    source.stop();
  }
  throw refuse(header ? 'the file ends before its closing line (cut short?)' : 'the file is empty');
}

/**
 * The file's text as it is decompressed, and a way to stop reading it. Without stop, a file refused
 * early (not ours, a bad row) went on being decompressed after the reader left, and damage further on
 * surfaced as an error nobody listened for: an uncaught exception in the process that read it.
 */
function gunzipped(path: string) {
  const gunzip = createGunzip();
  const file = createReadStream(path);
  file.on('error', (error) => gunzip.destroy(error));
  return {
    stream: file.pipe(gunzip),
    stop() {
      // What the rest of the file holds no longer matters: its faults are ignored, not thrown.
      gunzip.on('error', () => {});
      file.destroy();
      gunzip.destroy();
    },
  };
}

function describeReadError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.message === 'unexpected end of file') return 'the file is cut short';
  if (error.code?.startsWith('Z_')) return `the compressed data is damaged (${error.message})`;
  return error.message;
}

function parseHeader(line: string, refuse: (why: string) => AppError): BackupHeader {
  const data = parseJson(line, refuse);
  if ((data as { format?: unknown } | null)?.format !== BACKUP_FORMAT)
    throw refuse('it does not start with a CalmDesk backup header');
  const header = BackupHeaderSchema.safeParse(data);
  if (!header.success) throw refuse(`its header is malformed (${header.error.issues[0]?.message})`);
  if (header.data.formatVersion > BACKUP_FORMAT_VERSION) {
    throw refuse(
      `it is in backup format ${header.data.formatVersion}, made by CalmDesk ${header.data.calmdeskVersion}; ` +
        `this CalmDesk reads format ${BACKUP_FORMAT_VERSION}: upgrade CalmDesk to restore it`,
    );
  }
  return header.data;
}

function checkEnd(
  line: string,
  hash: Hash,
  rows: Record<string, number>,
  refuse: (why: string) => AppError,
): BackupEnd {
  const end = parseLine(EndLineSchema, line, refuse);
  if (end.sha256 !== hash.digest('hex')) throw refuse('its sha256 does not match its content (altered?)');
  for (const [table, count] of Object.entries(end.rows)) {
    if (rows[table] !== count)
      throw refuse(`table ${table} has ${rows[table] ?? 0} rows, its closing line says ${count}`);
  }
  return end;
}

function parseLine<S extends z.ZodType>(
  schema: S,
  line: string,
  refuse: (why: string) => AppError,
): z.infer<S> {
  const parsed = schema.safeParse(parseJson(line, refuse));
  if (!parsed.success) throw refuse(`a line is malformed: ${line.slice(0, 80)}`);
  return parsed.data;
}

function parseJson(line: string, refuse: (why: string) => AppError): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw refuse(`a line is not JSON: ${line.slice(0, 80)}`);
  }
}
