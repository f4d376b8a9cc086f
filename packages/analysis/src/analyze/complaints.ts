import { SENTENCE_END } from '../text/sentences.ts';
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
 *
 * A join may open a lead-in with no complaint ("and when I asked, the waiter laughed"): the clause
 * after it is the one set beside the complaint before. A numbered item ("1. …") is one sentence with
 * its number. A topic word in a question, a demand or a heading ("Two problems with the service:")
 * names what is asked, demanded or told below, and is no complaint unless a failure stands with it.
 */
export interface ComplaintInput {
  text: string;
  /** The problem words of each category the lexicon counted, every occurrence. */
  categories: readonly CategorySpans[];
  cues: ComplaintCueMatches;
  /** Demands, urgency and threats: a problem word inside one is its object, not a complaint. */
  demands: readonly Range[];
  /** A message whose level is above calm: it complains of something even when no word says what. */
  isUnhappy: boolean;
  /** Thanks that are meant: a failure told in their sentence is a story with a good end ("thanks for finding my lost keys"). */
  thanks: readonly Range[];
}

export interface CategorySpans {
  spans: readonly Range[];
}

interface Part extends Range {
  sentence: number;
  /** Opened by an addition, or an item of a list: a complaint here is set beside those before it. */
  isAdded: boolean;
  /** Opened by a join inside its sentence. */
  isJoined: boolean;
}

const SENTENCE_ENDS = new RegExp(SENTENCE_END.source, 'gu');
const LIST_ITEM = /^[ \t]*(?:[-–•*]|\d{1,2}[.)])[ \t]+/u;
/** A sentence that is only "1.": the number of a list item, whose text follows in the same sentence. */
const ITEM_NUMBER = /^\s*\d{1,2}\.$/u;

/** Where each sentence starts (line breaks end one too), and whether it is a list item. */
function sentencesOf(text: string): { starts: number[]; listItems: Set<number> } {
  const starts = [0];
  const listItems = new Set<number>();
  if (LIST_ITEM.test(text)) listItems.add(0);
  SENTENCE_ENDS.lastIndex = 0;
  for (let m = SENTENCE_ENDS.exec(text); m; m = SENTENCE_ENDS.exec(text)) {
    const start = m.index + m[0].length;
    if (start >= text.length) break;
    const from = starts[starts.length - 1] as number;
    if (m[0] === '.' && m.index - from <= 8 && ITEM_NUMBER.test(text.slice(from, m.index + 1))) continue;
    starts.push(start);
    if (m[0] === '\n' && LIST_ITEM.test(text.slice(start, start + 8))) listItems.add(starts.length - 1);
  }
  return { starts, listItems };
}

/** The index of the last of the sorted ranges that starts at or before `at`. */
function indexAt(ranges: readonly { start: number }[], at: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((ranges[mid] as { start: number }).start <= at) low = mid;
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
/** "1) charged twice 2) no answer": a number opening an item inside a sentence. */
const INLINE_ITEM = /(?<=\s)(?:\d{1,2}|[a-e])\)\s/gu;

/** Commas, semicolons and dashes cut a sentence into clauses; an inline item number opens one more. */
function commasOf(text: string): Cut[] {
  const cuts: Cut[] = [];
  CLAUSE_COMMA.lastIndex = 0;
  for (let m = CLAUSE_COMMA.exec(text); m; m = CLAUSE_COMMA.exec(text))
    cuts.push({ at: m.index + m[0].length, isAddition: false, isJoin: false });
  // Most messages have no ")": the lookbehind search is skipped for them.
  if (!text.includes(')')) return cuts;
  INLINE_ITEM.lastIndex = 0;
  for (let m = INLINE_ITEM.exec(text); m; m = INLINE_ITEM.exec(text))
    cuts.push({ at: m.index, isAddition: true, isJoin: false });
  return cuts;
}

/**
 * "The room was filthy, the kettle didn't work, and you charged us for the minibar": clauses listed
 * by commas up to a last one joined are joined, each of them.
 */
function joinEnumerations(parts: Part[]): void {
  let from = 0;
  for (let i = 1; i <= parts.length; i++) {
    const part = parts[i];
    if (part && part.sentence === (parts[from] as Part).sentence) continue;
    const sentence = parts.slice(from, i);
    const last = sentence[sentence.length - 1] as Part;
    if (sentence.length >= 3 && last.isJoined) for (const p of sentence.slice(1)) p.isJoined ||= !p.isAdded;
    from = i;
  }
}

const NO_LETTER = /^\P{L}*$/u;

/** How far the joins and additions that open the current part reach ("and also, …"), read so far. */
interface OpenerScan {
  /** The next opener to read. */
  next: number;
  /** Where the openers read so far end: the part's start when none did. */
  end: number;
}

