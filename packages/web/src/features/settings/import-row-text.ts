import type { RowError } from '@calmdesk/contracts';
import type { TFunction } from 'i18next';

/** What is wrong with a refused import row, in the person's language, from its reason and values. */
export function importRowText(t: TFunction, error: RowError): string {
  return t(`admin.imports.reasons.${error.reason}`, {
    value: error.value ?? '',
    limit: error.limit ?? '',
    count: error.count ?? '',
    allowed: error.allowed?.join(', ') ?? '',
    earlierRow: error.earlierRow ?? '',
  });
}
