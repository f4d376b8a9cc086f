/**
 * How one language writes dates and promises, as data. Patterns are RegExp sources (flags `iu`)
 * matched against one sentence; a number may be digits or a word from `numbers`.
 */
export interface DatePack {
  /** First-person promises: a sentence with one of these and a date is a commitment. */
  promises: string[];
  /**
   * Conditions and ultimatums ("or I'll …", "unless", "if … not"): a customer's sentence with one is a
   * demand with a consequence, never the customer's promise. One RegExp source each.
   */
  conditions: string[];
  today: string;
  tomorrow: string;
  dayAfterTomorrow: string;
  /** Monday first; each a RegExp source matching the weekday in any case form. */
  weekdays: [string, string, string, string, string, string, string];
  /** A word before a weekday that means the one in the next week ("next Tuesday" is the next occurrence anyway). */
  endOfDay: string;
  endOfWeek: string;
  nextWeek: string;
  /** Group 1: a number. */
  inBusinessDays: string;
  inDays: string;
  inHours: string;
  /** Groups: hour, optional minutes, optional am/pm. */
  clock: string;
  morning: string;
  noon: string;
  afternoon: string;
  evening: string;
  numbers: Record<string, number>;
}

/** Every pattern that names a day or a time, in one order: the coach and the extractor share it. */
export function dateExpressionSources(pack: DatePack): string[] {
  return [
    pack.today,
    pack.tomorrow,
    pack.dayAfterTomorrow,
    pack.endOfDay,
    pack.endOfWeek,
    pack.nextWeek,
    pack.inBusinessDays,
    pack.inDays,
    pack.inHours,
    pack.clock,
    pack.morning,
    pack.noon,
    pack.afternoon,
    pack.evening,
    ...pack.weekdays,
  ];
}

const WORD = '[\\p{L}\\p{N}]';
/** A Unicode word boundary: JavaScript's `\b` knows only ASCII letters ("dziś" would never end a word). */
export const UNICODE_BOUNDARY = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;
