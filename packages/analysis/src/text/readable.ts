/**
 * The text as the engine reads it. A writer can hide a word from a matcher and not from a reader:
 * invisible format characters inside it (`id\u200Biot`), letters of another script that look the
 * same (Cyrillic `і`, `о`), compatibility forms (full-width `ｉｄｉｏｔ`, mathematical bold `𝐢𝐝𝐢𝐨𝐭`,
 * circled, squared, small capitals) or a right-to-left override that shows `toidi` as `idiot`.
 * `readableText` undoes each of these and keeps where every character came from, so spans found in
 * the readable text are reported in the original.
 */

export interface ReadableText {
  /** The text to match on. */
  text: string;
  /** Per UTF-16 unit of `text`: where its character starts and ends in the original. Null: unchanged. */
  origins: { starts: Int32Array; ends: Int32Array } | null;
}

const KEEP = 1;
const DROP = 2;
const REPLACE = 3;
/** Per BMP code unit: 0 until first asked, then KEEP, DROP or REPLACE. */
const kinds = new Uint8Array(0x10000);
const replacements = new Map<number, string>();

const RIGHT_TO_LEFT_OVERRIDE = 0x202e;
const POP_DIRECTIONAL = 0x202c;

/**
 * Invisible characters a word can hide behind: format characters (Unicode Cf: soft hyphen,
 * zero-width space and joiners, direction marks and embeddings, word joiner, BOM, tags), variation
 * selectors, the combining grapheme joiner and blank fillers.
 */
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe007f],
  [0xe0100, 0xe01ef],
];

/** Letters of other scripts drawn like Latin ones (Unicode's confusables, the ones a keyboard offers). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ո: 'n',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  // Greek
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Latin small capitals and other letters drawn as a plain one
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  ɑ: 'a',
  ǀ: 'l',
};

/** Blocks whose characters are compatibility forms of letters and digits: NFKC gives the letter. */
const COMPATIBILITY: ReadonlyArray<readonly [number, number]> = [
  [0x02b0, 0x02b8],
  [0x1d2c, 0x1d6a],
  [0x2070, 0x209f],
  [0x2100, 0x214f],
  [0x2460, 0x24ff],
  [0xfb00, 0xfb06],
  [0xff01, 0xff5e],
  [0x1d400, 0x1d7ff],
  [0x1f100, 0x1f149],
];

/** Enclosed capitals with no NFKC form: negative circled and squared letters, regional indicators. */
const ENCLOSED_CAPITALS: ReadonlyArray<number> = [0x1f150, 0x1f170, 0x1f1e6];

function within(code: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [low, high] of ranges) if (code >= low && code <= high) return true;
  return false;
}

let PLAIN_FORM: RegExp | null = null;

/** A compatibility form's NFKC when that is plain letters, digits or punctuation (never spaces or marks). */
function compatibilityForm(char: string): string | null {
  const form = char.normalize('NFKC');
  if (form === char || form.length > 3) return null;
  // Built on the first such character, not in every cold process.
  PLAIN_FORM ??= /^[\p{L}\p{N}\p{P}\p{S}]+$/u;
  return PLAIN_FORM.test(form) ? form : null;
}

function classify(code: number): { kind: number; replacement?: string } {
  if (within(code, INVISIBLE)) return { kind: DROP };
  const char = String.fromCodePoint(code);
  const lookAlike = LOOK_ALIKES[char];
  if (lookAlike) return { kind: REPLACE, replacement: lookAlike };
  for (const first of ENCLOSED_CAPITALS) {
    if (code >= first && code < first + 26) {
      return { kind: REPLACE, replacement: String.fromCharCode(0x41 + code - first) };
    }
  }
  if (within(code, COMPATIBILITY)) {
    const form = compatibilityForm(char);
    if (form) return { kind: REPLACE, replacement: form };
  }
  return { kind: KEEP };
}

const astralKinds = new Map<number, { kind: number; replacement?: string }>();

function kindOf(code: number): number {
  let kind = kinds[code] as number;
  if (kind === 0) {
    const found = classify(code);
    kind = found.kind;
    if (found.replacement !== undefined) replacements.set(code, found.replacement);
    kinds[code] = kind;
  }
  return kind;
}

function astralKindOf(code: number): { kind: number; replacement?: string } {
  let found = astralKinds.get(code);
  if (!found) {
    found = classify(code);
    astralKinds.set(code, found);
  }
  return found;
}

/**
 * Every character `classify` may change lies in these blocks: one native scan lets the most messages,
 * in plain letters with punctuation and emoji, skip the loop below. The astral ones by their UTF-16
 * form: mathematical letters (U+1D400–1D7FF), enclosed letters and regional indicators
 * (U+1F100–1F1FF), tags and variation selectors (U+E0000–E01EF).
 */
