import { analyzeMessage, coachReply } from '@calmdesk/analysis';
import { beforeAll, describe, expect, it } from 'vitest';
import { coachContextFor, judgeReply, practiseOf, sessionScore } from './practice.ts';
import type { ScenarioFile } from './scenario-format.ts';
import { allScenarios, graphProblems, parseScenario } from './scenarios.ts';

const SCENARIOS = allScenarios();
const TRAINEE = 'Kim Trainee';

// The engine compiles each language's matchers on first use: seconds on a busy machine, paid once here.
beforeAll(() => {
  for (const lang of ['pl', 'et', 'en'] as const) coachReply('Rozumiem. Saan aru. I understand.', { lang });
}, 60_000);

describe('the training scenarios', () => {
  it.each(['pl', 'et', 'en'] as const)(
    'has at least eight scenarios in %s, with every persona named once at most',
    (lang) => {
      const own = SCENARIOS.filter((s) => s.language === lang);
      expect(own.length).toBeGreaterThanOrEqual(8);
      expect(new Set(own.map((s) => s.persona)).size).toBe(own.length);
    },
  );

  describe.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const states = Object.entries(scenario.states);

    it('reaches every state and ends on every path', () => {
      expect(graphProblems(scenario)).toEqual([]);
      expect(scenario.turnsAtMost).toBeGreaterThanOrEqual(2);
    });

    it('writes every customer message in its language, as our engine reads it', () => {
      for (const [, state] of states) expect(analyzeMessage(state.customer).lang).toBe(scenario.language);
      expect(analyzeMessage(scenario.situation).lang).toBe(scenario.language);
    });

    it.each(states)(
      'answers "%s" with a model the coach finds nothing against and every element it expects',
      (_state, state) => {
        const coaching = coachReply(state.model, coachContextFor(scenario, state.customer, TRAINEE));
        expect(coaching.lang).toBe(scenario.language);
        expect(analyzeMessage(state.model).lang).toBe(scenario.language);
        expect(coaching.findings.map((f) => `${f.rule}: ${f.text}`)).toEqual([]);
        expect(state.expect.filter((e) => !coaching.has.includes(e))).toEqual([]);
      },
    );

    it('moves the customer along the good branch when the trainee gives the model answer', () => {
      for (const [id, state] of states) {
        const judged = judgeReply(scenario, id, state.model, TRAINEE);
        expect(judged.next).toEqual(
          ['resolved', 'escalated', 'lost'].includes(state.good)
            ? { ending: state.good }
            : { state: state.good },
        );
        expect(judged.turn.missed).toEqual([]);
      }
    });
  });
});

const TINY: ScenarioFile = {
  id: 'en-tiny',
  language: 'en',
  title: 'Tiny',
  persona: 'impatient',
  situation: 'A test.',
  start: 'a',
  states: {
    a: {
      anger: 3,
      customer: 'Where is it?',
      expect: ['next_step'],
      model: 'I will check.',
      good: 'resolved',
      bad: 'b',
    },
    b: {
      anger: 4,
      customer: 'Still waiting!',
      expect: ['next_step'],
      model: 'I will check.',
      good: 'resolved',
      bad: 'lost',
    },
  },
};

describe('the scenario checks', () => {
  it('names a loop, a state never reached and a branch leading nowhere', () => {
    const looped = { ...TINY, states: { ...TINY.states, b: { ...TINY.states.b, bad: 'a' } } } as ScenarioFile;
    expect(graphProblems(looped)).toEqual(['states loop: a → b → a (every path must end)']);
    const island = { ...TINY, states: { ...TINY.states, c: { ...TINY.states.a } } } as ScenarioFile;
    expect(graphProblems(island)).toEqual(['state "c" is never reached from "a"']);
    const nowhere = {
      ...TINY,
      states: { ...TINY.states, b: { ...TINY.states.b, good: 'happy' } },
    } as ScenarioFile;
    expect(graphProblems(nowhere)).toEqual([
      'state "b" leads to "happy", which is neither a state nor resolved/escalated/lost',
    ]);
  });

  it('refuses a file with an empty customer message, naming where', () => {
    const yaml = `id: en-tiny\nlanguage: en\ntitle: Tiny\npersona: impatient\nsituation: A test.\nstart: a\nstates:\n  a:\n    anger: 3\n    customer: "  "\n    expect: [next_step]\n    model: I will check.\n    good: resolved\n    bad: lost\n`;
    expect(() => parseScenario(yaml, 'tiny.yaml')).toThrow('scenario tiny.yaml: states.a.customer: is empty');
    expect(parseScenario(yaml.replace('"  "', 'Where is it?'), 'tiny.yaml').turnsAtMost).toBe(1);
  });

  it('counts the longest play-through in replies', () => {
    expect(parseScenario(JSON.stringify(TINY), 'tiny.yaml').turnsAtMost).toBe(2);
  });
});

describe('the practice engine', () => {
  const scenario = parseScenario(JSON.stringify(TINY), 'tiny.yaml');

  it('judges by what the coach saw: a blaming reply takes the bad branch and names the finding', () => {
    const judged = judgeReply(scenario, 'a', 'It is your fault, you should have read the terms.', TRAINEE);
    expect(judged.next).toEqual({ state: 'b' });
    expect(judged.turn.missed).toEqual(['blaming', 'next_step']);
    expect(judged.turn.angerAfter).toBe(4);
    expect(judged.turn.modelAnswer).toBe('I will check.');
  });

  it('loses the customer at once when the reply is hostile, whatever else it has', () => {
    const judged = judgeReply(scenario, 'a', 'I will check it, you idiot.', TRAINEE);
    expect(judged.next).toEqual({ ending: 'lost' });
    expect(judged.turn.missed).toContain('hostility');
    expect(judged.turn.angerAfter).toBe(5);
  });

  it('takes the partial branch when nothing is wrong but an expected element is missing', () => {
    const withPartial = parseScenario(
      JSON.stringify({ ...TINY, states: { ...TINY.states, a: { ...TINY.states.a, partial: 'escalated' } } }),
      'tiny.yaml',
    );
    const judged = judgeReply(withPartial, 'a', 'Thank you for your message.', TRAINEE);
    expect(judged.next).toEqual({ ending: 'escalated' });
    expect(judged.turn.missed).toEqual(['next_step']);
    expect(judged.turn.angerAfter).toBe(4);
  });

  it('gives the same turn for the same reply, every time', () => {
    const reply = 'I understand. I will check the order today and call you back by 4 pm.';
    expect(judgeReply(scenario, 'a', reply, TRAINEE)).toEqual(judgeReply(scenario, 'a', reply, TRAINEE));
  });

  it('scores a session from its coach scores and the ending, and lists what was missed most first', () => {
    const first = judgeReply(
      scenario,
      'a',
      'It is your fault, you should have read the terms.',
      TRAINEE,
    ).turn;
    const second = judgeReply(scenario, 'b', 'That is your own fault, not my fault.', TRAINEE).turn;
    const average = ((first.coaching?.score ?? 0) + (second.coaching?.score ?? 0)) / 2;
    expect(sessionScore([first, second], 'lost')).toBe(Math.round(0.7 * average));
    expect(sessionScore([first, second], 'resolved')).toBe(Math.round(0.7 * average + 30));
    expect(practiseOf([first, second])).toEqual([
      { skill: 'blaming', times: 2, of: 2 },
      { skill: 'next_step', times: 2, of: 2 },
      { skill: 'excuse', times: 1, of: 2 },
    ]);
  });
});
