import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setUiLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n/index.ts';

const NAMES: Record<UiLanguage, string> = { pl: 'Polski', et: 'Eesti', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      size="xs"
      value={i18n.language}
      onChange={(value) => setUiLanguage(value as UiLanguage)}
      data={UI_LANGUAGES.map((code) => ({ value: code, label: NAMES[code] }))}
    />
  );
}
