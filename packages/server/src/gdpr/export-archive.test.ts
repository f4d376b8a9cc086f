import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { accountingYears, invoiceKeptUntil, invoicesKeptFrom } from './accounting.ts';
import { type CustomerExport, summaryHtml, zipExport } from './export-archive.ts';
import { safeFileName } from './export-customer.ts';

const HOSTILE = '<img src=x onerror=alert(1)>"\'&';

function exportOf(name: string): CustomerExport {
  return {
    exportedAt: '2026-03-02T09:00:00.000Z',
    organisation: 'Salon <Ewa>',
    customer: {
      id: 'c1',
      externalId: null,
      name,
      emails: ['ewa@example.pl'],
      phones: [],
      language: 'pl',
      addressForm: null,
      salutation: null,
      tags: [],
      notes: HOSTILE,
      createdAt: '2026-01-01T00:00:00.000Z',
      erasedAt: null,
    },
    profile: { types: [], stats: {} },
    cases: [],
    boundaries: [],
    bookings: [],
    invoices: [
      { id: 'i1', number: 'FV/1', amountMinor: 12050, currency: 'PLN', issuedAt: '2026-02-01T00:00:00.000Z' },
    ],
    prepaidPackages: [],
  };
}

describe('the export archive', () => {
  it('escapes every value in the summary, which is in the language asked for and runs no script', () => {
    const html = summaryHtml(exportOf(HOSTILE), 'et');
    expect(html).toContain('<html lang="et">');
    expect(html).toContain('Kliendi andmed');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html).not.toContain('<img');
    expect(html).toContain('Salon &lt;Ewa&gt;');
    expect(html).toContain("default-src 'none'");
  });

  it('zips the JSON, the summary and the files under their paths', () => {
    const bytes = zipExport(
      exportOf('Ewa'),
      [{ path: 'mail/m1.eml', bytes: new Uint8Array([1, 2, 3]) }],
      'pl',
    );
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['customer.json', 'mail/m1.eml', 'summary.html']);
    expect(JSON.parse(strFromU8(files['customer.json'] as Uint8Array)).customer.name).toBe('Ewa');
    expect([...(files['mail/m1.eml'] as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('keeps a hostile attachment name inside its folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a\u0000b:c?.pdf')).toBe('a_b_c_.pdf');
    expect(safeFileName('...')).toBe('attachment');
  });
});

describe('the accounting period', () => {
  it('is 7 years on Estonian time and 5 otherwise, counted from the end of the invoice year', () => {
    expect(accountingYears('Europe/Tallinn')).toBe(7);
    expect(accountingYears('Europe/Warsaw')).toBe(5);
    expect(invoiceKeptUntil(new Date('2026-02-10T00:00:00Z'), 5).toISOString()).toBe(
      '2032-01-01T00:00:00.000Z',
    );
    expect(invoicesKeptFrom(new Date('2026-03-02T00:00:00Z'), 5).toISOString()).toBe(
      '2021-01-01T00:00:00.000Z',
    );
  });
});