const SUSPECT =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists code units to look for (invisible marks and selectors among them), never a letter with its mark
  /[\u00AD\u01C0\u0250-\u02FF\u0370-\u052F\u061C\u115F\u1160\u180B-\u180F\u1D00-\u1D7F\u200B-\u200F\u202A-\u202E\u2060-\u209F\u2100-\u214F\u2460-\u24FF\u3164\uA730\uA731\uFB00-\uFB06\uFE00-\uFE0F\uFEFF\uFF01-\uFF5E\uFFA0\uFFF9-\uFFFB]|\u034F|\u17B4|\u17B5|\uD835|\uD83C[\uDD00-\uDDFF]|\uDB40[\uDC00-\uDDEF]/;

/** Does any character need reading differently? Plain ASCII and plain letters of any script do not. */
function needsReading(text: string): boolean {
  if (!SUSPECT.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const point = text.codePointAt(i) as number;
      if (point > 0xffff && astralKindOf(point).kind !== KEEP) return true;
      i++;
    } else if (kindOf(code) !== KEEP) return true;
  }
  return false;
}

/** Letters of Cyrillic and Greek outnumber Latin ones: a text in those scripts keeps its letters. */
function isMostlyCyrillicOrGreek(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) latin++;
    else if (code >= 0xc0 && code <= 0x24f) latin++;
    else if (code >= 0x370 && code <= 0x52f) other++;
  }
  return other > latin;
}

function isCyrillicOrGreek(code: number): boolean {
  return code >= 0x370 && code <= 0x52f;
}

/**
 * The text as the engine reads it, with where each of its characters came from.
 * @example readableText('id\u200Biot').text // 'idiot'
 */
export function readableText(original: string): ReadableText {
  if (!needsReading(original)) return { text: original, origins: null };
  const keepScripts = isMostlyCyrillicOrGreek(original);
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (piece: string, start: number, end: number) => {
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) {
      starts.push(start);
      ends.push(end);
    }
  };
  let reversedFrom = -1; // where, in parts, a right-to-left override began
  for (let i = 0; i < original.length; ) {
    const point = original.codePointAt(i) as number;
    const size = point > 0xffff ? 2 : 1;
    const found =
      point > 0xffff ? astralKindOf(point) : { kind: kindOf(point), replacement: replacements.get(point) };
    if (point === RIGHT_TO_LEFT_OVERRIDE) {
      if (reversedFrom < 0) reversedFrom = parts.length;
    } else if (reversedFrom >= 0 && (point === POP_DIRECTIONAL || point === 0x0a)) {
      reverseFrom(parts, starts, ends, reversedFrom);
      reversedFrom = -1;
      if (point === 0x0a) emit('\n', i, i + 1);
    } else if (found.kind === KEEP || (found.kind === REPLACE && keepScripts && isCyrillicOrGreek(point))) {
      emit(original.slice(i, i + size), i, i + size);
    } else if (found.kind === REPLACE) {
      emit(found.replacement as string, i, i + size);
    }
    i += size;
  }
  if (reversedFrom >= 0) reverseFrom(parts, starts, ends, reversedFrom);
  return { text: parts.join(''), origins: { starts: Int32Array.from(starts), ends: Int32Array.from(ends) } };
}

/** What an override shows right to left is read in the order it is seen. Parts are whole characters. */
function reverseFrom(parts: string[], starts: number[], ends: number[], from: number): void {
  let units = 0;
  for (let p = 0; p < from; p++) units += (parts[p] as string).length;
  const reversedParts = parts.splice(from).reverse();
  parts.push(...reversedParts);
  const spanStarts = starts.splice(units);
  const spanEnds = ends.splice(units);
  // Each part's units keep their order inside the part; the parts come in reverse.
  let offset = spanStarts.length;
  for (const part of reversedParts) {
    offset -= part.length;
    for (let k = 0; k < part.length; k++) {
      starts.push(spanStarts[offset + k] as number);
      ends.push(spanEnds[offset + k] as number);
    }
  }
}

/** A span of the readable text as a span of the original. */
export function originalSpan(read: ReadableText, start: number, end: number): { start: number; end: number } {
  const origins = read.origins;
  if (!origins) return { start, end };
  if (end <= start) {
    const at = start < origins.starts.length ? (origins.starts[start] as number) : lastEnd(origins.ends);
    return { start: at, end: at };
  }
  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  for (let k = start; k < end && k < origins.starts.length; k++) {
    from = Math.min(from, origins.starts[k] as number);
    to = Math.max(to, origins.ends[k] as number);
  }
  return from === Number.POSITIVE_INFINITY
    ? { start: lastEnd(origins.ends), end: lastEnd(origins.ends) }
    : { start: from, end: to };
}

function lastEnd(ends: Int32Array): number {
  return ends.length === 0 ? 0 : (ends[ends.length - 1] as number);
}

/** A span found in the readable text, moved onto the original with the original's own characters. */
export function quotedInOriginal<T extends { start: number; end: number; text: string }>(
  read: ReadableText,
  original: string,
  item: T,
): T {
  const span = originalSpan(read, item.start, item.end);
  return { ...item, ...span, text: original.slice(span.start, span.end) };
}
