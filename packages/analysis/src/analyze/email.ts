import type { Range } from '../text/tokenize.ts';

const LINE = /[^\n]*(?:\n|$)/g;
const QUOTED_LINE = /^\s*>/;
const DASH_SIGNATURE = /^--\s*$/;

/** How a mail's own words are found: each a list of the packs' compiled cues. */
export interface MailCues {
  quoteHeaders: readonly RegExp[];
  signatureStarts: readonly RegExp[];
  /** A forwarded message starts below: what is above is the note of whoever forwarded it. */
  forwardHeaders?: readonly RegExp[];
  /** "From: …", "Od: …": the header lines of a forwarded message. */
  headerField?: RegExp | null;
}

/** One pattern for every pack's header field names: `^(?:From|Od|Saatja):`. */
export function headerFieldPattern(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  const escaped = [...new Set(names)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*(?:${escaped.join('|')})\\s*:`, 'iu');
}

/**
 * Where a forwarded customer's message starts, below its forward line and header fields; null when
 * the mail forwards nothing. A colleague's note above ("Can you take this one?") is not the customer's.
 */
function forwardedStart(text: string, cues: MailCues): number | null {
  const forwardHeaders = cues.forwardHeaders ?? [];
  if (forwardHeaders.length === 0) return null;
  let inHeader = false;
  for (const match of text.matchAll(LINE)) {
    const line = match[0];
    if (line === '') break;
    const trimmed = line.trim();
    if (!inHeader) {
      inHeader = forwardHeaders.some((re) => re.test(trimmed));
      continue;
    }
    if (trimmed === '' || cues.headerField?.test(trimmed)) continue;
    return match.index ?? 0;
  }
  return null;
}

/** The customer's own words: quoted earlier mail and signatures cut away, as ranges of the original. */
export function ownTextRanges(text: string, cues: MailCues): Range[] {
  // One line cannot quote earlier mail below the customer's words: the common chat message is all its own.
  if (!text.includes('\n') && !QUOTED_LINE.test(text)) return [{ start: 0, end: text.length }];
  const forwarded = forwardedStart(text, cues);
  if (forwarded !== null && forwarded > 0) {
    const inner = ownTextRanges(text.slice(forwarded), { ...cues, forwardHeaders: [] });
    return inner.map((r) => ({ start: r.start + forwarded, end: r.end + forwarded }));
  }
  const { quoteHeaders, signatureStarts } = cues;
  const ranges: Range[] = [];
  const lines = [...text.matchAll(LINE)];
  for (const [i, match] of lines.entries()) {
    const line = match[0];
    if (line === '') break;
    const start = match.index ?? 0;
    const content = line.replace(/\r?\n$/, '');
    const trimmed = content.trim();
    if (DASH_SIGNATURE.test(content) || isQuoteHeader(trimmed, lines[i + 1]?.[0], quoteHeaders)) break;
    if (signatureStarts.some((re) => re.test(trimmed))) break;
    if (QUOTED_LINE.test(content)) continue;
    const last = ranges.at(-1);
    const end = start + content.length;
    if (last && last.end >= start - 1) last.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}

/**
 * A quote header on this line, or wrapped over this line and the next by a client that folds long
 * lines ("On Mon, 2 Nov 2026 at 10:15, Salon Support" / "<support@salon.example> wrote:").
 */
function isQuoteHeader(line: string, next: string | undefined, quoteHeaders: readonly RegExp[]): boolean {
  if (quoteHeaders.some((re) => re.test(line))) return true;
  const following = next?.trim();
  if (!following || line === '' || QUOTED_LINE.test(line)) return false;
  const joined = `${line} ${following}`;
  return quoteHeaders.some((re) => re.test(joined));
}

/** The customer's own words as text: the ranges of ownTextRanges, a line break where a quote was cut out. */
export function ownTextOf(text: string, ranges: readonly Range[]): string {
  return ranges
    .map((range) => text.slice(range.start, range.end))
    .join('\n')
    .trim();
}
