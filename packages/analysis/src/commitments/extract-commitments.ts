import { analyzeWithPacks } from '../analyze/packs-analyzer.ts';
import { dates as en } from '../lang/en/dates.ts';
import { dates as et } from '../lang/et/dates.ts';
import { dates as pl } from '../lang/pl/dates.ts';
import { compileMatcher, type Matcher } from '../text/terms.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Commitment, CommitmentOptions } from '../types.ts';
import { type Flag, LANGS, type Lang } from '../vocabulary.ts';
import { type DatePack, dateExpressionSources, UNICODE_BOUNDARY } from './date-pack.ts';
import { assertTimeZone, dateAt, dayOfWeek, formatInstant, instantAt, parseInstant } from './zoned.ts';

/**
 * When a promise without an hour is due: the end of the business day. Parts of the day are
 * deadlines too: "tomorrow morning" is due by noon. Documented in packages/analysis/eval/README.md.
 */
export const END_OF_BUSINESS_DAY = { hour: 17, minute: 0 };
const PART_OF_DAY = { morning: 12, noon: 12, afternoon: 17, evening: 20 } as const;
const FRIDAY = 5;

interface CompiledDates {
  pack: DatePack;
  promises: Matcher<true>;
  re: Record<Exclude<keyof DatePack, 'promises' | 'conditions' | 'numbers' | 'weekdays'>, RegExp>;
  weekdays: RegExp[];
  conditions: RegExp;
}

export const DATE_PACKS: Record<Lang, DatePack> = { pl, et, en };

function unicodeRegExp(source: string): RegExp {
  return new RegExp(source.replaceAll('\\b', UNICODE_BOUNDARY), 'iu');
}
const compiled = new Map<Lang, CompiledDates>();

function compiledFor(lang: Lang): CompiledDates {
  let result = compiled.get(lang);
  if (!result) {
    const pack = DATE_PACKS[lang];
    const re = Object.fromEntries(
      (
        [
          'today',
          'tomorrow',
          'dayAfterTomorrow',
          'endOfDay',
          'endOfWeek',
          'nextWeek',
          'inBusinessDays',
          'inDays',
          'inHours',
          'clock',
          'morning',
          'noon',
          'afternoon',
          'evening',
        ] as const
      ).map((key) => [key, unicodeRegExp(pack[key])]),
    ) as CompiledDates['re'];
    result = {
      pack,
      promises: compileMatcher([{ terms: pack.promises, payload: true as const }]),
      re,
      weekdays: pack.weekdays.map(unicodeRegExp),
      conditions: unicodeRegExp(pack.conditions.map((source) => `(?:${source})`).join('|')),
    };
    compiled.set(lang, result);
  }
  return result;
}

function numberIn(match: RegExpMatchArray | null, pack: DatePack): number | null {
  const raw = match?.[1];
  if (!raw) return null;
  const n = /^\d+$/.test(raw) ? Number(raw) : pack.numbers[raw.toLowerCase()];
  return n && n > 0 && n < 100 ? n : null;
}

function clockIn(sentence: string, re: RegExp): { hour: number; minute: number } | null {
  const match = sentence.match(re);
  if (!match) return null;
  const groups = match.slice(1).filter((g): g is string => g !== undefined);
  const numbers = groups.filter((g) => /^\d+$/.test(g)).map(Number);
  const meridiem = groups.find((g) => /[ap]\.?m/i.test(g))?.toLowerCase();
  let hour = numbers[0];
  const minute = numbers[1] ?? 0;
  if (hour === undefined || hour > 24 || minute > 59) return null;
  if (meridiem?.startsWith('p') && hour < 12) hour += 12;
  if (meridiem?.startsWith('a') && hour === 12) hour = 0;
  return { hour: hour % 24, minute };
}

// Dates are day numbers (zoned.ts): a day later is one more.
function addBusinessDays(date: number, days: number): number {
  let result = date;
  let left = days;
  while (left > 0) {
    result++;
    if (dayOfWeek(result) <= FRIDAY) left--;
  }
  return result;
}

/** The next given weekday strictly after today (Monday = 1). */
function nextWeekday(today: number, weekday: number): number {
  return today + ((weekday - dayOfWeek(today) + 7) % 7 || 7);
}

function fridayOf(date: number): number {
  return date + FRIDAY - dayOfWeek(date);
}

