import { IMPORT_ROW_REASONS } from '@calmdesk/contracts/enums';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { et } from '../../i18n/et.ts';
import { i18next } from '../../i18n/index.ts';
import { pl } from '../../i18n/pl.ts';
import { importRowText } from './import-row-text.ts';

describe('import row texts', () => {
  it.each([
    ['en', en],
    ['pl', pl],
    ['et', et],
  ] as const)('has a %s text for every reason an import gives', (_language, messages) => {
    const texts = messages.admin.imports.reasons as Record<string, string>;
    expect(Object.keys(texts).sort()).toEqual([...IMPORT_ROW_REASONS].sort());
  });

  it('words a reason with its values in the chosen language, not the server’s English', () => {
    const error = {
      row: 4,
      line: 4,
      column: 'language',
      reason: 'not_a_choice' as const,
      value: 'tlh',
      allowed: ['pl', 'et', 'en'],
      message: "'tlh' is not one of pl, et, en",
    };
    expect(importRowText(i18next.getFixedT('et'), error)).toBe('„tlh” ei ole üks neist: pl, et, en.');
    expect(importRowText(i18next.getFixedT('pl'), { ...error, reason: 'id_repeated', earlierRow: 2 })).toBe(
      '„tlh” jest już w wierszu 2.',
    );
  });
});
