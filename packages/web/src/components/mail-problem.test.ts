import { CONNECTION_PROBLEMS, DELIVERY_PROBLEMS, MAIL_PROBLEMS } from '@calmdesk/contracts/enums';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { et } from '../i18n/et.ts';
import { pl } from '../i18n/pl.ts';
import { mailProblemKeys } from './mail-problem.tsx';

function lookUp(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

const KEYS = [
  ...CONNECTION_PROBLEMS.map(mailProblemKeys.mailbox),
  ...MAIL_PROBLEMS.map(mailProblemKeys.mail),
  ...DELIVERY_PROBLEMS.map(mailProblemKeys.delivery),
];

describe('the mail problem sentences', () => {
  it.each([
    ['pl', pl],
    ['et', et],
    ['en', en],
  ] as const)('says every problem code of a mailbox, a received mail and a delivery in %s', (_, messages) => {
    const missing = KEYS.filter((key) => {
      const text = lookUp(messages, key);
      return typeof text !== 'string' || text.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('says each code in Polish and Estonian in their own words, not in English', () => {
    for (const key of KEYS) {
      expect(lookUp(pl, key), key).not.toBe(lookUp(en, key));
      expect(lookUp(et, key), key).not.toBe(lookUp(en, key));
    }
  });

  it('gives each code of one kind its own sentence', () => {
    for (const messages of [pl, et, en]) {
      for (const [kind, codes] of [
        ['mailbox', CONNECTION_PROBLEMS],
        ['mail', MAIL_PROBLEMS],
        ['delivery', DELIVERY_PROBLEMS],
      ] as const) {
        const keyOf = mailProblemKeys[kind] as (code: string) => string;
        const sentences = codes.map((code) => lookUp(messages, keyOf(code)));
        expect(new Set(sentences).size, kind).toBe(codes.length);
      }
    }
  });
});
