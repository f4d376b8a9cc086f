import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed reply addresses (`support+<token>@salon.example`) and Message-IDs
 * (`<token.interaction@salon.example>`): the token is the case id and an HMAC of it under the
 * mailbox's secret, so a reply finds its case without any lookup and nobody can forge one for a case
 * they did not get mail about. Lower-case base32 only, because some servers lower-case addresses.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const UUID_CHARS = 26;
const MAC_BYTES = 6;

export function caseToken(secret: string, caseId: string): string {
  return base32(uuidBytes(caseId)) + base32(mac(secret, caseId));
}

/** The case a token names, or null when it is malformed or its signature does not match. */
function caseOfToken(secret: string, token: string): string | null {
  const lower = token.toLowerCase();
  if (!/^[a-z2-7]+$/.test(lower) || lower.length <= UUID_CHARS) return null;
  const bytes = fromBase32(lower.slice(0, UUID_CHARS));
  if (bytes.length < 16) return null;
  const caseId = uuidString(bytes.subarray(0, 16));
  const expected = Buffer.from(base32(mac(secret, caseId)));
  const given = Buffer.from(lower.slice(UUID_CHARS));
  return given.length === expected.length && timingSafeEqual(given, expected) ? caseId : null;
}

/** The address a customer's reply to this case goes to. */
export function replyAddress(mailbox: string, secret: string, caseId: string): string {
  const [local, domain] = splitAddress(mailbox);
  return `${local}+${caseToken(secret, caseId)}@${domain}`;
}

/** The case named by one of these addresses' signed plus-part, when one is this mailbox's. */
export function caseOfReplyAddress(mailbox: string, secret: string, addresses: string[]): string | null {
  const [local, domain] = splitAddress(mailbox);
  for (const address of addresses) {
    const [fullLocal, addressDomain] = splitAddress(address);
    const plus = fullLocal.indexOf('+');
    if (plus === -1 || addressDomain !== domain || fullLocal.slice(0, plus) !== local) continue;
    const found = caseOfToken(secret, fullLocal.slice(plus + 1));
    if (found) return found;
  }
  return null;
}

/** The Message-ID (without brackets) of one of our outbound mails: stable for its interaction. */
export function ourMessageId(mailbox: string, secret: string, caseId: string, interactionId: string): string {
  const [, domain] = splitAddress(mailbox);
  return `${caseToken(secret, caseId)}.${base32(uuidBytes(interactionId))}@${domain}`;
}

/** The case and interaction of the first of these Message-IDs that is one of ours. */
export function caseOfMessageIds(
  mailbox: string,
  secret: string,
  ids: string[],
): { caseId: string; interactionId: string } | null {
  const [, domain] = splitAddress(mailbox);
  for (const id of ids) {
    const match = /^([a-z2-7]+)\.([a-z2-7]{26})@(.+)$/i.exec(id);
    if (!match || match[3]?.toLowerCase() !== domain) continue;
    const caseId = caseOfToken(secret, match[1] ?? '');
    if (caseId) return { caseId, interactionId: uuidString(fromBase32((match[2] ?? '').toLowerCase())) };
  }
  return null;
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return [address.slice(0, at).toLowerCase(), address.slice(at + 1).toLowerCase()];
}

function mac(secret: string, caseId: string): Buffer {
  return createHmac('sha256', secret).update(`case:${caseId}`).digest().subarray(0, MAC_BYTES);
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${id}`);
  return Buffer.from(hex, 'hex');
}

function uuidString(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}
