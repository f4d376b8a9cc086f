import { Temporal } from 'temporal-polyfill';
import { dates as en } from '../lang/en/dates.ts';
import { dates as et } from '../lang/et/dates.ts';
import { dates as pl } from '../lang/pl/dates.ts';
import { compileMatcher, type Matcher } from '../text/terms.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Commitment, CommitmentOptions } from '../types.ts';
import type { Lang } from '../vocabulary.ts';
import { type DatePack, dateExpressionSources, UNICODE_BOUNDARY } from './date-pack.ts';

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
  re: Record<Exclude<keyof DatePack, 'promises' | 'numbers' | 'weekdays'>, RegExp>;
  weekdays: RegExp[];
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

function addBusinessDays(date: Temporal.PlainDate, days: number): Temporal.PlainDate {
  let result = date;
  let left = days;
  while (left > 0) {
    result = result.add({ days: 1 });
    if (result.dayOfWeek <= FRIDAY) left--;
  }
  return result;
}

/** The next given weekday strictly after today (Monday = 1). */
function nextWeekday(today: Temporal.PlainDate, weekday: number): Temporal.PlainDate {
  const ahead = (weekday - today.dayOfWeek + 7) % 7 || 7;
  return today.add({ days: ahead });
}

function fridayOf(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.add({ days: FRIDAY - date.dayOfWeek });
}

function resolveDue(
  sentence: string,
  now: Temporal.ZonedDateTime,
  dates: CompiledDates,
): Temporal.ZonedDateTime | null {
  const { re, pack } = dates;
  const hours = numberIn(sentence.match(re.inHours), pack);
  if (hours) return now.add({ hours });

  const today = now.toPlainDate();
  let day: Temporal.PlainDate | null = null;
  const businessDays = numberIn(sentence.match(re.inBusinessDays), pack);
  const days = numberIn(sentence.match(re.inDays), pack);
  const weekday = dates.weekdays.findIndex((w) => w.test(sentence));
  if (re.dayAfterTomorrow.test(sentence)) day = today.add({ days: 2 });
  else if (re.tomorrow.test(sentence)) day = today.add({ days: 1 });
  else if (re.today.test(sentence) || re.endOfDay.test(sentence)) day = today;
  else if (businessDays) day = addBusinessDays(today, businessDays);
  else if (days) day = today.add({ days });
  else if (re.nextWeek.test(sentence)) day = fridayOf(today.add({ weeks: 1 }));
  else if (re.endOfWeek.test(sentence))
    day = today.dayOfWeek <= FRIDAY ? fridayOf(today) : fridayOf(today.add({ weeks: 1 }));
  else if (weekday >= 0) day = nextWeekday(today, weekday + 1);

  const clock = clockIn(sentence, re.clock);
  const part = (['morning', 'noon', 'afternoon', 'evening'] as const).find((p) => re[p].test(sentence));
  const time = clock ?? (part ? { hour: PART_OF_DAY[part], minute: 0 } : null);
  if (!day && !time) return null;
  const at = time ?? END_OF_BUSINESS_DAY;
  let due = (day ?? today).toZonedDateTime({
    timeZone: now.timeZoneId,
    plainTime: new Temporal.PlainTime(at.hour, at.minute),
  });
  // A bare hour already past today means the same hour tomorrow ("I'll call by 10" said at 15:00).
  if (!day && Temporal.ZonedDateTime.compare(due, now) <= 0) due = due.add({ days: 1 });
  return due;
}

// A dot between digits (10.30, 24.12) does not end a sentence.
const SENTENCE = /(?:[^.!?\n]|\.(?=\d))+[.!?]*/gu;

function asZoned(now: string | Date, timeZone: string): Temporal.ZonedDateTime {
  const instant =
    now instanceof Date ? Temporal.Instant.fromEpochMilliseconds(now.getTime()) : Temporal.Instant.from(now);
  return instant.toZonedDateTimeISO(timeZone);
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

/**
 * Finds dated promises in a text ("oddzwonię jutro do 16:00") and resolves them to instants in the
 * given time zone, with Temporal (time zones, DST and business days included).
 * @example extractCommitments('Oddzwonię jutro do 16:00.', { now: '2025-03-27T10:00:00Z', timeZone: 'Europe/Warsaw', lang: 'pl', author: 'us' })
 */
export function extractCommitments(text: string, options: CommitmentOptions): Commitment[] {
  const now = asZoned(options.now, options.timeZone);
  const languages: Lang[] = options.lang ? [options.lang] : ['pl', 'et', 'en'];
  const commitments: Commitment[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const raw = match[0];
    const start = (match.index ?? 0) + (raw.length - raw.trimStart().length);
    const sentence = raw.trim();
    if (sentence.length < 4) continue;
    for (const lang of languages) {
      const dates = compiledFor(lang);
      if (dates.promises.find(tokenize(sentence)).length === 0) continue;
      const due = resolveDue(sentence, now, dates);
      if (!due) continue;
      commitments.push({
        text: sentence,
        dueAt: due.toInstant().toString(),
        who: options.author,
        start,
        end: start + sentence.length,
      });
      break;
    }
  }
  return commitments;
}