/** Reads the openers of the part up to `limit`, on from where the last reading stopped. */
function readOpeners(text: string, openers: readonly Range[], scan: OpenerScan, limit: number): number {
  for (; scan.next < openers.length; scan.next++) {
    const cue = openers[scan.next] as Range;
    if (cue.start >= limit || !NO_LETTER.test(text.slice(scan.end, cue.start))) break;
    scan.end = Math.max(scan.end, cue.end);
  }
  return scan.end;
}

interface Opening extends Cut {
  /** The sentence a sentence start opens; -1 for a cut inside a sentence. */
  sentence: number;
}

/** The text's parts, in order: sentences cut again at each join, addition and comma inside them. */
function partsOf(text: string, cues: ComplaintCueMatches): Part[] {
  const { starts, listItems } = sentencesOf(text);
  const openings: Opening[] = [
    ...starts.map((at, sentence) => ({ at, isAddition: listItems.has(sentence), isJoin: false, sentence })),
    ...cues.additions.map((m) => ({ at: m.start, isAddition: true, isJoin: false, sentence: -1 })),
    ...cues.joins.map((m) => ({ at: m.start, isAddition: false, isJoin: true, sentence: -1 })),
    ...commasOf(text).map((cut) => ({ ...cut, sentence: -1 })),
  ].sort(
    (a, b) =>
      a.at - b.at ||
      Number(b.sentence >= 0) - Number(a.sentence >= 0) ||
      Number(b.isAddition) - Number(a.isAddition),
  );
  const openers = [...cues.joins, ...cues.additions].sort((a, b) => a.start - b.start);
  const parts: Part[] = [];
  const scan: OpenerScan = { next: 0, end: 0 };
  for (const opening of openings) {
    const part = parts[parts.length - 1];
    if (opening.sentence < 0 && part) {
      // Only joins and additions so far ("Also, the zip broke", "ja ka"): the cut opens no clause of its own.
      const opened = readOpeners(text, openers, scan, opening.at);
      if (opening.at <= part.start || NO_LETTER.test(text.slice(opened, opening.at))) {
        part.isAdded ||= opening.isAddition;
        part.isJoined ||= opening.isJoin && !part.isAdded;
        continue;
      }
    }
    if (part) part.end = opening.at;
    parts.push({
      start: opening.at,
      end: text.length,
      sentence: opening.sentence >= 0 ? opening.sentence : (part as Part).sentence,
      isAdded: opening.isAddition,
      isJoined: opening.isJoin,
    });
    while (scan.next < openers.length && (openers[scan.next] as Range).start < opening.at) scan.next++;
    scan.end = opening.at;
  }
  joinEnumerations(parts);
  return parts;
}

/** Which parts hold at least one of the spans (the parts cover the text, so every span has one). */
function partsHolding(parts: readonly Part[], spans: readonly Range[]): boolean[] {
  const holds = parts.map(() => false);
  for (const span of spans) holds[indexAt(parts, span.start)] = true;
  return holds;
}

/**
 * Categories less those named only in parts where an earlier one was named: "three hours waiting
 * for a 15-minute appointment" is one complaint, whatever two categories its words belong to.
 */
function withoutSamePart(parts: readonly Part[], categories: readonly CategorySpans[]): CategorySpans[] {
  const taken = new Set<number>();
  const kept: CategorySpans[] = [];
  const ordered = [...categories].sort((a, b) => firstStart(a.spans) - firstStart(b.spans));
  for (const category of ordered) {
    const at = category.spans.map((span) => indexAt(parts, span.start));
    if (at.length > 0 && at.every((i) => taken.has(i))) continue;
    for (const i of at) taken.add(i);
    kept.push(category);
  }
  return kept;
}

function firstStart(spans: readonly Range[]): number {
  let first = Number.POSITIVE_INFINITY;
  for (const span of spans) first = Math.min(first, span.start);
  return first;
}

