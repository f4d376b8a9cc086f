// @vitest-environment happy-dom
import { analyzeMessage, coachReply, guide, type Lang, type Step } from '@calmdesk/analysis/core';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  type Coverage,
  coverageOf,
  distinctSteps,
  isSaidByCoach,
  NO_COVERAGE,
  splitByDraft,
  useCoverage,
} from './guidance-steps.ts';

describe('distinctSteps', () => {
  it('offers a phrase once, with the first step that gives it', () => {
    const steps = [
      {
        action: 'let_vent',
        title: 'Let them vent',
        why: 'a',
        source: '002',
        phrases: ['I hear you.', 'Go on.'],
      },
      {
        action: 'acknowledge',
        title: 'Acknowledge',
        why: 'b',
        source: '003',
        phrases: ['I hear  you.', 'I see.'],
      },
    ] as const;
    expect(
      distinctSteps(steps.map((s) => ({ ...s, phrases: [...s.phrases] }))).map((s) => s.phrases),
    ).toEqual([['I hear you.', 'Go on.'], ['I see.']]);
  });

  it('drops a step whose advice an earlier step already gave', () => {
    const step: Step = {
      action: 'commit',
      title: 'Say what happens next',
      why: 'w',
      source: '002',
      phrases: [],
    };
    expect(
      distinctSteps([step, { ...step, action: 'keep_commitment', title: 'say what happens  NEXT' }]),
    ).toHaveLength(1);
  });

  it('leaves no phrase twice in the guidance for an angry Polish customer', () => {
    const shown = distinctSteps(
      guide({
        lang: 'pl',
        inbound: [analyzeMessage('Jesteście oszustami! Trzeci raz piszę, oddajcie pieniądze!')],
      }),
    );
    const phrases = shown.flatMap((s) => s.phrases);
    expect(phrases.length).toBeGreaterThan(0);
    expect(new Set(phrases).size).toBe(phrases.length);
  });
});

/** An insulting customer with a refund demand, a complete reply, and an apology that makes an excuse. */
const CASES: Record<Lang, { customer: string; complete: string; excuse: string }> = {
  pl: {
    customer:
      'Jesteście idiotami! Kolor wyszedł fioletowy, a do tego kazaliście mi czekać godzinę. Oddajcie pieniądze!',
    complete:
      'Rozumiem Pani zdenerwowanie i bardzo przepraszam. Sprawdzę sprawę i oddzwonię jutro do 16:00. Anna Nowak, tel. 600 100 200',
    excuse: 'Przepraszamy, ale to wina kuriera.',
  },
  et: {
    customer: 'Te olete idioodid! Värv tuli lilla ja pidin tund aega ootama. Tahan raha tagasi!',
    complete:
      'Saan aru, et olete pahane, ja vabandan väga. Kontrollin asja ja helistan teile homme kella 16:00-ks. Anna Nowak, tel 5123 4567',
    excuse: 'Vabandame, aga see on kulleri süü.',
  },
  en: {
    customer: 'You idiots! The colour came out purple and I had to wait an hour. I want my money back!',
    complete:
      'I understand you are upset and I am very sorry. I will check this and call you back tomorrow by 16:00. Anna Nowak, tel. 600 100 200',
    excuse: 'Sorry, but the courier is to blame.',
  },
};

