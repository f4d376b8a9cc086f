import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { et } from './et.ts';
import { pl } from './pl.ts';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v);
  }
  return out;
}

const english = leaves(en);
// Strings that are rightly the same as in English: the product name, a dash, the minute's symbol, loanwords.
const SAME_AS_ENGLISH = ['app.name', 'common.none', 'analytics.minutesValue'];
const LOANWORDS = {
  pl: ['signIn.email', 'customer.email', 'newCase.email', 'channel.email', 'inbox.status', 'case.status'],
  et: [],
};

// The browser tests run axe on a screen in one language only: a label empty in one language would
// pass there unseen, so no language may leave a string empty.
describe.each([
  ['en', en],
  ['pl', pl],
  ['et', et],
] as const)('the %s interface strings', (_language, messages) => {
  it('leaves no string empty', () => {
    const empty = [...leaves(messages)].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });
});

describe.each([
  ['pl', pl],
  ['et', et],
] as const)('the %s interface strings', (language, messages) => {
  const allowed = new Set([...SAME_AS_ENGLISH, ...LOANWORDS[language]]);
  const translated = leaves(messages);

  it('has exactly the English keys', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keeps every interpolation placeholder', () => {
    for (const [key, text] of english) {
      const placeholders = text.match(/\{\{\w+\}\}/g) ?? [];
      for (const placeholder of placeholders) expect(translated.get(key), key).toContain(placeholder);
    }
  });

  it('leaves no string in English', () => {
    const untranslated = [...english].filter(
      ([key, text]) =>
        !allowed.has(key) &&
        translated.get(key) === text &&
        /[a-z]{3}/.test(text.replace(/\{\{\w+\}\}/g, '')),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});
