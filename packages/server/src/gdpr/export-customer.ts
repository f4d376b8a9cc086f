import { minorFrom } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { listBoundaries } from '../boundaries/boundaries.service.ts';
import { getCustomerCaseDetails } from '../cases/cases.service.ts';
import type { Db } from '../db/database.ts';
import { contentDisposition, type StoredFile } from '../mail/mail-files.ts';
import { getCustomerProfile } from '../profiles/profiles.service.ts';
import { getSettings } from '../settings/settings.service.ts';
import { type CustomerExport, type ExportFile, zipExport } from './export-archive.ts';

/** Every case of a customer and every entry of each, however many: an export leaves nothing out. */
const ALL = { limit: 100_000, entries: 10_000_000 };

/**
 * A customer's data as one zip (GDPR Art. 15 and 20): everything as JSON, a readable HTML summary in the
 * organisation's language, the attachments and the raw mails as they arrived. Supervisor or owner; audited.
 */
export async function exportCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  now: Date,
): Promise<StoredFile> {
  requireRole(actor, 'supervisor', "export a customer's data");
  const profile = await getCustomerProfile(db, customerId, now);
  const [settings, cases, boundaries, imported, files] = await Promise.all([
    getSettings(db),
    getCustomerCaseDetails(db, customerId, ALL),
    listBoundaries(db, customerId, now),
    importedRows(db, customerId),
    mailFiles(db, customerId),
  ]);
  const data: CustomerExport = {
    exportedAt: now.toISOString(),
    organisation: settings.name,
    customer: profile.customer,
    profile: { types: profile.types, stats: profile.stats },
    cases,
    boundaries,
    ...imported,
  };
  await recordAudit(db, actor, { action: 'customer.export', targetType: 'customer', targetId: customerId });
  const day = now.toISOString().slice(0, 10);
  return {
    bytes: zipExport(data, files, settings.languages[0] ?? 'en'),
    contentType: 'application/zip',
    disposition: contentDisposition('attachment', `customer-${customerId.slice(0, 8)}-${day}.zip`),
  };
}

async function importedRows(db: Db, customerId: string) {
  const [bookings, invoices, prepaidPackages] = await Promise.all([
    db
      .selectFrom('bookings')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('starts_at')
      .execute(),
    db
      .selectFrom('invoices')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('issued_at')
      .execute(),
    db
      .selectFrom('prepaid_packages')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('bought_at')
      .execute(),
  ]);
  return {
    bookings: bookings.map((b) => ({
      id: b.id,
      externalId: b.external_id,
      service: b.service,
      staff: b.staff,
      startsAt: b.starts_at.toISOString(),
      status: b.status,
      cancelledAt: b.cancelled_at?.toISOString() ?? null,
      depositMinor: b.deposit_minor === null ? null : minorFrom(b.deposit_minor),
      depositCurrency: b.deposit_currency,
      depositStatus: b.deposit_status,
    })),
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.external_id,
      amountMinor: minorFrom(i.amount_minor),
      currency: i.currency,
      issuedAt: i.issued_at.toISOString(),
      dueAt: i.due_at?.toISOString() ?? null,
      paidAt: i.paid_at?.toISOString() ?? null,
    })),
    prepaidPackages: prepaidPackages.map((p) => ({
      id: p.id,
      externalId: p.external_id,
      name: p.name,
      sessionsBought: p.sessions_bought,
      sessionsUsed: p.sessions_used,
      priceMinor: p.price_minor === null ? null : minorFrom(p.price_minor),
      currency: p.currency,
      boughtAt: p.bought_at.toISOString(),
      expiresAt: p.expires_at?.toISOString() ?? null,
    })),
  };
}

/** The customer's raw mails and the attachments kept from them, as files of the archive. */
async function mailFiles(db: Db, customerId: string): Promise<ExportFile[]> {
  const caseIds = db.selectFrom('cases').select('id').where('customer_id', '=', customerId);
  const [messages, attachments] = await Promise.all([
    db
      .selectFrom('mail_messages')
      .select(['id', 'raw'])
      .where('case_id', 'in', caseIds)
      .orderBy('received_at')
      .execute(),
    db
      .selectFrom('mail_attachments')
      .innerJoin('mail_messages', 'mail_messages.id', 'mail_attachments.message_id')
      .select(['mail_attachments.id', 'mail_attachments.filename', 'mail_attachments.content'])
      .where('mail_messages.case_id', 'in', caseIds)
      .where('mail_attachments.content', 'is not', null)
      .orderBy('mail_attachments.id')
      .execute(),
  ]);
  return [
    ...messages.filter((m) => m.raw.byteLength > 0).map((m) => ({ path: `mail/${m.id}.eml`, bytes: m.raw })),
    ...attachments.map((a) => ({
      path: `attachments/${a.id}/${safeFileName(a.filename ?? 'attachment')}`,
      bytes: a.content ?? new Uint8Array(0),
    })),
  ];
}

/** A name that stays inside its folder of the archive whatever the sender called the file. */
export function safeFileName(name: string): string {
  const cleaned = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || 'attachment';
}