describe('splitByDraft', () => {
  for (const [lang, texts] of Object.entries(CASES) as Array<[Lang, (typeof CASES)[Lang]]>) {
    const inbound = [analyzeMessage(texts.customer, { lang })];
    const steps = distinctSteps(guide({ lang, inbound, fault: 'ours' }));
    const coverage = (draft: string) =>
      coverageOf(coachReply(draft, { lang, customer: inbound, fault: 'ours', agentName: 'Anna Nowak' }));
    const doneOf = (draft: string) => splitByDraft(steps, coverage(draft)).done.map((s) => s.action);
    const openStep = (draft: string, action: Step['action']) =>
      splitByDraft(steps, coverage(draft)).open.find((s) => s.action === action);

    it(`keeps the boundary step open with its phrases while the coach also says it, before a word is written (${lang})`, () => {
      const empty = coverage('');
      expect(empty.said).toContain('set_boundary');
      expect(isSaidByCoach('set_boundary', empty)).toBe(true);
      expect(openStep('', 'set_boundary')?.phrases.length).toBeGreaterThan(0);
      expect(doneOf('')).toEqual([]);
    });

    it(`folds empathy, the apology and the next step with its time and name once the draft has them (${lang})`, () => {
      expect(coverage(texts.complete).has).toEqual(['empathy', 'apology', 'next_step', 'deadline', 'owner']);
      expect(doneOf(texts.complete)).toEqual(expect.arrayContaining(['acknowledge', 'apologise', 'commit']));
      const open = splitByDraft(steps, coverage(texts.complete)).open.map((s) => s.action);
      expect(open).toEqual(expect.arrayContaining(['let_vent', 'propose_solution']));
      const split = splitByDraft(steps, coverage(texts.complete));
      expect(split.open.length + split.done.length).toBe(steps.length);
    });

    it(`keeps "apologise" open with its phrases when the draft apologises with an excuse (${lang})`, () => {
      const excuse = coverage(texts.excuse);
      expect(excuse.said).toContain('excuse');
      expect(excuse.has).toContain('apology');
      expect(doneOf(texts.excuse)).not.toContain('apologise');
      expect(isSaidByCoach('apologise', excuse)).toBe(true);
      expect(openStep(texts.excuse, 'apologise')?.phrases.length).toBeGreaterThan(0);
    });
  }
});

const stepFor = (action: Step['action']): Step => ({
  action,
  title: action,
  why: 'w',
  source: '001',
  phrases: ['p'],
});

describe('the coach and the draft against each step', () => {
  const none: Coverage = { said: [], has: [] };

  it('takes a promise as kept once the draft apologises and names a time, not before', () => {
    const keep = [stepFor('keep_commitment')];
    expect(splitByDraft(keep, { said: [], has: ['apology', 'deadline'] }).done).toEqual(keep);
    expect(splitByDraft(keep, { said: [], has: ['apology'] }).done).toEqual([]);
    expect(isSaidByCoach('keep_commitment', { said: ['excuse'], has: [] })).toBe(false);
  });

  const saidOnly: Array<[Step['action'], Coverage['said'][number]]> = [
    ['let_vent', 'arguing'],
    ['list_problems_back', 'unaddressed_problems'],
    ['verify', 'liability'],
    ['propose_solution', 'compensation_policy'],
  ];
  for (const [action, rule] of saidOnly) {
    it(`keeps "${action}" open with its phrases, marked as said by the coach, when the coach raises ${rule}`, () => {
      const step = stepFor(action);
      const said: Coverage = { said: [rule], has: ['empathy', 'apology', 'next_step', 'deadline', 'owner'] };
      expect(splitByDraft([step], said)).toEqual({ open: [step], done: [] });
      expect(isSaidByCoach(action, said)).toBe(true);
      expect(isSaidByCoach(action, none)).toBe(false);
      expect(isSaidByCoach(action, { said: ['set_boundary'], has: [] })).toBe(false);
    });
  }
});

describe('useCoverage', () => {
  const inbound = [analyzeMessage(CASES.en.customer, { lang: 'en' })];
  const coach = (draft: string) => coachReply(draft, { lang: 'en', customer: inbound, fault: 'ours' });

  it('keeps the same coverage while more words change nothing the guidance reads, and a new one when they do', () => {
    const { result, rerender } = renderHook(({ draft }) => useCoverage(coach(draft)), {
      initialProps: { draft: 'I understand' },
    });
    const first = result.current;
    rerender({ draft: 'I understand you' });
    expect(result.current).toBe(first);
    rerender({ draft: CASES.en.complete });
    expect(result.current).not.toBe(first);
    expect(result.current.has).toContain('deadline');
  });

  it('has no coverage when no reply is coached', () => {
    const { result } = renderHook(() => useCoverage(null));
    expect(result.current).toBe(NO_COVERAGE);
  });
});
