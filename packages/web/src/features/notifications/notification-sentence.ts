import type { Notification } from '@calmdesk/contracts';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../format/use-format.ts';

type Details = Notification['details'];

const text = (value: Details[string] | undefined): string | null =>
  value === null || value === undefined || String(value).trim() === '' ? null : String(value);

/** "cash refund, 900,00 zł": the kind in the reader's language and the amount in its currency. */
function compensationText(t: TFunction, format: Formatters, details: Details): string {
  const kind = text(details.compensation);
  const label = kind ? t(`compensationKind.${kind}`, { defaultValue: kind }) : '';
  const amount = typeof details.amount === 'number' ? details.amount : Number(details.amount ?? Number.NaN);
  const currency = text(details.currency);
  const money = Number.isFinite(amount)
    ? currency
      ? safeMoney(format, amount, currency)
      : format.number(amount, { minimumFractionDigits: 2 })
    : '';
  return [label, money].filter(Boolean).join(', ');
}

function safeMoney(format: Formatters, amount: number, currency: string): string {
  try {
    return format.money(amount, currency);
  } catch {
    // A currency code Intl does not know still shows its amount.
    return `${format.number(amount, { minimumFractionDigits: 2 })} ${currency}`;
  }
}

/** A key, or its `_anonymous` twin when nobody is named (the sweep or an API token did it). */
function byKey(key: string, by: string | null): string {
  return by ? key : `${key}_anonymous`;
}

/**
 * A notification as one sentence in the reader's language, built from its kind, title and details (the
 * server's e-mail wording is its own). Someone's name is given as written; a level or compensation kind
 * is translated; an amount is written the local way.
 */
export function notificationSentence(t: TFunction, format: Formatters, n: Notification): string {
  const d = n.details;
  const by = text(d.by);
  const base = { title: n.title, by: by ?? '' };
  const prefix = 'notifications.sentence';
  switch (n.kind) {
    case 'case_assigned':
      return t(`${prefix}.${byKey('case_assigned', by)}`, base);
    case 'customer_wrote': {
      const level = text(d.level);
      return level
        ? t(`${prefix}.customer_wrote`, { ...base, level: t(`level.${level}`, { defaultValue: level }) })
        : t(`${prefix}.customer_wrote_anonymous`, base);
    }
    case 'case_escalated': {
      const reason = text(d.reason);
      if (
        reason === 'first_response_missed' ||
        reason === 'next_response_missed' ||
        reason === 'commitment_overdue'
      )
        return t(`${prefix}.case_escalated.${reason}`, base);
      return t(`${prefix}.case_escalated.${byKey('manual', by)}`, base);
    }
    case 'refund_to_approve':
      return t(`${prefix}.${byKey('refund_to_approve', by)}`, {
        ...base,
        what: compensationText(t, format, d),
      });
    case 'refund_decided': {
      const decision = d.decision === 'rejected' ? 'refund_rejected' : 'refund_approved';
      return t(`${prefix}.${byKey(decision, by)}`, { ...base, what: compensationText(t, format, d) });
    }
    case 'commitment_due_soon': {
      const dueAt = text(d.dueAt);
      const promise = text(d.promise) ?? '';
      return dueAt && !Number.isNaN(Date.parse(dueAt))
        ? t(`${prefix}.commitment_due_soon`, { ...base, promise, due: format.dateTime(dueAt) })
        : t(`${prefix}.commitment_due_soon_undated`, { ...base, promise });
    }
    case 'commitment_overdue':
      return t(`${prefix}.commitment_overdue`, { ...base, promise: text(d.promise) ?? '' });
    case 'boundary_recommended': {
      const level = text(d.level) ?? '';
      return t(`${prefix}.boundary_recommended`, {
        ...base,
        level: t(`boundary.level.${level}`, { defaultValue: level }),
      });
    }
    case 'mailbox_failing':
      return t(`${prefix}.mailbox_failing`, base);
  }
}

/** Where a notification leads: its case, the customer a boundary is recommended for, or the mailboxes. */
export function notificationTarget(
  n: Pick<Notification, 'kind' | 'caseId' | 'details'>,
):
  | { to: '/cases/$id'; params: { id: string } }
  | { to: '/customers/$id'; params: { id: string } }
  | { to: '/settings'; search: { tab: 'channels' } }
  | null {
  if (n.kind === 'mailbox_failing') return { to: '/settings', search: { tab: 'channels' } };
  const customerId = text(n.details.customerId);
  if (n.kind === 'boundary_recommended' && customerId)
    return { to: '/customers/$id', params: { id: customerId } };
  return n.caseId ? { to: '/cases/$id', params: { id: n.caseId } } : null;
}
