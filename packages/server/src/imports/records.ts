import {
  type ErrorReason,
  IMPORT_KINDS,
  type ImportFormat,
  type ImportKind,
  type RowError,
  type RowProblem,
} from '@calmdesk/contracts';
import { normaliseEmail } from '../customers/customers.service.ts';
import { AppError } from '../errors.ts';
import { type CsvFile, CsvSyntaxError, parseCsv, readCsv } from './csv.ts';
import { shownValue } from './fields.ts';
import {
  type IcsEvent,
  type IcsProperty,
  IcsSyntaxError,
  IcsTimeError,
  icsTimeToText,
  parseIcs,
  unescapeText,
} from './ics.ts';

// The import kinds and formats are the contracts'; the server's import code names them from here.
export { IMPORT_KINDS, type ImportFormat, type ImportKind, type RowError };

/** The documented columns of each kind, in order (IMPORT.md); the first ones are required. */
export const COLUMNS: Record<ImportKind, { columns: string[]; required: string[] }> = {
  customers: {
    columns: ['external_id', 'name', 'email', 'phone', 'language'],
    required: ['external_id', 'name'],
  },
  bookings: {
    columns: [
      'external_id',
      'customer_email',
      'customer_name',
      'service',
      'staff',
      'starts_at',
      'status',
      'cancelled_at',
      'deposit',
      'deposit_currency',
    ],
    required: ['external_id', 'starts_at'],
  },
  invoices: {
    columns: ['external_id', 'customer_email', 'amount', 'currency', 'issued_at', 'due_at', 'paid_at'],
    required: ['external_id', 'customer_email', 'amount', 'currency', 'issued_at'],
  },
};

/** One row of a file (or one VEVENT), its values by column name; what every importer reads. */
export interface SourceRecord {
  /** The row number (the CSV header is row 1) or the event number of an ICS file. */
  row: number;
  line: number;
  values: Record<string, string>;
}

export interface PreparedFile {
  kind: ImportKind;
  format: ImportFormat;
  records: SourceRecord[];
  /** Rows refused before any database work: wrong field count, a repeated external_id, a bad event. */
  rejected: RowError[];
}

/** The file cannot be read at all (not CSV, no header, unknown columns): nothing is imported. */
export class ImportFileError extends AppError {
  constructor(message: string, reason: ErrorReason, facts: { columns?: string[]; line?: number } = {}) {
    super('bad_request', message, undefined, { reason, ...facts });
  }
}

/** Reads a CSV or ICS text into records of the kind's columns; the rows are checked later. */
export function prepareImport(kind: ImportKind, format: ImportFormat, text: string): PreparedFile {
  const prepared = format === 'ics' ? prepareIcs(kind, text) : prepareCsv(kind, text);
  rejectRepeatedIds(prepared);
  return prepared;
}

/** As prepareImport for CSV text arriving in pieces: an upload read as it streams in. */
export async function prepareCsvStream(
  kind: ImportKind,
  chunks: AsyncIterable<string>,
): Promise<PreparedFile> {
  let file: CsvFile;
  try {
    file = await readCsv(chunks);
  } catch (error) {
    throw asImportFileError(error);
  }
  const prepared = csvRecords(kind, file);
  rejectRepeatedIds(prepared);
  return prepared;
}

function asImportFileError(error: unknown): unknown {
  return error instanceof CsvSyntaxError
    ? new ImportFileError(`not a readable CSV file: ${error.message}`, 'import_not_csv', { line: error.line })
    : error;
}

function prepareCsv(kind: ImportKind, text: string): PreparedFile {
  let file: CsvFile;
  try {
    file = parseCsv(text);
  } catch (error) {
    throw asImportFileError(error);
  }
  return csvRecords(kind, file);
}

function csvRecords(kind: ImportKind, file: CsvFile): PreparedFile {
  const { columns, required } = COLUMNS[kind];
  const header = file.header.map((name) => name.trim().toLowerCase());
  if (header.length === 0)
    throw new ImportFileError(
      `the file is empty; expected a header: ${columns.join(',')}`,
      'import_file_empty',
      {
        columns,
      },
    );
  const unknown = header.filter((name) => !columns.includes(name));
  if (unknown.length > 0) {
    throw new ImportFileError(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} in the header; ${kind} files have ${columns.join(',')}`,
      'import_columns_unknown',
      { columns: unknown },
    );
  }
  const repeated = header.find((name, i) => header.indexOf(name) !== i);
  if (repeated)
    throw new ImportFileError(`the header names column '${repeated}' twice`, 'import_column_repeated', {
      columns: [repeated],
    });
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new ImportFileError(
      `the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      'import_columns_missing',
      { columns: missing },
    );
  }
  const records: SourceRecord[] = [];
  const rejected: RowError[] = [];
  for (const record of file.records) {
    if (record.fields.length !== header.length) {
      rejected.push({
        row: record.row,
        line: record.line,
        column: null,
        reason: 'field_count',
        count: record.fields.length,
        limit: header.length,
        message: `has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, the header has ${header.length} (a comma inside a value needs quotes)`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      values[name] = (record.fields[i] ?? '').trim();
    });
    records.push({ row: record.row, line: record.line, values });
  }
  return { kind, format: 'csv', records, rejected };
}

