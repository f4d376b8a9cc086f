import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, type Options, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

/** One record of a CSV file: its row number (the header is row 1) and the line it starts on. */
export interface CsvRecord {
  row: number;
  line: number;
  fields: string[];
}

export interface CsvFile {
  header: string[];
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * RFC 4180 as csv-parse reads it: quoted fields with doubled quotes, commas and line breaks inside
 * quotes, CRLF, LF or CR, a leading byte-order mark; blank lines skipped (spreadsheets leave them at
 * the end); rows of any length (the import names a row whose count differs from the header's).
 */
const OPTIONS = {
  bom: true,
  relax_column_count: true,
  // A quote inside an unquoted field is text (`5" screen`), as spreadsheets write it.
  relax_quotes: true,
  skip_empty_lines: true,
  raw: true,
} as const satisfies Options;

interface ParsedRecord {
  record: string[];
  raw: string;
}

/**
 * Reads a whole CSV text.
 *
 * @example parseCsv('a,b\r\n1,"x, ""y"""\r\n').records[0]?.fields // ['1', 'x, "y"']
 */
export function parseCsv(text: string): CsvFile {
  const file = newCsvFile();
  try {
    for (const parsed of parseSync(text, OPTIONS) as unknown as ParsedRecord[]) file.add(parsed);
  } catch (error) {
    throw asSyntaxError(error);
  }
  return file.done();
}

/**
 * Reads CSV text arriving in pieces (an upload as it streams in), so the raw file is never held whole.
 *
 * @example await readCsv(['a,b\n1,', '2\n']) // { header: ['a', 'b'], records: [{ row: 2, line: 2, fields: ['1', '2'] }] }
 */
export async function readCsv(chunks: AsyncIterable<string> | Iterable<string>): Promise<CsvFile> {
  const file = newCsvFile();
  const parser = parse(OPTIONS);
  // A failing source (an upload over its limit, bytes that are not UTF-8) fails the parser too.
  const feeding = pipeline(Readable.from(chunks), parser);
  feeding.catch(() => {});
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) file.add(parsed);
    await feeding;
  } catch (error) {
    throw asSyntaxError(error);
  }
  return file.done();
}

/** Numbers rows as a spreadsheet shows them and lines as an editor does (a quoted line break makes them differ). */
function newCsvFile() {
  const rows: CsvRecord[] = [];
  let breaksBefore = 0;
  return {
    add({ record, raw }: ParsedRecord) {
      // `raw` is the record's text with the blank lines skipped before it; csv-parse's own line count
      // counts a CRLF inside quotes twice, so lines are counted here.
      const leading = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? '';
      rows.push({ row: rows.length + 1, line: 1 + breaksBefore + countBreaks(leading), fields: record });
      breaksBefore += countBreaks(raw);
    },
    done(): CsvFile {
      const [head, ...records] = rows;
      return head ? { header: head.fields, records } : { header: [], records: [] };
    },
  };
}

function countBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote (a quote inside a field must be doubled)',
};

function asSyntaxError(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = Number((error as CsvError & { lines?: number }).lines ?? 1);
  return new CsvSyntaxError(MESSAGES[error.code] ?? error.message, line);
}
