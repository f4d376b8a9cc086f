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
 * Reads RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF
 * or LF, a leading byte-order mark. Blank lines are skipped, as spreadsheets leave them at the end.
 *
 * @example parseCsv('a,b\r\n1,"x, ""y"""\r\n').records[0]?.fields // ['1', 'x, "y"']
 */
export function parseCsv(text: string): CsvFile {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = source.length;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ row: 0, line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 34 /* " */ && field === '') {
      const start = line;
      i++;
      let closed = false;
      let chunkStart = i;
      while (i < n) {
        const q = source.charCodeAt(i);
        if (q === 34) {
          field += source.slice(chunkStart, i);
          if (source.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            chunkStart = i;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === 10) line++;
        i++;
      }
      if (!closed) throw new CsvSyntaxError('a quoted field is never closed', start);
      const next = source.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) {
        throw new CsvSyntaxError('text after a closing quote (a quote inside a field must be doubled)', line);
      }
      continue;
    }
    if (c === 44 /* , */) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === 13 || c === 10) {
      endRecord();
      i += c === 13 && source.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      // Plain run up to the next delimiter, copied at once: far faster than char by char.
      let j = i;
      while (j < n) {
        const d = source.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13) break;
        j++;
      }
      field += source.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...records] = rows;
  if (!head) return { header: [], records: [] };
  // Row numbers as a spreadsheet shows them (the header is row 1); a quoted line break makes the
  // line number differ, so both are kept.
  records.forEach((record, index) => {
    record.row = index + 2;
  });
  return { header: head.fields, records };
}
