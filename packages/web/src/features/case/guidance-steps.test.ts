import { analyzeMessage, guide, type Step } from '@calmdesk/analysis/core';
import { describe, expect, it } from 'vitest';
import { distinctSteps } from './guidance-steps.ts';

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