/** How many complaints the customer made (see the file's comment). */
export function countComplaints(input: ComplaintInput): number {
  // Each category counts once and each part with a failure at most once, so the count is at most
  // their sum: none counts none, and one counts at most one, which an unhappy message has anyway.
  // Most messages need no parts cut.
  const most = input.categories.length + input.cues.failures.length;
  if (most === 0 || (most === 1 && input.isUnhappy)) return input.isUnhappy ? 1 : 0;
  const parts = partsOf(input.text, input.cues);
  const failing = partsHolding(parts, input.cues.failures);
  const demanding = partsHolding(parts, input.demands);
  const questions = questionSentences(input.text, parts);
  const asides = asidesOf(input, parts, questions);
  // A category whose every word stands in a demand, a question or a heading with no failure beside it
  // names what is demanded, asked about or told of below ("Two problems with the boiler service:").
  const complained = input.categories.filter((category) =>
    category.spans.some((span) => {
      const i = indexAt(parts, span.start);
      const part = parts[i] as Part;
      return failing[i] || !(demanding[i] || questions.has(part.sentence) || isHeading(input.text, part));
    }),
  );
  const categories = withoutSamePart(parts, complained);
  const categoriesIn = parts.map(() => [] as number[]);
  categories.forEach((category, k) => {
    for (const span of category.spans) categoriesIn[indexAt(parts, span.start)]?.push(k);
  });
  const complains = parts.map((_, i) => (failing[i] as boolean) || (categoriesIn[i] as number[]).length > 0);
  const failureWords = failureWordsOf(input.text, parts, input.cues.failures);
  const counted = new Set<number>();
  const told = new Set<string>();
  let count = 0;
  // An addition with a complaint after it closes what came before: that was a complaint of its own.
  let inSegment = 0;
  let untold = false;
  const closeSegment = () => {
    count += inSegment === 0 && untold ? 1 : inSegment;
    inSegment = 0;
    untold = false;
  };
  parts.forEach((part, i) => {
    if (part.isAdded && complains[i]) closeSegment();
    let namesNew = false;
    for (const k of categoriesIn[i] as number[])
      if (!counted.has(k)) {
        counted.add(k);
        inSegment++;
        namesNew = true;
      }
    if (!failing[i] || isHeading(input.text, part) || asides.has(part.sentence)) return;
    // The same failure told again ("late again, late as always") is the same complaint.
    const failures = failureWords[i] ?? [];
    const isRepeat = failures.every((f) => told.has(f));
    for (const f of failures) told.add(f);
    const isNamed = (categoriesIn[i] as number[]).length > 0;
    // A failure beside another complaint is one more, even in a category already counted ("the cake was dry, and the name on it was wrong").
    if (namesNew) return;
    if (!isRepeat && isBesideAnother(parts, complains, i)) inSegment++;
    else if (!isNamed) untold = true;
  });
  closeSegment();
  return count === 0 && input.isUnhappy ? 1 : count;
}

const QUESTION_END = /\?\s*$/u;

/**
 * The sentences whose failures are no complaint: those with meant thanks in them, and, in a calm
 * message, questions ("can I pay by transfer instead of card?" asks for a choice).
 */
function asidesOf(
  input: ComplaintInput,
  parts: readonly Part[],
  questions: ReadonlySet<number>,
): Set<number> {
  const asides = new Set<number>();
  for (const t of input.thanks) asides.add((parts[indexAt(parts, t.start)] as Part).sentence);
  if (!input.isUnhappy) for (const sentence of questions) asides.add(sentence);
  return asides;
}

/** The sentences, by number, that end with a question mark. */
function questionSentences(text: string, parts: readonly Part[]): Set<number> {
  const last = new Map<number, Part>();
  for (const part of parts) last.set(part.sentence, part);
  const questions = new Set<number>();
  for (const [sentence, part] of last)
    if (QUESTION_END.test(text.slice(part.start, part.end))) questions.add(sentence);
  return questions;
}

const ENDS_WITH_COLON = /:\s*$/u;

/** "What went wrong:" introduces the complaints after it and is none of its own. */
const isHeading = (text: string, part: Range) => ENDS_WITH_COLON.test(text.slice(part.start, part.end));

/** The failures of each part, as lower-case words. */
function failureWordsOf(text: string, parts: readonly Part[], failures: readonly Range[]): string[][] {
  const words = parts.map(() => [] as string[]);
  for (const f of failures) words[indexAt(parts, f.start)]?.push(text.slice(f.start, f.end).toLowerCase());
  return words;
}

/** Is the part set beside another complaint: opened by an addition, or joined to a complaint in its sentence? */
function isBesideAnother(parts: readonly Part[], complains: readonly boolean[], i: number): boolean {
  const part = parts[i] as Part;
  const before = parts[i - 1];
  const after = parts[i + 1];
  return (
    part.isAdded ||
    (part.isJoined && before?.sentence === part.sentence && complains[i - 1] === true) ||
    (after?.isJoined === true && after.sentence === part.sentence && complains[i + 1] === true) ||
    isAfterJoinedLeadIn(parts, complains, i) ||
    (complains[i + 2] === true && isAfterJoinedLeadIn(parts, complains, i + 2))
  );
}

/**
 * "…, and when I asked, the waiter laughed": a join opens a lead-in with no complaint in it, and the
 * clause after it carries what the join set beside the complaint before.
 */
function isAfterJoinedLeadIn(parts: readonly Part[], complains: readonly boolean[], i: number): boolean {
  const part = parts[i] as Part;
  const leadIn = parts[i - 1];
  const before = parts[i - 2];
  return (
    !part.isJoined &&
    leadIn?.sentence === part.sentence &&
    leadIn.isJoined &&
    complains[i - 1] === false &&
    before?.sentence === part.sentence &&
    complains[i - 2] === true
  );
}

/** Every occurrence of each category the problem lexicon counted. */
export function categorySpans<C>(
  counted: readonly C[],
  matches: readonly Match<{ category: C }>[],
): CategorySpans[] {
  return counted.map((category) => ({ spans: matches.filter((m) => m.payload.category === category) }));
}