function prepareIcs(kind: ImportKind, text: string): PreparedFile {
  if (kind !== 'bookings')
    throw new ImportFileError(`an ICS calendar holds bookings, not ${kind}`, 'import_ics_not_bookings');
  let events: IcsEvent[];
  try {
    events = parseIcs(text);
  } catch (error) {
    if (error instanceof IcsSyntaxError)
      throw new ImportFileError(`not a readable ICS file: ${error.message}`, 'import_not_ics', {
        line: error.line,
      });
    throw error;
  }
  const records: SourceRecord[] = [];
  const rejected: RowError[] = [];
  for (const event of events) {
    const converted = bookingOfEvent(event);
    if ('message' in converted) rejected.push(converted);
    else records.push(converted);
  }
  return { kind, format: 'ics', records, rejected };
}

/** A VEVENT as a bookings row: UID, DTSTART, STATUS, SUMMARY, and the customer from ATTENDEE or ORGANIZER. */
function bookingOfEvent(event: IcsEvent): SourceRecord | RowError {
  const fail = (
    property: IcsProperty | undefined,
    column: string,
    message: string,
    problem: RowProblem,
  ): RowError => ({
    row: event.index,
    line: property?.line ?? event.line,
    column,
    ...problem,
    message,
  });
  const first = (name: string) => event.properties.find((p) => p.name === name);
  const rrule = first('RRULE');
  if (rrule) {
    return fail(rrule, 'RRULE', 'a repeating event is not a booking; export single occurrences', {
      reason: 'repeating_event',
    });
  }
  const uid = first('UID');
  const start = first('DTSTART');
  if (!uid || uid.value.trim() === '')
    return fail(undefined, 'UID', 'the event has no UID', { reason: 'uid_missing' });
  if (!start) return fail(undefined, 'DTSTART', 'the event has no DTSTART', { reason: 'dtstart_missing' });
  let startsAt: string;
  try {
    startsAt = icsTimeToText(start);
  } catch (error) {
    if (!(error instanceof IcsTimeError)) throw error;
    return fail(start, 'DTSTART', error.message, { reason: error.reason, value: shownValue(error.value) });
  }
  const organizer = first('ORGANIZER');
  const organizerEmail = organizer ? mailtoOf(organizer.value) : '';
  // The business usually organises its own calendar: the customer is an attendee who is not it.
  const attendee = event.properties.find(
    (p) => p.name === 'ATTENDEE' && mailtoOf(p.value) !== '' && mailtoOf(p.value) !== organizerEmail,
  );
  const customer = attendee ?? organizer;
  const status = first('STATUS')?.value.trim().toUpperCase();
  const values: Record<string, string> = {
    external_id: unescapeText(uid.value).trim(),
    customer_email: customer ? mailtoOf(customer.value) : '',
    customer_name: customer?.params.CN?.trim() ?? '',
    service: unescapeText(first('SUMMARY')?.value ?? '').trim(),
    staff: attendee && organizer?.params.CN ? organizer.params.CN.trim() : '',
    starts_at: startsAt,
    status: status === 'CANCELLED' ? 'cancelled' : 'booked',
  };
  return { row: event.index, line: event.line, values };
}

function mailtoOf(value: string): string {
  const address = /^\s*mailto:(.+)$/i.exec(value)?.[1] ?? '';
  try {
    return normaliseEmail(decodeURIComponent(address));
  } catch {
    return normaliseEmail(address);
  }
}

function rejectRepeatedIds(prepared: PreparedFile): void {
  const firstRow = new Map<string, number>();
  const kept: SourceRecord[] = [];
  for (const record of prepared.records) {
    const id = record.values.external_id ?? '';
    const earlier = id === '' ? undefined : firstRow.get(id);
    if (earlier !== undefined) {
      prepared.rejected.push({
        row: record.row,
        line: record.line,
        column: 'external_id',
        reason: 'id_repeated',
        value: shownValue(id),
        earlierRow: earlier,
        message: `'${id}' is on ${prepared.format === 'ics' ? 'event' : 'row'} ${earlier} already`,
      });
      continue;
    }
    if (id !== '') firstRow.set(id, record.row);
    kept.push(record);
  }
  prepared.records = kept;
  prepared.rejected.sort((a, b) => a.row - b.row);
}
