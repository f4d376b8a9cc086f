import type { RetentionCandidate, RetentionReport } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { recordSystemAudit } from '../audit/audit.service.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { eraseCustomer } from './erase-customer.ts';
import { findLegalHolds } from './legal-holds.ts';

/** How long a customer stands in the report before the job may erase them. */
export const NOTICE_MS = 7 * 24 * 60 * 60_000;

/** The retention job acts for the organisation; its own summary is recorded as `system`. */
const RETENTION_ACTOR: Actor = { kind: 'cli', role: 'owner' };

/**
 * Who the retention period reaches (GDPR Art. 5(1)(e)): every customer not yet erased whose last activity
 * (a case changed, a booking, an invoice, the customer row changed) is older than the period. Each may be
 * erased from a week after they first stood in this report: a week after the later of their due date and
 * the day the period was set. Those with a legal hold are listed with it and never erased by the job.
 */
export async function retentionReport(db: Db, actor: Actor, now: Date): Promise<RetentionReport> {
  requireRole(actor, 'owner', 'see the retention report');
  return buildReport(db, now);
}

async function buildReport(db: Db, now: Date): Promise<RetentionReport> {
  const setting = await db
    .selectFrom('organisation')
    .select(['retention_months', 'retention_set_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const months = setting?.retention_months ?? null;
  if (months === null) return { retentionMonths: null, items: [] };
  const setAt = setting?.retention_set_at ?? new Date(0);
  const items: RetentionCandidate[] = [];
  for (const row of await inactiveCustomers(db, months, now)) {
    const last = new Date(row.last_activity);
    const due = addMonths(last, months);
    const listedFrom = Math.max(due.getTime(), setAt.getTime());
    items.push({
      customerId: row.id,
      name: row.name,
      lastActivityAt: last.toISOString(),
      dueAt: due.toISOString(),
      eraseFrom: new Date(listedFrom + NOTICE_MS).toISOString(),
      holds: await findLegalHolds(db, row.id),
    });
  }
  return { retentionMonths: months, items };
}

function inactiveCustomers(db: Db, months: number, now: Date) {
  return sql<{ id: string; name: string; last_activity: Date | string }>`
    SELECT id, name, last_activity FROM (
      SELECT c.id, c.name, greatest(c.updated_at,
        (SELECT max(updated_at) FROM cases WHERE customer_id = c.id),
        (SELECT max(starts_at) FROM bookings WHERE customer_id = c.id),
        (SELECT max(issued_at) FROM invoices WHERE customer_id = c.id)) AS last_activity
      FROM customers c WHERE c.erased_at IS NULL) AS activity
    WHERE last_activity + make_interval(months => ${months}::int) <= ${now}::timestamptz
    ORDER BY last_activity, id
    LIMIT 1000`
    .execute(db)
    .then((result) => result.rows);
}

/** The same day of the month `months` later (the month's last day when it has no such day), in UTC. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/**
 * The retention job: erases the customers of the report whose week of notice is over and who have no legal
 * hold, each in its own transaction, and records what it did in the audit log.
 */
export async function runRetention(db: Db, now: Date): Promise<number> {
  const report = await buildReport(db, now);
  const due = report.items.filter((item) => item.holds.length === 0 && new Date(item.eraseFrom) <= now);
  const erased: string[] = [];
  for (const item of due) {
    const reason = `retention period of ${report.retentionMonths} months`;
    try {
      await eraseCustomer(db, RETENTION_ACTOR, item.customerId, { reason }, now);
      erased.push(item.customerId);
    } catch (error) {
      // A dispute opened since the report was read: the next run looks again.
      if (!(error instanceof AppError && error.code === 'legal_hold')) throw error;
    }
  }
  if (report.retentionMonths !== null && (erased.length > 0 || report.items.length > 0)) {
    await recordSystemAudit(db, [
      {
        action: 'retention.run',
        details: { months: report.retentionMonths, listed: report.items.length, erased },
      },
    ]);
  }
  return erased.length;
}
