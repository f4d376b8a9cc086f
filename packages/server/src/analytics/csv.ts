/** One CSV column: its header and how a row fills it. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

// A spreadsheet runs a cell that starts like a formula (=, +, -, @, or a tab/CR before one); a leading
// apostrophe makes it text. Numbers are written as numbers, so -12.5 stays a number.
const FORMULA_START = /^(?:[=+\-@\t\r\n]|\s+[=+\-@])/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, RFC 4180-quoted and safe from formula injection. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A table as RFC 4180 CSV: a header line, CRLF line ends, and a UTF-8 byte-order mark so that Excel
 * reads Polish and Estonian names right.
 */
export function toCsv<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
