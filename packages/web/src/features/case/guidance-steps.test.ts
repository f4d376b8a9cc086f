import { analyzeMessage, coachReply, guide, type Lang, type Step } from '@calmdesk/analysis/core';
import { describe, expect, it } from 'vitest';
import { distinctSteps, splitByCoach } from './guidance-steps.ts';

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

describe('splitByCoach', () => {
  for (const [lang, texts] of Object.entries(CASES) as Array<[Lang, (typeof CASES)[Lang]]>) {
    const inbound = [analyzeMessage(texts.customer, { lang })];
    const steps = distinctSteps(guide({ lang, inbound, fault: 'ours' }));
    const coach = (draft: string) =>
      coachReply(draft, { lang, customer: inbound, fault: 'ours', agentName: 'Anna Nowak' });
    const coverOf = (draft: string) =>
      Object.fromEntries(splitByCoach(steps, coach(draft)).covered.map(({ step, by }) => [step.action, by]));

    it(`folds the boundary step into the coach's own boundary advice before a word is written (${lang})`, () => {
      expect(coach('').advice.map((a) => a.rule)).toContain('set_boundary');
      const split = splitByCoach(steps, coach(''));
      expect(split.covered.map(({ step, by }) => [step.action, by])).toContainEqual([
        'set_boundary',
        'coach',
      ]);
      expect(split.open.map((s) => s.action)).not.toContain('set_boundary');
      expect(split.open.length + split.covered.length).toBe(steps.length);
    });

    it(`marks empathy, the apology and the next step with its time and name covered once the draft has them (${lang})`, () => {
      expect(coach(texts.complete).has).toEqual(['empathy', 'apology', 'next_step', 'deadline', 'owner']);
      expect(coverOf(texts.complete)).toMatchObject({
        acknowledge: 'draft',
        apologise: 'draft',
        commit: 'draft',
      });
      const open = splitByCoach(steps, coach(texts.complete)).open.map((s) => s.action);
      expect(open).toEqual(expect.arrayContaining(['let_vent', 'propose_solution']));
    });

    it(`leaves "apologise" to the coach's excuse finding when the draft apologises with an excuse (${lang})`, () => {
      const coaching = coach(texts.excuse);
      expect(coaching.findings.map((f) => f.rule)).toContain('excuse');
      expect(coaching.has).toContain('apology');
      expect(coverOf(texts.excuse).apologise).toBe('coach');
      expect(coverOf(texts.excuse).acknowledge).toBeUndefined();
    });
  }
});
