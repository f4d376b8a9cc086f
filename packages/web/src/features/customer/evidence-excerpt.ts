import type { EvidenceRecord } from '@calmdesk/contracts';

/**
 * The server writes evidence excerpts as short English lines; the ones it builds from data (bookings,
 * invoices, promises, cases, abuse) are read back into parts, so the page can say them in the interface
 * language and in the organisation's zone. Anything else stays as written (customers' own words).
 */
export type ExcerptParts =
  | { kind: 'booking'; service: string; startsAt: string; status: string; cancelledAt: string | null }
  | {
      kind: 'invoice';
      label: string;
      amount: number;
      currency: string;
      dueOn: string | null;
      paidOn: string | null;
    }
  | { kind: 'commitment'; text: string; status: 'open' | 'kept' | 'missed' }
  | { kind: 'caseFault'; subject: string; fault: string }
  | { kind: 'caseWaiting'; subject: string; days: number }
  | { kind: 'incident'; flags: string[]; message: string }
  | { kind: 'text'; text: string };

const utc = (day: string, time: string) => `${day}T${time}:00Z`;

export function parseExcerpt(record: Pick<EvidenceRecord, 'kind' | 'excerpt'>): ExcerptParts {
  const text = record.excerpt;
  if (record.kind === 'booking') {
    const m = text.match(
      /^(.*) (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}): (booked|attended|cancelled|late_cancelled|no_show)(?:, cancelled (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}))?$/,
    );
    if (m?.[2] && m[3] && m[4]) {
      return {
        kind: 'booking',
        service: m[1] === 'booking' ? '' : (m[1] ?? ''),
        startsAt: utc(m[2], m[3]),
        status: m[4],
        cancelledAt: m[5] && m[6] ? utc(m[5], m[6]) : null,
      };
    }
  }
  if (record.kind === 'invoice') {
    const m = text.match(
      /^(.*): (-?\d+(?:\.\d+)?) ([A-Z]{3})(?:, due (\d{4}-\d{2}-\d{2}))?, (?:paid (\d{4}-\d{2}-\d{2})|unpaid)$/,
    );
    if (m?.[2] && m[3]) {
      return {
        kind: 'invoice',
        label: m[1] === 'invoice' ? '' : (m[1] ?? ''),
        amount: Number(m[2]),
        currency: m[3],
        dueOn: m[4] ?? null,
        paidOn: m[5] ?? null,
      };
    }
  }
  if (record.kind === 'commitment') {
    const m = text.match(/^([\s\S]*) \((open|kept|missed)\)$/);
    if (m?.[1] && m[2]) return { kind: 'commitment', text: m[1], status: m[2] as 'open' | 'kept' | 'missed' };
  }
  if (record.kind === 'case') {
    const fault = text.match(/^([\s\S]*) \(fault: (unknown|ours|customer|third_party)\)$/);
    if (fault?.[1] && fault[2]) return { kind: 'caseFault', subject: fault[1], fault: fault[2] };
    const waiting = text.match(/^([\s\S]*): waiting for the customer for (\d+) days$/);
    if (waiting?.[1] && waiting[2])
      return { kind: 'caseWaiting', subject: waiting[1], days: Number(waiting[2]) };
  }
  if (record.kind === 'incident') {
    const m = text.match(/^([a-z_]+(?:, [a-z_]+)*)(?:: ([\s\S]*))?$/);
    if (m?.[1]) return { kind: 'incident', flags: m[1].split(', '), message: m[2] ?? '' };
  }
  return { kind: 'text', text };
}
