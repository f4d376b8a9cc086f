import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from './csv.ts';
import { icsTimeToText, parseIcs, unescapeText } from './ics.ts';
import { prepareImport } from './records.ts';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, a BOM and CRLF', () => {
    const file = parseCsv(
      '\uFEFFid,name,note\r\n1,"Kowalski, Jan","said ""hi""\r\nand left"\r\n\r\n2,Ewa,\r\n',
    );
    expect(file.header).toEqual(['id', 'name', 'note']);
    expect(file.records).toEqual([
      { row: 2, line: 2, fields: ['1', 'Kowalski, Jan', 'said "hi"\r\nand left'] },
      { row: 3, line: 5, fields: ['2', 'Ewa', ''] },
    ]);
  });

  it('reads a last row without a line break and LF-only files', () => {
    expect(parseCsv('a,b\n1,2').records).toEqual([{ row: 2, line: 2, fields: ['1', '2'] }]);
  });

  it('reads the same records from a text arriving one character at a time', async () => {
    const text =
      '\uFEFFid,name,note\r\n1,"Kowalski, Jan","said ""hi""\r\nand left"\r\n\r\n2,Ewa,5" screen\r\n';
    const whole = parseCsv(text);
    expect(whole.records[1]).toEqual({ row: 3, line: 5, fields: ['2', 'Ewa', '5" screen'] });
    expect(await readCsv([...text])).toEqual(whole);
  });

  it('names the line of a quote that is never closed', async () => {
    await expect(readCsv(['a,b\n1,2\n3,"op', 'en\n'])).rejects.toThrow(
      'line 3: a quoted field is never closed',
    );
    expect(() => parseCsv('a,b\n1,2\n3,"open\n')).toThrow('line 3: a quoted field is never closed');
  });
});

