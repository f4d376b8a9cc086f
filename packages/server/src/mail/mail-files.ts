import { type Actor, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';

/** Pictures a browser may show in place: their bytes are checked too, so a mislabelled file is a download. */
const PREVIEW_TYPES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]),
  'image/webp': (b) =>
    startsWith(b, [0x52, 0x49, 0x46, 0x46]) && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
};

/** The media types an attachment may be served as. */
export const SERVED_TYPES = ['application/octet-stream', ...Object.keys(PREVIEW_TYPES)];

/** A stored file ready to answer with: its bytes, its media type and its Content-Disposition. */
export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
  disposition: string;
}

/**
 * A customer's attachment as a download (any staff). Only PNG, JPEG, GIF and WebP whose bytes say so
 * are shown in place (`inline`, their own type) unless `download`; anything else is
 * `application/octet-stream` to save, never rendered by the browser.
 */
export async function readAttachment(
  db: Db,
  actor: Actor,
  id: string,
  download: boolean,
): Promise<StoredFile> {
  requireRole(actor, 'agent', 'open an attachment');
  const row = await db
    .selectFrom('mail_attachments')
    .select(['filename', 'content_type', 'content', 'size', 'note'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('attachment', id);
  if (row.content === null) {
    throw new AppError(
      'not_found',
      `attachment ${id} (${row.filename ?? 'no name'}, ${row.size} bytes) was not kept: ${row.note ?? 'over the size limit'}; download the original mail for it`,
    );
  }
  const declared = row.content_type.split(';')[0]?.trim().toLowerCase() ?? '';
  const isPicture = PREVIEW_TYPES[declared]?.(row.content) ?? false;
  const name = row.filename || `attachment-${id.slice(0, 8)}`;
  const showInPlace = isPicture && !download;
  return {
    bytes: row.content,
    contentType: isPicture ? declared : 'application/octet-stream',
    disposition: contentDisposition(showInPlace ? 'inline' : 'attachment', name),
  };
}

/** The mail as it arrived, byte for byte, as a `.eml` file (any staff). */
export async function readRawMail(db: Db, actor: Actor, id: string): Promise<StoredFile> {
  requireRole(actor, 'agent', 'download a mail');
  const row = await db
    .selectFrom('mail_messages')
    .select(['raw', 'subject', 'received_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('mail', id);
  const day = row.received_at.toISOString().slice(0, 10);
  const subject = (row.subject ?? '').trim().slice(0, 80);
  return {
    bytes: row.raw,
    contentType: 'message/rfc822',
    disposition: contentDisposition('attachment', `${day} ${subject || `mail ${id.slice(0, 8)}`}.eml`),
  };
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): a plain-ASCII fallback with nothing that
 * could end the header or the quoted string, and the full name percent-encoded. Path separators and
 * control characters never survive, so a hostile name cannot inject a header or pick a folder.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const cleaned =
    filename
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '')
      .replace(/[/\\]/g, '_')
      .replace(/^[.\s]+/, '')
      .trim()
      .slice(0, 200) || 'file';
  const ascii =
    cleaned
      .replace(/[łŁđĐøØßæÆœŒ]/g, (c) => LETTERS_WITHOUT_ACCENTS[c] ?? '_')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["%;\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const LETTERS_WITHOUT_ACCENTS: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, i) => bytes[i] === value);
}
