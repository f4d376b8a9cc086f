import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { et } from './et.ts';
import { pl } from './pl.ts';

export const UI_LANGUAGES = ['pl', 'et', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
const STORAGE_KEY = 'calmdesk.language';

function initialLanguage(): UiLanguage {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored && (UI_LANGUAGES as readonly string[]).includes(stored)) return stored as UiLanguage;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return (UI_LANGUAGES as readonly string[]).includes(browser) ? (browser as UiLanguage) : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, pl: { translation: pl }, et: { translation: et } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = i18next.language;

export function setUiLanguage(language: UiLanguage) {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
