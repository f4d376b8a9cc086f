import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../features/settings/use-settings.ts';

export interface Formatters {
  timeZone: string | undefined;
  dateTime(iso: string): string;
  date(iso: string): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  percent(share: number): string;
  money(amount: number, currency: string): string;
}

/** Formatters for the interface language, in the organisation's time zone (a shop's 16:00 is its own). */
export function makeFormatters(locale: string, timeZone: string | undefined): Formatters {
  const zone = timeZone ? { timeZone } : {};
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
  const number = new Intl.NumberFormat(locale);
  return {
    timeZone,
    dateTime: (iso) => dateTime.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    number: (value, options) =>
      options ? new Intl.NumberFormat(locale, options).format(value) : number.format(value),
    percent: (share) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    money: (amount, currency) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount),
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const settings = useSettings();
  const timeZone = settings.data?.timeZone;
  return useMemo(() => makeFormatters(i18n.language, timeZone), [i18n.language, timeZone]);
}

/** The last second of a calendar day (`YYYY-MM-DD`) in a time zone, as an ISO instant. */
export function endOfDayIn(day: string, timeZone: string): string {
  const naive = Date.parse(`${day}T23:59:59Z`);
  // The zone's offset at that moment: how far its wall clock runs ahead of UTC.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(naive)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.parse(
    `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`,
  );
  return new Date(naive - (wall - naive)).toISOString();
}
