import { termKey } from '../text/fold.ts';

/** What a language's signatures look like, as data (coach packs). */
export interface SignatureWords {
  /** Closings that may stand before the name on its line ("Cheers, Sam", "Pozdrawiam, Ewa"). */
  closings: string[];
  /** Titles that make a single name a person's ("Dr Marsh", "Pani Nowak", "Mrs R. Grant"). */
  titles: string[];
  /** Capitalised words that start a line or a sign-off but are no name (greetings, teams, thanks). */
  notNames: string[];
  example: string;
}

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
// After the name: the end, a comma and a role, a bracket, "@ Place", a kiss, or a dash and the firm.
const AFTER_NAME = String.raw`(?=\s*(?:$|[,(@]|\s?x(?![\p{L}])|\s[-–—|/]))`;

function namePattern(titles: readonly string[]): RegExp {
  const title = titles
    .flatMap((t) => [t, t.charAt(0).toUpperCase() + t.slice(1)])
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join('|');
  return new RegExp(
    String.raw`^(?:(?<title>${title})\.?\s+(?:\p{Lu}\.\s*)?)?(?<first>${NAME_WORD})(?:\s+(?<second>${NAME_WORD}))?${AFTER_NAME}`,
    'u',
  );
}
const DASH = /\s[—–-]\s*|^[—–-]\s*/gu;
const SPACES = /\s+/uy;
const LONGEST_SIGN_OFF = 90;

type Context = 'line' | 'dash' | 'sentence';

interface Candidate {
  text: string;
  context: Context;
}

/** The places a sign-off can start in the draft's last line: the line, after a dash, after the last sentence. */
function candidatesOf(draft: string): Candidate[] {
  const text = draft.trimEnd();
  const lineStart = text.lastIndexOf('\n') + 1;
  const last = text.slice(lineStart).trim();
  const candidates: Candidate[] = [];
  if (lineStart > 0) candidates.push({ text: last, context: 'line' });
  const dash = lastMatchOf(DASH, last);
  if (dash) candidates.push({ text: last.slice(dash.index + dash[0].length), context: 'dash' });
  const sentence = lastSentenceStart(last);
  if (sentence >= 0) candidates.push({ text: last.slice(sentence), context: 'sentence' });
  return candidates.filter((c) => c.text.length > 0 && c.text.length <= LONGEST_SIGN_OFF);
}

/** The last match of a global pattern that never matches empty, without keeping the others. */
function lastMatchOf(pattern: RegExp, text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) last = m;
  return last;
}

/**
 * Where the line's last sentence starts: after its last `.`, `!` or `?` and the white space after it
 * (what `/[.!?]\s+/g` matches last), or -1. Read from the end: a long line has many sentences.
 */
function lastSentenceStart(line: string): number {
  for (let i = line.length - 2; i >= 0; i--) {
    const code = line.charCodeAt(i);
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f) continue;
    SPACES.lastIndex = i + 1;
    if (SPACES.test(line)) return SPACES.lastIndex;
  }
  return -1;
}

function withoutClosing(text: string, closings: ReadonlySet<string>): { text: string; closed: boolean } {
  const comma = text.indexOf(',');
  if (comma > 0 && closings.has(termKey(text.slice(0, comma).trim().toLowerCase())))
    return { text: text.slice(comma + 1).trim(), closed: true };
  return { text, closed: false };
}

const keyed = new WeakMap<SignatureWords, { closings: Set<string>; name: RegExp; notNames: Set<string> }>();
function keysOf(words: SignatureWords) {
  let keys = keyed.get(words);
  if (!keys) {
    const set = (list: readonly string[]) => new Set(list.map((w) => termKey(w.toLowerCase())));
    keys = { closings: set(words.closings), name: namePattern(words.titles), notNames: set(words.notNames) };
    keyed.set(words, keys);
  }
  return keys;
}

/**
 * Whether the draft is signed with a person's name: a first and last name (or a title and a name)
 * closing the draft, or a single first name on its own line, after a dash or after a closing
 * ("Cheers, Sam"). A team or a firm alone ("Klienditeenindus", "Customer Care") is no one's name.
 * @example hasSignedName('Sorry for the wait.\nSam, Duty Manager', EN_SIGNATURE) // true
 */
export function hasSignedName(draft: string, words: SignatureWords): boolean {
  const keys = keysOf(words);
  for (const candidate of candidatesOf(draft)) {
    const { text, closed } = withoutClosing(candidate.text, keys.closings);
    const name = keys.name.exec(text)?.groups;
    if (!name?.first) continue;
    const title = Boolean(name.title);
    const parts = [name.first, name.second].filter((p): p is string => Boolean(p));
    if (parts.some((p) => keys.notNames.has(termKey(p.toLowerCase())))) continue;
    const isFull = title || parts.length === 2;
    // "Agnes, administraator" ends the draft without a full stop: a role, not a sentence.
    const isRole = text.charAt(name.first.length) === ',' && !/[.!?]$/u.test(text);
    if (isFull || closed || isRole || candidate.context !== 'sentence') return true;
  }
  return false;
}
