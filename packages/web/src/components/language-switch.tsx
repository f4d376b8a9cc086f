import { SegmentedControl } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { setUiLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n/index.ts';

const NAMES: Record<UiLanguage, string> = { pl: 'Polski', et: 'Eesti', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const narrow = useMediaQuery('(max-width: 30em)');
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      size="xs"
      value={i18n.language}
      onChange={(value) => setUiLanguage(value as UiLanguage)}
      data={UI_LANGUAGES.map((code) => ({
        value: code,
        label: narrow ? (
          <span title={NAMES[code]} lang={code}>
            {code.toUpperCase()}
          </span>
        ) : (
          <span lang={code}>{NAMES[code]}</span>
        ),
      }))}
    />
  );
}
