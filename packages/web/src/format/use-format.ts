import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../features/settings/use-settings.ts';

export interface Formatters {
  timeZone: string | undefined;
  dateTime(iso: string): string;
  date(iso: string): string;
  number(value: number): string;
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
    number: (value) => number.format(value),
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
