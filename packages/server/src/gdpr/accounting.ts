/**
 * How long accounting law keeps an invoice: the Estonian Accounting Act § 12 (7 years from the end of the
 * financial year) for an organisation on Estonian time, the Polish Accounting Act art. 74 (5 years from the
 * start of the year after it) otherwise. The financial year is taken to be the calendar year.
 */
export function accountingYears(timeZone: string): number {
  return timeZone === 'Europe/Tallinn' ? 7 : 5;
}

/** Until when an invoice issued then must be kept: 1 January after its year plus the period. */
export function invoiceKeptUntil(issuedAt: Date, years: number): Date {
  return new Date(Date.UTC(issuedAt.getUTCFullYear() + 1 + years, 0, 1));
}

/** Invoices issued on or after this are still within the period. */
export function invoicesKeptFrom(now: Date, years: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear() - years, 0, 1));
}
