import type { Match } from '../text/terms.ts';
import type { Range } from '../text/tokenize.ts';
import type { ComplaintCueMatches } from './compile-pack.ts';

/**
 * Counting complaints the way the customer made them, not the lexicon's categories: "the delivery
 * was late and the box was damaged" is two, "late again, the third time" is one, and "I want a
 * refund" is a demand about a complaint, never one of its own.
 *
 * The text is cut into parts: sentences, lines, and the clauses a join ("and", "i", "ja") or an
 * addition ("also", "poza tym", "lisaks") opens. A part with a failure in it ("too short", "instead
 * of", "didn't turn up") or a problem word is a complaint. Each problem category counts once; a
 * complaint that names no category counts on its own only when the customer set it beside another
 * (joined to a complaint in its sentence, opened by an addition, or a list item); otherwise it is
 * the same complaint told further, and only keeps the count from being zero.
 */
export interface ComplaintInput {
  text: string;
  /** The problem words of each category the lexicon counted, every occurrence. */
  categories: readonly (readonly Range[])[];
  cues: ComplaintCueMatches;
  /** Demands, urgency and threats: a problem word inside one is its object, not a complaint. */
  demands: readonly Range[];
  /** A message whose level is above calm: it complains of something even when no word says what. */
  isUnhappy: boolean;
}

interface Part extends Range {
  sentence: number;
  /** Opened by an addition, or an item of a list: a complaint here is set beside those before it. */
  isAdded: boolean;
  /** Opened by a join inside its sentence. */
  isJoined: boolean;
}

// A dot with a letter right after it is inside a name ("oponeo.pl"), not a sentence's end.
const SENTENCE_END = /[!?\n]|\.(?!\p{L})/gu;
const LIST_ITEM = /^[ \t]*(?:[-–•*]|\d{1,2}[.)])[ \t]+/u;

/** Where each sentence starts (line breaks end one too), and whether it is a list item. */
function sentencesOf(text: string): { starts: number[]; listItems: Set<number> } {
  const starts = [0];
  const listItems = new Set<number>();
  if (LIST_ITEM.test(text)) listItems.add(0);
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const start = m.index + m[0].length;
    if (start >= text.length) break;
    starts.push(start);
    if (m[0] === '\n' && LIST_ITEM.test(text.slice(start, start + 8))) listItems.add(starts.length - 1);
  }
  return { starts, listItems };
}

/** The index of the last start at or before `at`. */
function indexAt(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

interface Cut {
  at: number;
  isAddition: boolean;
  isJoin: boolean;
}

const CLAUSE_COMMA = /[,;:–—]\s/gu;

/** Commas, semicolons and dashes cut a sentence into clauses, as a join does. */
function commasOf(text: string): Cut[] {
  const cuts: Cut[] = [];
  CLAUSE_COMMA.lastIndex = 0;
  for (let m = CLAUSE_COMMA.exec(text); m; m = CLAUSE_COMMA.exec(text))
    cuts.push({ at: m.index + m[0].length, isAddition: false, isJoin: false });
  return cuts;
}

/** The text's parts, in order: sentences cut again at each join and addition inside them. */
function partsOf(text: string, cues: ComplaintCueMatches): Part[] {
  const { starts, listItems } = sentencesOf(text);
  const parts: Part[] = starts.map((start, i) => ({
    start,
    end: starts[i + 1] ?? text.length,
    sentence: i,
    isAdded: listItems.has(i),
    isJoined: false,
  }));
  const cuts = [
    ...cues.additions.map((m) => ({ at: m.start, isAddition: true, isJoin: false })),
    ...cues.joins.map((m) => ({ at: m.start, isAddition: false, isJoin: true })),
    ...commasOf(text),
  ].sort((a, b) => a.at - b.at || Number(b.isAddition) - Number(a.isAddition));
  for (const cut of cuts) {
    const i = indexAt(
      parts.map((p) => p.start),
      cut.at,
    );
    const part = parts[i] as Part;
    if (cut.at === part.start) {
      if (cut.isAddition) part.isAdded = true;
      if (cut.isJoin && !part.isAdded) part.isJoined = true;
      continue;
    }
    parts.splice(i + 1, 0, {
      start: cut.at,
      end: part.end,
      sentence: part.sentence,
      isAdded: cut.isAddition,
      isJoined: cut.isJoin,
    });
    part.end = cut.at;
  }
  return parts;
}

const inside = (part: Range, span: Range) => span.start >= part.start && span.start < part.end;
const anyInside = (part: Range, spans: readonly Range[]) => spans.some((s) => inside(part, s));

/**
 * Categories less those named only in parts where an earlier one was named: "three hours waiting
 * for a 15-minute appointment" is one complaint, whatever two categories its words belong to.
 */
function withoutSamePart(parts: readonly Part[], categories: readonly (readonly Range[])[]) {
  const taken = new Set<number>();
  const kept: (readonly Range[])[] = [];
  const ordered = [...categories].sort((a, b) => firstStart(a) - firstStart(b));
  for (const spans of ordered) {
    const at = spans.map((span) => parts.findIndex((p) => inside(p, span)));
    if (at.length > 0 && at.every((i) => i >= 0 && taken.has(i))) continue;
    for (const i of at) taken.add(i);
    kept.push(spans);
  }
  return kept;
}

const firstStart = (spans: readonly Range[]) => Math.min(...spans.map((s) => s.start));

/** How many complaints the customer made (see the file's comment). */
export function countComplaints(input: ComplaintInput): number {
  const parts = partsOf(input.text, input.cues);
  const failing = parts.map((p) => anyInside(p, input.cues.failures));
  const demanding = parts.map((p) => anyInside(p, input.demands));
  // A category whose every word stands in a demand with no failure beside it names what is demanded.
  const complained = input.categories.filter((spans) =>
    spans.some((span) => {
      const i = parts.findIndex((p) => inside(p, span));
      return i < 0 || failing[i] || !demanding[i];
    }),
  );
  const categories = withoutSamePart(parts, complained);
  const named = parts.map((p) => categories.some((spans) => anyInside(p, spans)));
  const complains = parts.map((_, i) => (failing[i] as boolean) || (named[i] as boolean));
  let count = categories.length;
  let untold = false;
  parts.forEach((part, i) => {
    if (!failing[i] || named[i]) return;
    const besideAnother =
      part.isAdded ||
      (part.isJoined && complains[i - 1] && parts[i - 1]?.sentence === part.sentence) ||
      (parts[i + 1]?.isJoined && complains[i + 1] && parts[i + 1]?.sentence === part.sentence);
    if (besideAnother) count++;
    else untold = true;
  });
  if (count === 0 && (untold || input.isUnhappy)) return 1;
  return count;
}

/** Every occurrence of each category the problem lexicon counted. */
export function categorySpans<C>(
  counted: readonly C[],
  matches: readonly Match<{ category: C }>[],
): Range[][] {
  return counted.map((category) => matches.filter((m) => m.payload.category === category));
}
