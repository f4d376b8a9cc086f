import type { TrainingSession, TrainingSessionSummary, TrainingTurn } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import {
  angerChange,
  angerWord,
  answeredTurns,
  groupSessions,
  languagesFirst,
  openTurn,
  practiceCoachContext,
  skillOf,
  unwrapLines,
} from './training-logic.ts';

const turn = (customer: string, reply: string | null, angerBefore = 3): TrainingTurn => ({
  customer,
  angerBefore,
  reply,
  coaching: null,
  worked: [],
  missed: [],
  modelAnswer: null,
  angerAfter: reply === null ? null : angerBefore - 1,
});

const summary = (id: string, status: TrainingSessionSummary['status']): TrainingSessionSummary => ({
  id,
  scenarioId: 'late-refund',
  scenarioTitle: 'Late refund',
  language: 'en',
  persona: 'refund_seeker',
  user: { id: 'u1', name: 'Anna Nowak' },
  assignedBy: status === 'assigned' ? { id: 'u2', name: 'Sebastian Kierownik' } : null,
  status,
  anger: 3,
  score: null,
  practise: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  startedAt: null,
  endedAt: null,
});

describe('languagesFirst', () => {
  it('puts the interface language first and keeps the others in the product order', () => {
    expect(languagesFirst('et')).toEqual(['et', 'pl', 'en']);
    expect(languagesFirst('en')).toEqual(['en', 'pl', 'et']);
    expect(languagesFirst('pl')).toEqual(['pl', 'et', 'en']);
  });

  it('keeps the product order for an interface language no scenario is written in', () => {
    expect(languagesFirst('de')).toEqual(['pl', 'et', 'en']);
  });
});

describe('the anger meter words', () => {
  it('gives each step of 0–5 its own word, and clamps anything outside', () => {
    expect([0, 1, 2, 3, 4, 5].map(angerWord)).toEqual([
      'calm',
      'irritated',
      'upset',
      'angry',
      'furious',
      'explosive',
    ]);
    expect(angerWord(-1)).toBe('calm');
    expect(angerWord(9)).toBe('explosive');
  });

  it('says which way a reply moved the customer, and nothing before there is an answer', () => {
    expect(angerChange(4, 2)).toBe('calmer');
    expect(angerChange(2, 2)).toBe('same');
    expect(angerChange(2, 5)).toBe('angrier');
    expect(angerChange(2, null)).toBeNull();
  });
});

describe('skillOf', () => {
  it('names elements and findings by the keys the case page coach uses', () => {
    expect(skillOf('deadline')).toEqual({ kind: 'element', key: 'element.deadline' });
    expect(skillOf('excuse')).toEqual({ kind: 'finding', key: 'rule.excuse' });
    expect(skillOf('informal_address')).toEqual({ kind: 'finding', key: 'rule.informal_address' });
  });

  it('knows no skill outside the coach vocabulary', () => {
    expect(skillOf('set_boundary')).toBeNull();
  });
});

describe('the turns of a session', () => {
  const session: Pick<TrainingSession, 'turns' | 'status'> = {
    status: 'active',
    turns: [turn('Where is my refund?', 'I am sorry…'), turn('That is not enough.', null, 2)],
  };

  it('separates the answered turns from the message waiting for a reply', () => {
    expect(answeredTurns(session).map((t) => t.customer)).toEqual(['Where is my refund?']);
    expect(openTurn(session)?.customer).toBe('That is not enough.');
  });

  it('has nothing waiting once the session ended', () => {
    expect(openTurn({ ...session, status: 'lost' })).toBeNull();
  });
});

describe('groupSessions', () => {
  it('splits a person’s sessions into assigned, running and ended, keeping the order', () => {
    const groups = groupSessions([
      summary('a', 'assigned'),
      summary('b', 'resolved'),
      summary('c', 'active'),
      summary('d', 'assigned'),
      summary('e', 'lost'),
      summary('f', 'escalated'),
    ]);
    expect(groups.assigned.map((s) => s.id)).toEqual(['a', 'd']);
    expect(groups.active.map((s) => s.id)).toEqual(['c']);
    expect(groups.ended.map((s) => s.id)).toEqual(['b', 'e', 'f']);
  });
});

describe('practiceCoachContext', () => {
  it('gives the live coach the message being answered, analysed in the scenario language, and the trainee’s name', () => {
    const context = practiceCoachContext(
      {
        language: 'pl',
        turns: [
          turn('Dzień dobry, chciałabym zapytać o termin.', 'Dzień dobry…'),
          turn('Jesteście oszustami! Oddajcie pieniądze NATYCHMIAST!', null),
        ],
      },
      'Anna Nowak',
    );
    expect(context.lang).toBe('pl');
    expect(context.agentName).toBe('Anna Nowak');
    expect(context.customer?.map((a) => a.level)).toEqual([expect.stringMatching(/angry|hostile/)]);
    expect(context.customer?.[0]?.flags).toEqual(expect.arrayContaining(['insult', 'refund_demand']));
  });
});

describe('unwrapLines', () => {
  it('joins the lines an author wrapped inside a sentence, and keeps the sign-off on its own line', () => {
    const model =
      'Dzień dobry, Pani Karolino, rozumiem, że zadatek mógł Panią zaskoczyć – tym bardziej że jest Pani z nami od lat\n' +
      'i bardzo to doceniamy. Sprawdzę wolne terminy,\nzanim zadzwonię.\nPozdrawiam, Ewa z recepcji, tel. 600 123 456\n';
    expect(unwrapLines(model)).toBe(
      'Dzień dobry, Pani Karolino, rozumiem, że zadatek mógł Panią zaskoczyć – tym bardziej że jest Pani z nami od lat ' +
        'i bardzo to doceniamy. Sprawdzę wolne terminy, zanim zadzwonię.\nPozdrawiam, Ewa z recepcji, tel. 600 123 456',
    );
  });

  it('keeps a greeting on its own line and a paragraph break as it is', () => {
    expect(unwrapLines('Dzień dobry,\nPani Karolino, przepraszam.\n\nAnna')).toBe(
      'Dzień dobry,\nPani Karolino, przepraszam.\n\nAnna',
    );
    expect(unwrapLines('Tere, Kadri!\nSaan aru')).toBe('Tere, Kadri!\nSaan aru');
  });
});
