import { convert } from 'html-to-text';
import PostalMime, { type Address, type Email } from 'postal-mime';

/** An attachment larger than this is listed with a note but its content is not kept (the raw mail still is). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Why an attachment over the limit has no content. */
export const OVER_LIMIT_NOTE = `over the ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB limit: listed, not kept (it stays in the raw mail)`;
/** The text given to the case: longer mail is cut here (the interaction body's own limit). */
export const MAX_BODY_CHARS = 100_000;

export interface MailAttachment {
  filename: string | null;
  contentType: string;
  disposition: string | null;
  contentId: string | null;
  size: number;
  /** Null when the attachment was over MAX_ATTACHMENT_BYTES. */
  content: Uint8Array | null;
  note: string | null;
}

export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: { name: string; address: string } | null;
  /** To, Cc and Delivered-To addresses, lower-cased: where a signed reply address shows up. */
  recipients: string[];
  subject: string;
  /** The plain text; for HTML-only mail, the HTML converted to text (never rendered). */
  text: string;
  isHtmlOnly: boolean;
  attachments: MailAttachment[];
  /** Header name (lower case) → values, in order. */
  headers: Map<string, string[]>;
}

/** Parses a raw RFC 5322 message: charsets, encoded words, QP and base64 are decoded by postal-mime. */
export async function parseMail(raw: Uint8Array): Promise<ParsedMail> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', rfc822Attachments: true });
  const headers = new Map<string, string[]>();
  for (const header of email.headers)
    headers.set(header.key, [...(headers.get(header.key) ?? []), header.value]);
  const from = firstMailbox(email.from) ?? firstMailbox(email.sender);
  return {
    messageId: messageIdsIn(email.messageId ?? '')[0] ?? null,
    inReplyTo: messageIdsIn(email.inReplyTo ?? ''),
    references: messageIdsIn(email.references ?? ''),
    from,
    recipients: recipientsOf(email),
    subject: (email.subject ?? '').trim(),
    text: normaliseText(email.text?.trim() ? email.text : htmlAsText(email.html ?? '')),
    isHtmlOnly: isHtmlOnlyMail(email, raw),
    attachments: email.attachments.map(toAttachment),
    headers,
  };
}

/** The Message-IDs in a header value, without angle brackets. */
export function messageIdsIn(value: string): string[] {
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
  if (ids.length > 0) return ids.filter((id) => id !== '');
  const bare = value.trim();
  return bare.includes('@') && !/\s/.test(bare) ? [bare] : [];
}

/**
 * The Message-ID of a raw message from its header block alone, without parsing the rest: what the
 * raw message is stored under before anything can fail. Never throws.
 */
export function peekMessageId(raw: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(raw.subarray(0, 256 * 1024));
  const end = head.search(/\r?\n\r?\n/);
  const unfolded = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const line = /^message-id:[ \t]*(.*)$/im.exec(unfolded)?.[1] ?? '';
  const id = messageIdsIn(line)[0];
  return id ? id.slice(0, 998) : null;
}

/**
 * Customer HTML as plain text: links keep their address in brackets, images and scripts go; the
 * HTML itself is never rendered anywhere.
 */
function htmlAsText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  });
}

/** HTML with no text/plain part anywhere: the text is postal-mime's conversion of the HTML. */
function isHtmlOnlyMail(email: Email, raw: Uint8Array): boolean {
  if (email.html === undefined) return false;
  const latin1 = new TextDecoder('latin1').decode(raw);
  return !/^content-type:[ \t]*text\/plain/im.test(latin1.replace(/\r?\n[ \t]+/g, ' '));
}

function firstMailbox(address: Address | Address[] | undefined): { name: string; address: string } | null {
  const list = address === undefined ? [] : Array.isArray(address) ? address : [address];
  for (const entry of list) {
    const mailbox = entry.group ? entry.group[0] : entry;
    if (mailbox?.address) return { name: mailbox.name.trim(), address: mailbox.address.trim().toLowerCase() };
  }
  return null;
}

function recipientsOf(email: Email): string[] {
  const all = [...(email.to ?? []), ...(email.cc ?? [])].flatMap((a) => (a.group ? a.group : [a]));
  const addresses = all.map((a) => a.address ?? '');
  if (email.deliveredTo) addresses.push(email.deliveredTo);
  return [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')))];
}

function toAttachment(attachment: Email['attachments'][number]): MailAttachment {
  const content =
    typeof attachment.content === 'string'
      ? new TextEncoder().encode(attachment.content)
      : attachment.content instanceof ArrayBuffer
        ? new Uint8Array(attachment.content)
        : attachment.content;
  const isOver = content.byteLength > MAX_ATTACHMENT_BYTES;
  return {
    filename: attachment.filename,
    contentType: attachment.mimeType.toLowerCase(),
    disposition: attachment.disposition,
    contentId: attachment.contentId?.replace(/^<|>$/g, '') ?? null,
    size: content.byteLength,
    content: isOver ? null : content,
    note: isOver ? OVER_LIMIT_NOTE : null,
  };
}

/** Line ends as \n, no NUL, no trailing blank lines: the interaction log stores plain, valid text. */
function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replaceAll('\u0000', '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