/** When a sentence's promise is due, in epoch milliseconds, or null when it names no day or time. */
function resolveDue(sentence: string, now: number, timeZone: string, dates: CompiledDates): number | null {
  const { re, pack } = dates;
  const hours = numberIn(sentence.match(re.inHours), pack);
  if (hours) return now + hours * 3_600_000;

  const today = dateAt(now, timeZone);
  let day: number | null = null;
  const businessDays = numberIn(sentence.match(re.inBusinessDays), pack);
  const days = numberIn(sentence.match(re.inDays), pack);
  const weekday = dates.weekdays.findIndex((w) => w.test(sentence));
  if (re.dayAfterTomorrow.test(sentence)) day = today + 2;
  else if (re.tomorrow.test(sentence)) day = today + 1;
  else if (re.today.test(sentence) || re.endOfDay.test(sentence)) day = today;
  else if (businessDays) day = addBusinessDays(today, businessDays);
  else if (days) day = today + days;
  else if (re.nextWeek.test(sentence)) day = fridayOf(today + 7);
  else if (re.endOfWeek.test(sentence))
    day = dayOfWeek(today) <= FRIDAY ? fridayOf(today) : fridayOf(today + 7);
  else if (weekday >= 0) day = nextWeekday(today, weekday + 1);

  const clock = clockIn(sentence, re.clock);
  const part = (['morning', 'noon', 'afternoon', 'evening'] as const).find((p) => re[p].test(sentence));
  const time = clock ?? (part ? { hour: PART_OF_DAY[part], minute: 0 } : null);
  if (day === null && time === null) return null;
  const at = time ?? END_OF_BUSINESS_DAY;
  const due = instantAt(day ?? today, at.hour, at.minute, timeZone);
  // A bare hour already past today means the same hour tomorrow ("I'll call by 10" said at 15:00).
  if (day === null && due <= now) return instantAt(today + 1, at.hour, at.minute, timeZone);
  return due;
}

// A dot between digits (10.30, 24.12) does not end a sentence.
const SENTENCE = /(?:[^.!?\n]|\.(?=\d))+[.!?]*/gu;

function epochOf(now: string | Date): number {
  const epoch = now instanceof Date ? now.getTime() : parseInstant(now);
  if (!Number.isFinite(epoch)) throw new RangeError('now is not a valid date');
  return epoch;
}

const anyDate = new Map<Lang, RegExp>();

/** Whether the text names a day or a time at all ("czwartek, 14:00"), promised or not: one regex test. */
export function hasDateExpression(text: string, lang: Lang): boolean {
  let re = anyDate.get(lang);
  if (!re) {
    const sources = dateExpressionSources(DATE_PACKS[lang]);
    re = unicodeRegExp(sources.map((source) => `(?:${source})`).join('|'));
    anyDate.set(lang, re);
  }
  return re.test(text);
}

const THREATS: ReadonlySet<Flag> = new Set([
  'threat_violence',
  'threat_legal',
  'threat_public',
  'churn_threat',
]);

/**
 * "Sort it out today or I'll come down there" has a first person and a date, and is no promise: a
 * threat or an ultimatum from a customer is a demand with a consequence, never their commitment.
 */
function isThreatOrUltimatum(sentence: string, lang: Lang, dates: CompiledDates): boolean {
  if (dates.conditions.test(sentence)) return true;
  return analyzeWithPacks(sentence, { lang }).flags.some((flag) => THREATS.has(flag));
}

/**
 * Finds dated promises in a text ("oddzwonię jutro do 16:00") and resolves them to instants in the
 * given time zone (time zones, DST and business days included: zoned.ts).
 * @example extractCommitments('Oddzwonię jutro do 16:00.', { now: '2025-03-27T10:00:00Z', timeZone: 'Europe/Warsaw', lang: 'pl', author: 'us' })
 */
export function extractCommitments(text: string, options: CommitmentOptions): Commitment[] {
  const now = epochOf(options.now);
  assertTimeZone(options.timeZone);
  const languages: readonly Lang[] = options.lang ? [options.lang] : LANGS;
  const commitments: Commitment[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    const start = (match.index ?? 0) + (raw.length - raw.trimStart().length);
    const sentence = raw.trim();
    if (sentence.length < 4) continue;
    for (const lang of languages) {
      const dates = compiledFor(lang);
      if (dates.promises.find(tokenize(sentence)).length === 0) continue;
      if (options.author === 'customer' && isThreatOrUltimatum(sentence, lang, dates)) break;
      const due = resolveDue(sentence, now, options.timeZone, dates);
      if (due === null) continue;
      commitments.push({
        text: sentence,
        dueAt: formatInstant(due),
        who: options.author,
        start,
        end: start + sentence.length,
      });
      break;
    }
  }
  return commitments;
}
