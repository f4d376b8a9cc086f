import type { Lang } from '@calmdesk/analysis';

/**
 * The log entry each of an erased customer's cases ends with: it names no one, and it explains why the
 * entries before it are empty while their hashes still chain.
 */
export const ERASURE_NOTE: Record<Lang, string> = {
  pl: 'Dane osobowe klienta usunięto (RODO art. 17). Treść wpisów usunięto; ich skróty nadal tworzą łańcuch.',
  et: 'Kliendi isikuandmed kustutati (GDPR art 17). Kirjete sisu kustutati; nende räsid moodustavad endiselt ahela.',
  en: "The customer's personal data was erased (GDPR Art. 17). The entries' contents were removed; their hashes still chain.",
};
