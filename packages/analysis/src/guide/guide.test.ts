import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../index.ts';
import { guide } from './guide.ts';

const actions = (...args: Parameters<typeof guide>) => guide(...args).map((s) => s.action);

describe('guide', () => {
  it('puts a boundary and escalation first for abuse with a threat', () => {
    const inbound = [
      analyzeMessage('Jesteście złodziejami, przyjdę i rozwalę wam ten salon!', { lang: 'pl' }),
    ];
    expect(actions({ lang: 'pl', inbound }).slice(0, 2)).toEqual(['set_boundary', 'escalate']);
  });

  it('lets an angry customer vent first and lists several problems back', () => {
    const inbound = [
      analyzeMessage('Paczka uszkodzona, faktura zła, a na infolinii nikt nie odbiera! Skandal!', {
        lang: 'pl',
      }),
    ];
    const steps = actions({ lang: 'pl', inbound, repliesSent: 0 });
    expect(steps).toEqual(
      expect.arrayContaining(['let_vent', 'acknowledge', 'list_problems_back', 'commit']),
    );
  });

  it('asks for specifics and the earlier correspondence on a late unspecific refund demand', () => {
    const inbound = [analyzeMessage('Nie jestem zadowolona, proszę o zwrot pieniędzy.', { lang: 'pl' })];
    const steps = actions({ lang: 'pl', inbound, earlierSatisfied: true });
    expect(steps).toEqual(expect.arrayContaining(['review_history', 'ask_specifics']));
  });

  it('keeps an overdue promise before anything else we say', () => {
    const inbound = [analyzeMessage('Where is the call you promised?', { lang: 'en' })];
    expect(actions({ lang: 'en', inbound, overdueCommitments: 1 })[0]).toBe('keep_commitment');
  });

  it('speaks the customer’s language, cites a seed and offers phrases', () => {
    const inbound = [analyzeMessage('Te olete petised!', { lang: 'et' })];
    const [first] = guide({ lang: 'et', inbound });
    expect(first?.title).toBe('Sea rahulik piir');
    expect(first?.source).toMatch(/00\d/);
    expect(first?.phrases.length).toBeGreaterThan(0);
  });

  it('suggests nothing for an empty case', () => {
    expect(guide({ lang: 'pl', inbound: [] })).toEqual([]);
  });
});
