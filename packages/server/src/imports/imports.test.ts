import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customers.service.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { importPrepared, importRecords } from './imports.service.ts';
import { type ImportKind, prepareImport } from './records.ts';

describe.each(TEST_DATABASES)('imports on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 30_000);
  afterAll(() => t.close());

  const importCsv = (what: ImportKind, text: string) => {
    const db = t.database.db;
    return importPrepared(
      prepareImport(what, 'csv', text),
      (records) => importRecords(db, CLI_ACTOR, what, records, t.clock.now),
      undefined,
      2, // small parts, so a file crosses several of them
    );
  };

  const customers = [
    'external_id,name,email,phone,language',
    'C1,Jan Kowalski,Jan.Kowalski@Example.pl,+48 601 000 001,pl',
    'C2,"Tamm, Mari",mari@example.ee,,et',
    'C3,No Mail,not-an-address,,pl',
    'C4,,nameless@example.com,,en',
    'C5,Extra,extra@example.com,,en,surplus',
    'C1,Jan Again,jan2@example.pl,,pl',
    'C6,Klingon,k@example.com,,tlh',
    'C7,Ewa Linked,ewa.linked@example.pl,,',
  ].join('\n');

  it('stores the good rows and names the row, column and reason of each bad one', async () => {
    await createCustomer(t.database.db, CLI_ACTOR, {
      name: 'Ewa (from a case)',
      email: 'ewa.linked@example.pl',
    });
    const result = await importCsv('customers', customers);
    expect(result).toMatchObject({ imported: 2, updated: 1, unchanged: 0, rejected: 5 });
    expect(result.errors).toEqual([
      {
        row: 4,
        line: 4,
        column: 'email',
        reason: 'not_an_email',
        value: 'not-an-address',
        message: "'not-an-address' is not an e-mail address",
      },
      { row: 5, line: 5, column: 'name', reason: 'required', message: 'is empty' },
      {
        row: 6,
        line: 6,
        column: null,
        reason: 'field_count',
        count: 6,
        limit: 5,
        message: expect.stringContaining('has 6 fields, the header has 5'),
      },
      {
        row: 7,
        line: 7,
        column: 'external_id',
        reason: 'id_repeated',
        value: 'C1',
        earlierRow: 2,
        message: "'C1' is on row 2 already",
      },
      {
        row: 8,
        line: 8,
        column: 'language',
        reason: 'not_a_choice',
        value: 'tlh',
        allowed: ['pl', 'et', 'en'],
        message: "'tlh' is not one of pl, et, en",
      },
    ]);
    const stored = await t.database.db
      .selectFrom('customers')
      .select(['external_id', 'name', 'emails', 'phones', 'language'])
      .where('external_id', 'is not', null)
      .orderBy('external_id')
      .execute();
    expect(stored).toEqual([
      {
        external_id: 'C1',
        name: 'Jan Kowalski',
        emails: ['jan.kowalski@example.pl'],
        phones: ['+48601000001'],
        language: 'pl',
      },
      { external_id: 'C2', name: 'Tamm, Mari', emails: ['mari@example.ee'], phones: [], language: 'et' },
      // The customer who wrote in before is claimed by e-mail, not duplicated.
      {
        external_id: 'C7',
        name: 'Ewa Linked',
        emails: ['ewa.linked@example.pl'],
        phones: [],
        language: null,
      },
    ]);
  });

  it('changes nothing when the same file is imported again, and counts a real change as updated', async () => {
    const again = await importCsv('customers', customers);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejected: 5 });
    const changed = await importCsv(
      'customers',
      'external_id,name,email\nC1,Jan Kowalski,jan.kowalski@example.pl\nC2,Mari Tamm,mari@example.ee\n',
    );
    expect(changed).toMatchObject({ imported: 0, updated: 1, unchanged: 1, rejected: 0 });
  });

  it('imports bookings, matching customers by e-mail and creating the unknown ones with their name', async () => {
    const bookings = [
      'external_id,customer_email,customer_name,service,staff,starts_at,status,cancelled_at,deposit',
      'B1,jan.kowalski@example.pl,,Haircut,Ewa,2026-02-10 10:30,attended,,',
      'B2,new.person@example.pl,Nowa Osoba,Manicure,,2026-02-11T09:00:00Z,late_cancelled,2026-02-11 08:00,"50,00"',
      'B3,new.person@example.pl,Nowa Osoba,Manicure,,2026-02-18 09:00,no_show,,',
      'B4,jan.kowalski@example.pl,,Haircut,,next tuesday,booked,,',
      'B5,jan.kowalski@example.pl,,Haircut,,2026-02-12 10:00,attended,2026-02-11,',
      'B6,,,Haircut,,2026-02-12 10:00,booked,,',
      'B7,jan.kowalski@example.pl,,Haircut,,2026-02-30 10:00,booked,,',
    ].join('\r\n');
    const result = await importCsv('bookings', bookings);
    expect(result).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejected: 4 });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [5, 'starts_at'],
      [6, 'cancelled_at'],
      [7, 'customer_email'],
      [8, 'starts_at'],
    ]);
    const rows = await t.database.db
      .selectFrom('bookings')
      .innerJoin('customers', 'customers.id', 'bookings.customer_id')
      .select([
        'bookings.external_id',
        'customers.name',
        'starts_at',
        'status',
        'deposit_minor',
        'deposit_currency',
        'deposit_status',
      ])
      .orderBy('bookings.external_id')
      .execute();
    expect(
      rows.map((r) => [
        r.external_id,
        r.name,
        r.starts_at.toISOString(),
        r.status,
        r.deposit_minor === null ? null : Number(r.deposit_minor),
        r.deposit_currency,
      ]),
    ).toEqual([
      // Times without an offset are in the organisation's zone (Europe/Warsaw by default).
      ['B1', 'Jan Kowalski', '2026-02-10T09:30:00.000Z', 'attended', null, null],
      // A deposit without a currency is in the organisation's.
      ['B2', 'Nowa Osoba', '2026-02-11T09:00:00.000Z', 'late_cancelled', 5000, 'PLN'],
      ['B3', 'Nowa Osoba', '2026-02-18T08:00:00.000Z', 'no_show', null, null],
    ]);
    const newPeople = await t.database.db
      .selectFrom('customers')
      .select('id')
      .where('name', '=', 'Nowa Osoba')
      .execute();
    expect(newPeople).toHaveLength(1);
    expect((await importCsv('bookings', bookings)).unchanged).toBe(3);
  });

  it('imports invoices of known customers and refuses one for an unknown e-mail', async () => {
    const invoices = [
      'external_id,customer_email,amount,currency,issued_at,due_at,paid_at',
      'F/2026/1,jan.kowalski@example.pl,1200.5,pln,2026-01-05,2026-01-19,2026-01-18',
      'F/2026/2,mari@example.ee,99,EUR,2026-01-06,2026-01-20,',
      'F/2026/3,nobody@example.com,10,EUR,2026-01-06,,',
      'F/2026/4,mari@example.ee,ten,EUR,2026-01-06,,',
    ].join('\n');
    const result = await importCsv('invoices', invoices);
    expect(result).toMatchObject({ imported: 2, rejected: 2 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'customer_email',
        message: expect.stringContaining('no customer has'),
      }),
      expect.objectContaining({ row: 5, column: 'amount' }),
    ]);
    const paid = await importCsv('invoices', invoices.replace('2026-01-20,', '2026-01-20,2026-02-01'));
    expect(paid).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    const invoice = await t.database.db
      .selectFrom('invoices')
      .select(['amount_minor', 'currency'])
      .where('external_id', '=', 'F/2026/1')
      .executeTakeFirstOrThrow();
    expect({ ...invoice, amount_minor: Number(invoice.amount_minor) }).toEqual({
      amount_minor: 120050,
      currency: 'PLN',
    });
  });

  it('reads amounts exactly in their currency and names the row and column of one that does not fit', async () => {
    const invoices = [
      'external_id,customer_email,amount,currency,issued_at,due_at,paid_at',
      'M/1,jan.kowalski@example.pl,"19,99",EUR,2026-01-05,,2026-01-06',
      'M/2,jan.kowalski@example.pl,1500,JPY,2026-01-05,,',
      'M/3,jan.kowalski@example.pl,1.234,KWD,2026-01-05,,',
      'M/4,jan.kowalski@example.pl,19.999,PLN,2026-01-05,,',
      'M/5,jan.kowalski@example.pl,1500.5,JPY,2026-01-05,,',
      'M/6,jan.kowalski@example.pl,10,XYZ,2026-01-05,,',
      'M/7,jan.kowalski@example.pl,1e3,PLN,2026-01-05,,',
    ].join('\n');
    const result = await importCsv('invoices', invoices);
    expect(result).toMatchObject({ imported: 3, rejected: 4 });
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [5, 'amount', "'19.999' has more than 2 decimals, the most PLN has"],
      [6, 'amount', "'1500.5' has decimals, but JPY has no minor unit"],
      [7, 'currency', "'XYZ' is not an ISO 4217 currency code such as PLN or EUR"],
      [8, 'amount', "'1e3' is not an amount such as 120 or 99.50"],
    ]);
    const stored = await t.database.db
      .selectFrom('invoices')
      .select(['external_id', 'amount_minor', 'currency'])
      .where('external_id', 'in', ['M/1', 'M/2', 'M/3'])
      .orderBy('external_id')
      .execute();
    expect(stored.map((i) => [i.external_id, Number(i.amount_minor), i.currency])).toEqual([
      ['M/1', 1999, 'EUR'],
      ['M/2', 1500, 'JPY'],
      ['M/3', 1234, 'KWD'],
    ]);
    const bookings = [
      'external_id,customer_email,starts_at,status,deposit,deposit_currency',
      'D/1,jan.kowalski@example.pl,2026-02-10 10:00,booked,2000,JPY',
      'D/2,jan.kowalski@example.pl,2026-02-10 11:00,booked,-5,',
      'D/3,jan.kowalski@example.pl,2026-02-10 12:00,booked,12.5,JPY',
      'D/4,jan.kowalski@example.pl,2026-02-10 13:00,booked,12,ABC',
    ].join('\n');
    const deposits = await importCsv('bookings', bookings);
    expect(deposits.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'deposit'],
      [4, 'deposit'],
      [5, 'deposit_currency'],
    ]);
  });

  it('answers POST /api/imports/:kind for a supervisor with text/csv and text/calendar, never for an agent', async () => {
    const csv = 'external_id,name,email\nAPI-1,Api Person,api.person@example.com\nAPI-2,,x@example.com\n';
    const forbidden = await t.as('agent', {
      method: 'POST',
      url: '/api/imports/customers',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(forbidden.statusCode).toBe(403);
    const response = await t.as('supervisor', {
      method: 'POST',
      url: '/api/imports/customers',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      kind: 'customers',
      format: 'csv',
      imported: 1,
      rejected: 1,
      errors: [{ row: 3, column: 'name', message: 'is empty' }],
    });
    const ics =
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:api-ev-1\r\nDTSTART:20260301T100000Z\r\nATTENDEE:mailto:api.person@example.com\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const calendar = await t.as('owner', {
      method: 'POST',
      url: '/api/imports/bookings',
      headers: { 'content-type': 'text/calendar' },
      payload: ics,
    });
    expect(calendar.json()).toMatchObject({ format: 'ics', imported: 1, rejected: 0 });
    const unreadable = await t.as('owner', {
      method: 'POST',
      url: '/api/imports/invoices',
      headers: { 'content-type': 'text/csv' },
      payload: 'id,total\n1,2\n',
    });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json().error.message).toContain("unknown columns 'id', 'total'");
  });
  it('gives every refused row of a bad file a stable reason with its values, in the API answer too', async () => {
    const bookings = [
      'external_id,customer_email,starts_at,status,cancelled_at,deposit,deposit_currency',
      'R/1,bad-address,2026-02-10 10:00,booked,,,',
      'R/2,jan.kowalski@example.pl,31.02.2026,booked,,,',
      'R/3,jan.kowalski@example.pl,2026-02-10 11:00,maybe,,,',
      'R/4,jan.kowalski@example.pl,2026-02-10 12:00,booked,2026-02-09,,',
      'R/5,jan.kowalski@example.pl,2026-02-10 13:00,booked,,12.345,EUR',
      'R/6,jan.kowalski@example.pl,2026-02-10 14:00,booked,,-3,',
      'R/7,jan.kowalski@example.pl,2026-02-10 15:00,booked,,5,ZZZ',
      'R/8,,2026-02-10 16:00,booked,,,',
      'R/9,jan.kowalski@example.pl,,booked,,,',
    ].join('\n');
    const response = await t.as('owner', {
      method: 'POST',
      url: '/api/imports/bookings',
      headers: { 'content-type': 'text/csv' },
      payload: bookings,
    });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({ imported: 0, rejected: 9 });
    const facts = answer.errors.map(
      ({ message: _english, line: _line, ...rest }: Record<string, unknown>) => rest,
    );
    expect(facts).toEqual([
      { row: 2, column: 'customer_email', reason: 'not_an_email', value: 'bad-address' },
      { row: 3, column: 'starts_at', reason: 'not_a_date', value: '31.02.2026' },
      {
        row: 4,
        column: 'status',
        reason: 'not_a_choice',
        value: 'maybe',
        allowed: ['booked', 'attended', 'cancelled', 'late_cancelled', 'no_show'],
      },
      { row: 5, column: 'cancelled_at', reason: 'cancelled_at_not_cancelled', value: 'booked' },
      { row: 6, column: 'deposit', reason: 'amount_precision', value: '12.345', limit: 2 },
      { row: 7, column: 'deposit', reason: 'amount_negative', value: '-3' },
      { row: 8, column: 'deposit_currency', reason: 'currency_unknown', value: 'ZZZ' },
      { row: 9, column: 'customer_email', reason: 'customer_missing' },
      { row: 10, column: 'starts_at', reason: 'required' },
    ]);
    expect(answer.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('names why a whole file is refused, and the columns at fault', async () => {
    const send = (kind: ImportKind, type: string, payload: string) =>
      t.as('owner', {
        method: 'POST',
        url: `/api/imports/${kind}`,
        headers: { 'content-type': type },
        payload,
      });
    const errorOf = async (answer: ReturnType<typeof send>) => {
      const response = await answer;
      expect(response.statusCode).toBe(400);
      const { code, reason, columns, line } = response.json().error;
      return { code, reason, columns, line };
    };
    expect(await errorOf(send('invoices', 'text/csv', 'id,total\n1,2\n'))).toEqual({
      code: 'bad_request',
      reason: 'import_columns_unknown',
      columns: ['id', 'total'],
      line: undefined,
    });
    expect(
      await errorOf(send('customers', 'text/csv', 'external_id,email\nC1,a@example.com\n')),
    ).toMatchObject({
      reason: 'import_columns_missing',
      columns: ['name'],
    });
    expect(await errorOf(send('customers', 'text/csv', 'external_id,name,name\n'))).toMatchObject({
      reason: 'import_column_repeated',
      columns: ['name'],
    });
    expect(await errorOf(send('customers', 'text/csv', 'external_id,name\nC1,"Jan\nC2,Ewa\n'))).toMatchObject(
      {
        reason: 'import_not_csv',
        // The quote opened on line 2 is still open where the file ends, after line 3.
        line: 3,
      },
    );
    expect(
      await errorOf(send('customers', 'text/calendar', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')),
    ).toMatchObject({
      reason: 'import_ics_not_bookings',
    });
    expect(await errorOf(send('bookings', 'text/calendar', 'hello\r\n'))).toMatchObject({
      reason: 'import_not_ics',
      line: 1,
    });
  });

  it('gives a calendar event it refuses a reason too', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20260301T100000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:ev-2',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:ev-3',
      'DTSTART:March 1st',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:ev-4',
      'DTSTART;TZID=Mars/Olympus:20260301T100000',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const prepared = prepareImport('bookings', 'ics', ics);
    expect(
      prepared.rejected.map(({ row, column, reason, value }) => ({ row, column, reason, value })),
    ).toEqual([
      { row: 1, column: 'UID', reason: 'uid_missing', value: undefined },
      { row: 2, column: 'DTSTART', reason: 'dtstart_missing', value: undefined },
      { row: 3, column: 'DTSTART', reason: 'ics_time_invalid', value: 'March 1st' },
      { row: 4, column: 'DTSTART', reason: 'time_zone_unknown', value: 'Mars/Olympus' },
    ]);
  });
});