describe('parseIcs', () => {
  const calendar = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:visit-1@salon',
    'DTSTART;TZID=Europe/Tallinn:20260310T100000',
    'SUMMARY:Manicure\\, gel \\; long de',
    ' scription that was folded',
    'ORGANIZER;CN="Studio Bella; Tallinn":mailto:desk@salon.example',
    'ATTENDEE;CN=Mari Tamm;ROLE=REQ-PARTICIPANT:mailto:Mari.Tamm@example.ee',
    'BEGIN:VALARM',
    'SUMMARY:not the event',
    'END:VALARM',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:visit-2@salon',
    'DTSTART:20260311T090000Z',
    'STATUS:CANCELLED',
    'ORGANIZER:mailto:olivia.brown@example.com',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:visit-3@salon',
    'DTSTART:20260701T120000',
    'ATTENDEE:mailto:ola.pawlak@example.pl',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  it('unfolds lines, unescapes text, reads quoted parameters and skips nested alarms', () => {
    const [first] = parseIcs(calendar);
    const summary = first?.properties.filter((p) => p.name === 'SUMMARY');
    expect(summary).toHaveLength(1);
    expect(unescapeText(summary?.[0]?.value ?? '')).toBe('Manicure, gel ; long description that was folded');
    expect(first?.properties.find((p) => p.name === 'ORGANIZER')?.params.CN).toBe('Studio Bella; Tallinn');
  });

  it('turns events into bookings: TZID and UTC become instants, floating times stay local, CANCELLED', () => {
    const prepared = prepareImport('bookings', 'ics', calendar);
    expect(prepared.rejected).toEqual([]);
    expect(prepared.records.map((r) => r.values)).toEqual([
      {
        external_id: 'visit-1@salon',
        customer_email: 'mari.tamm@example.ee',
        customer_name: 'Mari Tamm',
        service: 'Manicure, gel ; long description that was folded',
        staff: 'Studio Bella; Tallinn',
        starts_at: '2026-03-10T08:00:00.000Z',
        status: 'booked',
      },
      {
        external_id: 'visit-2@salon',
        customer_email: 'olivia.brown@example.com',
        customer_name: '',
        service: '',
        staff: '',
        starts_at: '2026-03-11T09:00:00Z',
        status: 'cancelled',
      },
      {
        external_id: 'visit-3@salon',
        customer_email: 'ola.pawlak@example.pl',
        customer_name: '',
        service: '',
        staff: '',
        starts_at: '2026-07-01T12:00:00',
        status: 'booked',
      },
    ]);
  });

  it('refuses an event without a DTSTART or with an unknown TZID, naming the event and line', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:a',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART;TZID=Mars/Olympus:20260101T100000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const prepared = prepareImport('bookings', 'ics', text);
    expect(prepared.rejected).toEqual([
      { row: 1, line: 2, column: 'DTSTART', reason: 'dtstart_missing', message: 'the event has no DTSTART' },
      {
        row: 2,
        line: 7,
        column: 'DTSTART',
        reason: 'time_zone_unknown',
        value: 'Mars/Olympus',
        message: expect.stringContaining('TZID "Mars/Olympus"'),
      },
    ]);
  });

  it('reads a Mozilla-style TZID prefix and a DATE value', () => {
    const at = (value: string, TZID?: string) =>
      icsTimeToText({ name: 'DTSTART', params: TZID ? { TZID } : {}, value, line: 1 });
    expect(at('20260115T100000', '/mozilla.org/20050126_1/Europe/Warsaw')).toBe('2026-01-15T09:00:00.000Z');
    expect(at('20260115')).toBe('2026-01-15');
  });

  const salonZone = [
    'BEGIN:VTIMEZONE',
    'TZID:Salon Standard Time',
    'BEGIN:STANDARD',
    'DTSTART:19701025T040000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'TZOFFSETFROM:+0300',
    'TZOFFSETTO:+0200',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:19700329T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0300',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ];
  const starts = (text: string) =>
    prepareImport('bookings', 'ics', text).records.map((r) => [r.values.external_id, r.values.starts_at]);

  it('reads a time in a zone the file defines (VTIMEZONE), summer and winter', () => {
    const text = [
      'BEGIN:VCALENDAR',
      ...salonZone,
      'BEGIN:VEVENT',
      'UID:winter',
      'DTSTART;TZID=Salon Standard Time:20260115T100000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:summer',
      'DTSTART;TZID=Salon Standard Time:20260715T100000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(starts(text)).toEqual([
      ['winter', '2026-01-15T08:00:00Z'],
      ['summer', '2026-07-15T07:00:00Z'],
    ]);
  });

  it('turns a series with an end into one booking per occurrence, less excluded and moved ones', () => {
    const text = [
      'BEGIN:VCALENDAR',
      ...salonZone,
      'BEGIN:VEVENT',
      'UID:weekly-massage',
      'DTSTART;TZID=Salon Standard Time:20260319T170000',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'EXDATE;TZID=Salon Standard Time:20260326T170000',
      'ATTENDEE;CN=Mari Tamm:mailto:mari.tamm@example.ee',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:weekly-massage',
      'RECURRENCE-ID;TZID=Salon Standard Time:20260402T170000',
      'DTSTART;TZID=Salon Standard Time:20260403T090000',
      'ATTENDEE;CN=Mari Tamm:mailto:mari.tamm@example.ee',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const prepared = prepareImport('bookings', 'ics', text);
    expect(prepared.rejected).toEqual([]);
    // 26 March is excluded; 29 March moves the salon to summer time; 2 April moved to the 3rd.
    expect(starts(text)).toEqual([
      ['weekly-massage/20260319T170000', '2026-03-19T15:00:00Z'],
      ['weekly-massage/20260409T170000', '2026-04-09T14:00:00Z'],
      ['weekly-massage/20260402T170000', '2026-04-03T06:00:00Z'],
    ]);
    expect(new Set(prepared.records.map((r) => r.values.customer_email))).toEqual(
      new Set(['mari.tamm@example.ee']),
    );
  });

  it('still refuses a series without an end, naming RRULE', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:forever',
      'DTSTART:20260301T100000Z',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(prepareImport('bookings', 'ics', text).rejected).toEqual([
      expect.objectContaining({ row: 1, line: 5, column: 'RRULE', reason: 'repeating_event' }),
    ]);
  });
});
