/**
 * A pattern that opens with a boundary (`\b`, or the lookarounds of a Unicode boundary) is tried at
 * every position of the text, and V8 does that slowly on text outside Latin-1 (Polish). The same
 * pattern with its boundaries dropped matches wherever the real one does, and more, and V8 finds its
 * matches fast; so it proposes the places, and the real pattern, anchored there, decides. The answers
 * are the real pattern's, exactly.
 */
export interface Prefiltered {
  /** The pattern without its boundaries, global: a superset of the places `strict` can match. */
  loose: RegExp;
  /** The real pattern, sticky. */
  strict: RegExp;
}

/** `strict` and `loose` are RegExp sources; `loose` must match wherever `strict` does. */
export function prefiltered(strict: string, loose: string, flags: string): Prefiltered {
  return { loose: new RegExp(loose, `${flags}g`), strict: new RegExp(strict, `${flags}y`) };
}

function nextCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}

/** The leftmost match of the real pattern at or after `from`, as `strict.exec` would find it unanchored. */
function execFrom(pattern: Prefiltered, text: string, from: number): RegExpExecArray | null {
  const { loose, strict } = pattern;
  let at = from;
  while (at <= text.length) {
    loose.lastIndex = at;
    const candidate = loose.exec(text);
    if (!candidate) return null;
    strict.lastIndex = candidate.index;
    const match = strict.exec(text);
    if (match) return match;
    at = nextCodePoint(text, candidate.index);
  }
  return null;
}

/** Whether the real pattern matches anywhere: `new RegExp(strict, flags).test(text)`. */
export function testPrefiltered(pattern: Prefiltered, text: string): boolean {
  return execFrom(pattern, text, 0) !== null;
}

/** Every match of the real pattern, as `text.matchAll(new RegExp(strict, flags + 'g'))` gives them. */
export function matchAllPrefiltered(pattern: Prefiltered, text: string): { index: number; text: string }[] {
  const matches: { index: number; text: string }[] = [];
  let at = 0;
  while (at <= text.length) {
    const match = execFrom(pattern, text, at);
    if (!match) break;
    matches.push({ index: match.index, text: match[0] });
    const end = match.index + match[0].length;
    at = end > match.index ? end : nextCodePoint(text, end);
  }
  return matches;
}
