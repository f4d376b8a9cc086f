import type { CoachContext, Lang } from '@calmdesk/analysis';
import { analyzeMessage, COACH_RULES, ELEMENTS } from '@calmdesk/analysis/core';
import type {
  TrainingOutcome,
  TrainingSession,
  TrainingSessionSummary,
  TrainingTurn,
} from '@calmdesk/contracts';
import { LANGS } from '@calmdesk/contracts/enums';

/** The scenario languages with the interface language first, the rest in the product's order. */
export function languagesFirst(uiLanguage: string): Lang[] {
  const first = LANGS.find((lang) => lang === uiLanguage);
  return first ? [first, ...LANGS.filter((lang) => lang !== first)] : [...LANGS];
}

/** The six steps of a customer's anger, 0 … 5, as the words the meter shows (`training.anger.*`). */
export const ANGER_WORDS = ['calm', 'irritated', 'upset', 'angry', 'furious', 'explosive'] as const;
export type AngerWord = (typeof ANGER_WORDS)[number];

export function angerWord(anger: number): AngerWord {
  return ANGER_WORDS[Math.min(ANGER_WORDS.length - 1, Math.max(0, Math.round(anger)))] ?? 'calm';
}

/** Which way a reply moved the customer: the meter's words for it. */
export function angerChange(before: number, after: number | null): 'calmer' | 'same' | 'angrier' | null {
  if (after === null) return null;
  return after < before ? 'calmer' : after > before ? 'angrier' : 'same';
}

/**
 * A scenario's text as sentences: where its author wrapped a long line inside a sentence the break becomes
 * a space; a break after a sentence's end, or after a greeting's comma before a capital ("Dzień dobry,"
 * / "Pani Karolino"), stays, so a sign-off keeps its own line.
 */
export function unwrapLines(text: string): string {
  return text.trim().replace(/(\S)[ \t]*\n(?=(\S))/g, (whole, before: string, after: string) => {
    if ('.!?:…'.includes(before)) return whole;
    if (before === ',' && after !== after.toLowerCase()) return whole;
    return `${before} `;
  });
}

export type SkillKind = 'element' | 'finding';

/**
 * The coach's own vocabulary for a skill code, so training names it exactly as the case page's coach
 * does: an element (`element.*`, a good thing a reply has) or a finding (`rule.*`, a problem in it).
 */
export function skillOf(code: string): { kind: SkillKind; key: string } | null {
  if ((ELEMENTS as readonly string[]).includes(code)) return { kind: 'element', key: `element.${code}` };
  if ((COACH_RULES as readonly string[]).includes(code)) return { kind: 'finding', key: `rule.${code}` };
  return null;
}

/** The turns the trainee has answered, in order; the open one (reply still null) is left out. */
export function answeredTurns(session: Pick<TrainingSession, 'turns'>): TrainingTurn[] {
  return session.turns.filter((turn) => turn.reply !== null);
}

/** The customer's message waiting for a reply, while the session runs. */
export function openTurn(session: Pick<TrainingSession, 'turns' | 'status'>): TrainingTurn | null {
  if (session.status !== 'active') return null;
  const last = session.turns.at(-1);
  return last && last.reply === null ? last : null;
}

export function isEnded(status: TrainingSessionSummary['status']): status is TrainingOutcome {
  return status === 'resolved' || status === 'escalated' || status === 'lost';
}

/** A person's sessions as the training page groups them: waiting to be started, running, ended. */
export function groupSessions(sessions: readonly TrainingSessionSummary[]) {
  return {
    assigned: sessions.filter((s) => s.status === 'assigned'),
    active: sessions.filter((s) => s.status === 'active'),
    ended: sessions.filter((s) => isEnded(s.status)),
  };
}

/**
 * The context the live coach checks a practice reply in, as the server coaches it: the customer's message
 * being answered, analysed in the scenario's language, and the trainee's name.
 */
export function practiceCoachContext(
  session: Pick<TrainingSession, 'turns' | 'language'>,
  agentName: string | undefined,
): CoachContext {
  const answering = session.turns.at(-1);
  return {
    lang: session.language,
    customer: answering ? [analyzeMessage(answering.customer, { lang: session.language })] : [],
    ...(agentName ? { agentName } : {}),
  };
}
