import '@mantine/dates/styles.css';
import 'dayjs/locale/et';
import 'dayjs/locale/pl';
import { LANGS, type Lang } from '@calmdesk/analysis/vocabulary';
import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';

dayjs.extend(customParseFormat);

/** How a date is shown in each interface language; English spells the month, so no one reads it as US. */
const SHOWN: Record<Lang, string> = { pl: 'DD.MM.YYYY', et: 'DD.MM.YYYY', en: 'D MMM YYYY' };
/** What a person may type, besides what is shown. */
const DAY_FIRST = (separator: string) =>
  ['D', 'DD'].flatMap((day) => ['M', 'MM'].map((month) => `${day}${separator}${month}${separator}YYYY`));
const TYPED: Record<Lang, string[]> = {
  pl: [...DAY_FIRST('.'), ...DAY_FIRST('-'), 'YYYY-MM-DD'],
  et: [...DAY_FIRST('.'), ...DAY_FIRST('-'), 'YYYY-MM-DD'],
  en: ['D MMMM YYYY', 'DD MMM YYYY', ...DAY_FIRST('/'), 'YYYY-MM-DD'],
};

/** Reads a typed date in the interface language's forms, strictly; the value is `YYYY-MM-DD`. */
export function parseTypedDate(input: string, lang: Lang): string | null {
  const read = dayjs(input.trim(), [SHOWN[lang], ...TYPED[lang]], lang, true);
  return read.isValid() ? read.format('YYYY-MM-DD') : null;
}

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'locale'> & {
  /** `YYYY-MM-DD`, or '' for none. */
  value: string;
  onChange: (value: string) => void;
};

/**
 * A date typed or picked in the interface language's own form (31.12.2026 in Polish and Estonian),
 * whatever the browser's locale, with weeks starting on Monday.
 */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const { i18n } = useTranslation();
  const lang = LANGS.find((l) => l === i18n.language) ?? 'en';
  return (
    <DateInput
      {...props}
      locale={lang}
      firstDayOfWeek={1}
      valueFormat={SHOWN[lang]}
      dateParser={(input) => parseTypedDate(input, lang)}
      value={value === '' ? null : value}
      onChange={(picked) => onChange(picked ?? '')}
    />
  );
}
