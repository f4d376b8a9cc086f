import type { Lang } from '@calmdesk/analysis';
import type { BoundaryDecision, CaseDetail, ClientTypeResult, Customer } from '@calmdesk/contracts';
import { formatAmount } from '@calmdesk/contracts';
import { strToU8, zipSync } from 'fflate';
import { EXPORT_LABELS, type ExportLabels } from './export-labels.ts';

export interface CustomerExport {
  exportedAt: string;
  organisation: string;
  customer: Customer;
  profile: { types: ClientTypeResult[]; stats: unknown };
  cases: CaseDetail[];
  boundaries: BoundaryDecision[];
  bookings: Array<{ id: string; service: string | null; startsAt: string; status: string }>;
  invoices: Array<{
    id: string;
    number: string | null;
    amountMinor: number;
    currency: string;
    issuedAt: string;
  }>;
  prepaidPackages: Array<{ id: string; name: string; sessionsBought: number; sessionsUsed: number }>;
}

export interface ExportFile {
  path: string;
  bytes: Uint8Array;
}

/** The archive: customer.json, summary.html and the stored files, compressed. */
export function zipExport(data: CustomerExport, files: readonly ExportFile[], lang: Lang): Uint8Array {
  const entries: Record<string, Uint8Array> = {
    'customer.json': strToU8(JSON.stringify(data, null, 2)),
    'summary.html': strToU8(summaryHtml(data, lang)),
  };
  for (const file of files) entries[file.path] = file.bytes;
  return zipSync(entries, { level: 6, mtime: new Date(data.exportedAt) });
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML: a customer's words are shown, never run. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A readable page of the export; every value from the data is escaped, and the page runs no script. */
export function summaryHtml(data: CustomerExport, lang: Lang): string {
  const l = EXPORT_LABELS[lang];
  const c = data.customer;
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(l.title)}</title>`,
    '<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}',
    'pre{white-space:pre-wrap;background:#f5f5f5;padding:.5rem}td,th{text-align:left;padding:.2rem .6rem}</style>',
    `</head><body><h1>${escapeHtml(l.title)}: ${escapeHtml(c.name)}</h1>`,
    `<p>${escapeHtml(l.intro)} ${escapeHtml(data.organisation)}, ${escapeHtml(data.exportedAt)}</p>`,
    `<h2>${escapeHtml(l.customer)}</h2>`,
    table([
      [l.name, c.name],
      [l.emails, c.emails.join(', ')],
      [l.phones, c.phones.join(', ')],
      [l.notes, c.notes ?? ''],
      [l.createdAt, c.createdAt],
    ]),
    `<h2>${escapeHtml(l.cases)}</h2>`,
    data.cases.length === 0 ? none(l) : data.cases.map((item) => caseHtml(item, l)).join(''),
    `<h2>${escapeHtml(l.profile)}</h2>`,
    list(
      data.profile.types.map(
        (t) => `${t.type}: ${t.sentence} (${t.evidence.map((e) => e.excerpt).join(' | ')})`,
      ),
      l,
    ),
    `<h2>${escapeHtml(l.boundaries)}</h2>`,
    list(
      data.boundaries.map((b) => `${b.createdAt.slice(0, 10)} ${b.level} (${b.outcome}): ${b.reason}`),
      l,
    ),
    `<h2>${escapeHtml(l.bookings)}</h2>`,
    list(
      data.bookings.map((b) => `${b.startsAt} ${b.service ?? ''} ${b.status}`),
      l,
    ),
    `<h2>${escapeHtml(l.invoices)}</h2>`,
    list(
      data.invoices.map(
        (i) => `${i.issuedAt.slice(0, 10)} ${i.number ?? ''} ${formatAmount(i.amountMinor, i.currency)}`,
      ),
      l,
    ),
    `<h2>${escapeHtml(l.prepaidPackages)}</h2>`,
    list(
      data.prepaidPackages.map((p) => `${p.name}: ${p.sessionsUsed}/${p.sessionsBought}`),
      l,
    ),
    `<p>${escapeHtml(l.files)}</p></body></html>`,
  ].join('\n');
}

function caseHtml(item: CaseDetail, l: ExportLabels): string {
  const messages = item.interactions.map(
    (entry) =>
      `<h4>${escapeHtml(`${entry.createdAt} · ${entry.kind}`)}</h4><pre>${escapeHtml(entry.body)}</pre>`,
  );
  return [
    `<h3>${escapeHtml(item.subject)}</h3>`,
    table([
      [l.status, item.status],
      [l.createdAt, item.createdAt],
    ]),
    `<h4>${escapeHtml(l.messages)}</h4>`,
    messages.join('') || none(l),
    `<h4>${escapeHtml(l.commitments)}</h4>`,
    list(
      item.commitments.map((m) => `${m.dueAt} ${m.who}: ${m.text} (${m.status})`),
      l,
    ),
    `<h4>${escapeHtml(l.compensations)}</h4>`,
    list(
      item.compensations.map(
        (m) => `${m.kind} ${m.amount ?? ''} ${m.currency ?? ''} (${m.status}) ${m.note ?? ''}`,
      ),
      l,
    ),
  ].join('');
}

function table(rows: Array<[string, string]>): string {
  const cells = rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
  return `<table>${cells.join('')}</table>`;
}

function list(items: string[], l: ExportLabels): string {
  if (items.length === 0) return none(l);
  return `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function none(l: ExportLabels): string {
  return `<p>${escapeHtml(l.none)}</p>`;
}
