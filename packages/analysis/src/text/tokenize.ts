import { wordKey } from './fold.ts';

export interface Token {
  /** Offsets into the original text. */
  start: number;
  end: number;
  raw: string;
  /** Folded, de-leeted, squeezed: what terms are compared with. */
  key: string;
  /** Has masking characters inside (`k*rwa`, `f***ing`). */
  masked: boolean;
}

export interface Range {
  start: number;
  end: number;
}

// A word starts with a letter, digit, @ or $ and may hold apostrophes and masking characters inside.
const WORD = /[\p{L}\p{N}@$][\p{L}\p{N}\p{M}'’*#@$]*/gu;
const TRAILING_APOSTROPHES = /['’]+$/u;
const MASK = /[*#]/;

function pushToken(tokens: Token[], text: string, start: number, end: number) {
  let raw = text.slice(start, end);
  const trimmed = raw.replace(TRAILING_APOSTROPHES, '');
  if (trimmed.length === 0) return;
  if (trimmed.length !== raw.length) {
    end = start + trimmed.length;
    raw = trimmed;
  }
  const masked = MASK.test(raw);
  tokens.push({ start, end, raw, key: wordKey(masked ? raw.replace(/[*#]+$/, '') : raw), masked });
}

/** Unicode-aware words of `text` within `ranges` (default: all of it), offsets into `text`. */
export function tokenize(text: string, ranges: readonly Range[] = [{ start: 0, end: text.length }]): Token[] {
  const tokens: Token[] = [];
  for (const range of ranges) {
    const slice = text.slice(range.start, range.end);
    for (const match of slice.matchAll(WORD)) {
      const start = range.start + (match.index ?? 0);
      pushToken(tokens, text, start, start + match[0].length);
    }
  }
  return tokens;
}

const SPACER = /^[\s.\-_]$/u;

function isSpacedLetter(text: string, tokens: readonly Token[], j: number): boolean {
  const here = tokens[j] as Token;
  const next = tokens[j + 1];
  return (
    next !== undefined &&
    here.raw.length === 1 &&
    next.raw.length === 1 &&
    next.start - here.end === 1 &&
    SPACER.test(text[here.end] ?? '')
  );
}

/**
 * Joins runs of three or more single-letter tokens separated by one spacer (`k u r w a`,
 * `k.u.r.w.a`) into one token: the longest part of the run that `accept` says means something.
 */
export function joinSpacedLetters(text: string, tokens: Token[], accept: (key: string) => boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let end = i;
    while (isSpacedLetter(text, tokens, end)) end++;
    let joinedTo = -1;
    for (let k = end; k - i >= 2 && joinedTo < 0; k--) {
      const key = wordKey(
        tokens
          .slice(i, k + 1)
          .map((t) => t.raw)
          .join(''),
      );
      if (accept(key)) joinedTo = k;
    }
    const first = tokens[i] as Token;
    if (joinedTo < 0) {
      out.push(first);
      i++;
      continue;
    }
    const last = tokens[joinedTo] as Token;
    const raw = text.slice(first.start, last.end);
    out.push({
      start: first.start,
      end: last.end,
      raw,
      key: wordKey(raw.replace(/[\s.\-_]/gu, '')),
      masked: false,
    });
    i = joinedTo + 1;
  }
  return out;
}
