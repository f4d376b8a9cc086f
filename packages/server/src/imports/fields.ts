import { wallTimeToInstant } from '@calmdesk/analysis/zoned';
import { exponentOf, isCurrency, type RowProblem, toMinor } from '@calmdesk/contracts';
import { z } from 'zod';
import { normaliseEmail, normalisePhone } from '../customers/customers.service.ts';

/** A value that is wrong: which column, why (a stable reason with its values, and in English); the row is refused whole. */
export class FieldProblem extends Error {
  constructor(
    readonly column: string,
    message: string,
    readonly problem: RowProblem,
  ) {
    super(message);
  }
}

/** The most of a value a row error repeats: enough to find it in the file. */
const SHOWN_VALUE_CHARACTERS = 200;

/** A value as a row error repeats it. */
export function shownValue(value: string): string {
  return value.length > SHOWN_VALUE_CHARACTERS ? `${value.slice(0, SHOWN_VALUE_CHARACTERS)}…` : value;
}

const EmailSchema = z.email();
const PHONE = /^\+?[\d\s().-]{5,}$/;
const AMOUNT = /^-?\d+(?:[.,]\d+)?$/;
/** The largest amount a file may hold, in major units of any currency. */
const MAX_AMOUNT = 10_000_000_000;
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Reads one row's values by column; each reader throws a FieldProblem naming the column. */
export function fieldReader(values: Record<string, string>, timeZone: string) {
  const raw = (column: string) => values[column] ?? '';
  const text = (column: string, max: number): string | null => {
    const value = raw(column);
    if (value === '') return null;
    if (value.length > max)
      throw new FieldProblem(column, `is ${value.length} characters long; at most ${max}`, {
        reason: 'too_long',
        count: value.length,
        limit: max,
      });
    if (value.includes('\u0000'))
      throw new FieldProblem(column, 'holds a NUL character', { reason: 'nul_character' });
    return value;
  };
  const required = <T>(column: string, value: T | null): T => {
    if (value === null) throw new FieldProblem(column, 'is empty', { reason: 'required' });
    return value;
  };
  return {
    text,
    required,
    email(column: string): string | null {
      const value = text(column, 320);
      if (value === null) return null;
      if (!EmailSchema.safeParse(value).success)
        throw new FieldProblem(column, `'${value}' is not an e-mail address`, {
          reason: 'not_an_email',
          value: shownValue(value),
        });
      return normaliseEmail(value);
    },
    phone(column: string): string | null {
      const value = text(column, 40);
      if (value === null) return null;
      if (!PHONE.test(value)) {
        throw new FieldProblem(
          column,
          `'${value}' is not a phone number (digits, spaces, dashes, brackets, a leading +)`,
          { reason: 'not_a_phone', value: shownValue(value) },
        );
      }
      return normalisePhone(value);
    },
    oneOf<T extends string>(column: string, allowed: readonly T[]): T | null {
      const value = raw(column).toLowerCase();
      if (value === '') return null;
      if (!(allowed as readonly string[]).includes(value)) {
        throw new FieldProblem(column, `'${raw(column)}' is not one of ${allowed.join(', ')}`, {
          reason: 'not_a_choice',
          value: shownValue(raw(column)),
          allowed: [...allowed],
        });
      }
      return value as T;
    },
    /**
     * A money amount in major units of `currency`, as minor units: no more decimals than the currency
     * has (none for JPY, three for KWD); a decimal comma is read as a point.
     */
    amount(column: string, currency: string): number | null {
      const value = raw(column).replace(/[\s\u00a0]/g, '');
      if (value === '') return null;
      if (!AMOUNT.test(value))
        throw new FieldProblem(column, `'${raw(column)}' is not an amount such as 120 or 99.50`, {
          reason: 'not_an_amount',
          value: shownValue(raw(column)),
        });
      const read = toMinor(value.replace(',', '.'), currency);
      if ('problem' in read) {
        throw new FieldProblem(column, `'${raw(column)}' ${read.problem}`, {
          reason: read.reason === 'wrong_type' ? 'not_an_amount' : read.reason,
          value: shownValue(raw(column)),
          limit: exponentOf(currency),
        });
      }
      if (Math.abs(read.minor) > MAX_AMOUNT * 10 ** exponentOf(currency))
        throw new FieldProblem(column, 'is too large', {
          reason: 'amount_too_big',
          value: shownValue(raw(column)),
        });
      return read.minor;
    },
    /** An active ISO 4217 code, in any letter case. */
    currency(column: string): string | null {
      const value = raw(column).trim().toUpperCase();
      if (value === '') return null;
      if (!isCurrency(value))
        throw new FieldProblem(
          column,
          `'${raw(column)}' is not an ISO 4217 currency code such as PLN or EUR`,
          { reason: 'currency_unknown', value: shownValue(raw(column)) },
        );
      return value;
    },
    /** A date or date-time; without an offset it is wall-clock time in the organisation's zone. */
    time(column: string): Date | null {
      const value = raw(column);
      if (value === '') return null;
      const date = parseTime(value, timeZone);
      if (!date) {
        throw new FieldProblem(
          column,
          `'${value}' is not a date or time such as 2026-03-02, 2026-03-02 14:30 or 2026-03-02T14:30:00+01:00`,
          { reason: 'not_a_date', value: shownValue(value) },
        );
      }
      return date;
    },
  };
}

function parseTime(value: string, timeZone: string): Date | null {
  const match = TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const t = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  const days = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
  if (
    t.year < 1900 ||
    t.month < 1 ||
    t.month > 12 ||
    t.day < 1 ||
    t.day > days ||
    t.hour > 23 ||
    t.minute > 59 ||
    t.second > 59
  ) {
    return null;
  }
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  if (offset === undefined) return new Date(wallTimeToInstant(t, timeZone) + ms);
  const utc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, ms);
  if (offset.toUpperCase() === 'Z') return new Date(utc);
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
  if (minutes > 18 * 60) return null;
  return new Date(utc - (digits[0] === '-' ? -minutes : minutes) * 60_000);
}
