import { createAnalyzer } from '../analyze/analyze-message.ts';
import { hasDateExpression } from '../commitments/extract-commitments.ts';
import { PACKS } from '../lang/index.ts';
import { compileMatcher, type Matcher } from '../text/terms.ts';
import { type Range, type Token, tokenize } from '../text/tokenize.ts';
import type { Advice, Analysis, CoachContext, Coaching, Finding, Severity } from '../types.ts';
import { type CoachRule, ELEMENTS, type Element, type Lang, type ProblemCategory } from '../vocabulary.ts';
import type { AdviceRule, CoachPack } from './coach-pack.ts';
import { COACH_PACKS } from './packs.ts';

/**
 * The severity of each rule. `block` refuses the send (a supervisor may override): abuse of a
 * customer is never acceptable. The rest warn or hint, because context can excuse them.
 */
export const SEVERITY: Record<CoachRule, Severity> = {
  hostility: 'block',
  arguing: 'warn',
  blaming: 'warn',
  condescension: 'warn',
  impossible_promise: 'warn',
  informal_address: 'warn',
  shouting: 'warn',
  excuse: 'hint',
};

/** The score starts at 100; each finding, piece of advice and missing element takes this much. */
export const PENALTY = {
  block: 40,
  warn: 15,
  hint: 6,
  missing: { empathy: 8, apology: 6, next_step: 12, deadline: 8, owner: 6 } satisfies Record<Element, number>,
};

type Rule = Exclude<CoachRule, 'hostility' | 'shouting'>;

interface CompiledCoach {
  pack: CoachPack;
  findings: Matcher<Rule>;
  elements: Matcher<Exclude<Element, 'deadline'>>;
  boundary: Matcher<true>;
  liability: Matcher<true>;
  cashRefund: Matcher<true>;
  problems: Matcher<ProblemCategory>;
}

const analyze = createAnalyzer({ packs: PACKS });
const compiled = new Map<Lang, CompiledCoach>();
const PERCENT_100 = /\b100\s?%|\bsto procent|\bsada protsent|\bhundred per ?cent/iu;
const ABUSE = new Set(['profanity', 'insult', 'threat_violence']);

function compiledFor(lang: Lang): CompiledCoach {
  let result = compiled.get(lang);
  if (!result) {
    const pack = COACH_PACKS[lang];
    const { inflect } = PACKS[lang];
    const entries = <K extends string>(record: Record<K, string[]>) =>
      (Object.entries(record) as [K, string[]][]).map(([payload, terms]) => ({ terms, payload }));
    const single = (terms: string[]) => compileMatcher([{ terms, payload: true as const }], { inflect });
    result = {
      pack,
      findings: compileMatcher(entries(pack.findings), { inflect }),
      elements: compileMatcher(entries(pack.elements), { inflect }),
      boundary: single(pack.boundary),
      liability: single(pack.liability),
      cashRefund: single(pack.cashRefund),
      problems: compileMatcher(
        PACKS[lang].problems.map((p) => ({ terms: p.terms, except: p.except, payload: p.category })),
        { inflect },
      ),
    };
    compiled.set(lang, result);
  }
  return result;
}

/** Quoted words (the customer's own, or a quoted mail) are not the agent's: no finding there. */
function quotedRanges(draft: string): Range[] {
  const ranges: Range[] = [];
  for (const m of draft.matchAll(/[„"“«][^„"“”«»\n]{0,300}[”"»]|^>.*$/gmu)) {
    ranges.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return ranges;
}

function languageOf(draft: string, context: CoachContext): Lang {
  if (context.lang) return context.lang;
  const detected = analyze(draft).lang;
  if (detected !== 'und') return detected;
  const customer = context.customer?.findLast((a) => a.lang !== 'und')?.lang;
  return customer && customer !== 'und' ? customer : 'en';
}

function matchCase(original: string, replacement: string): string {
  const first = original.charAt(0);
  return first !== first.toLowerCase()
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;
}

function sentenceCase(shouted: string): string {
  const calm = shouted.toLowerCase().replace(/[!?]{2,}/gu, '.');
  return calm.charAt(0).toUpperCase() + calm.slice(1);
}

/** A concrete rewrite of the span where the rule allows one, else the pack's better wording. */
function suggestionFor(rule: CoachRule, text: string, pack: CoachPack): string {
  if (rule === 'informal_address') {
    const formal = pack.formal[text.toLowerCase()];
    if (formal) return matchCase(text, formal);
  }
  if (rule === 'shouting') return sentenceCase(text);
  return pack.explain[rule].suggestion;
}

function finding(rule: CoachRule, start: number, end: number, draft: string, pack: CoachPack): Finding {
  const text = draft.slice(start, end);
  return {
    rule,
    severity: SEVERITY[rule],
    start,
    end,
    text,
    why: pack.explain[rule].why,
    suggestion: suggestionFor(rule, text, pack),
  };
}

function findingsOf(
  draft: string,
  tokens: Token[],
  lang: Lang,
  coach: CompiledCoach,
  draftAnalysis: Analysis,
): Finding[] {
  const quoted = quotedRanges(draft);
  const outsideQuotes = (start: number, end: number) => !quoted.some((q) => start >= q.start && end <= q.end);
  const found: Finding[] = [];
  for (const m of coach.findings.find(tokens)) {
    if (m.payload === 'informal_address' && lang === 'en') continue;
    if (outsideQuotes(m.start, m.end)) found.push(finding(m.payload, m.start, m.end, draft, coach.pack));
  }
  for (const m of draft.matchAll(new RegExp(PERCENT_100.source, 'giu'))) {
    const start = m.index ?? 0;
    found.push(finding('impossible_promise', start, start + m[0].length, draft, coach.pack));
  }
  for (const e of draftAnalysis.evidence) {
    if (!outsideQuotes(e.start, e.end)) continue;
    if (ABUSE.has(e.flag)) found.push(finding('hostility', e.start, e.end, draft, coach.pack));
    else if (e.flag === 'shouting') found.push(finding('shouting', e.start, e.end, draft, coach.pack));
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  mergeShouting(found, draft);
  // One finding per rule and place: overlapping terms of the same rule would only repeat it.
  return found.filter(
    (f, i) => !found.slice(0, i).some((o) => o.rule === f.rule && o.start < f.end && f.start < o.end),
  );
}

/** A shouted sentence is one finding, not one per capitalised word. */
function mergeShouting(found: Finding[], draft: string): void {
  for (let i = found.length - 1; i > 0; i--) {
    const current = found[i] as Finding;
    const previous = found.slice(0, i).findLast((f) => f.rule === 'shouting');
    if (current.rule !== 'shouting' || !previous) continue;
    const between = draft.slice(previous.end, current.start);
    if (between.length <= 4 && !/\p{Ll}/u.test(between)) {
      previous.end = Math.max(previous.end, current.end);
      previous.text = draft.slice(previous.start, previous.end);
      previous.suggestion = sentenceCase(previous.text);
      found.splice(i, 1);
    }
  }
}

function elementsOf(
  draft: string,
  tokens: Token[],
  coach: CompiledCoach,
  context: CoachContext,
  lang: Lang,
): Set<Element> {
  const has = new Set<Element>(coach.elements.find(tokens).map((m) => m.payload));
  if (hasDateExpression(draft, lang)) has.add('deadline');
  const contact = /\+?\d[\d\s-]{7,}\d|[\w.+-]+@[\w-]+\.[\w.]+/u.test(draft);
  const named = context.agentName ? draft.toLowerCase().includes(context.agentName.toLowerCase()) : false;
  if (contact || named) has.add('owner');
  return has;
}

function adviceOf(tokens: Token[], coach: CompiledCoach, context: CoachContext): Advice[] {
  const advice: Advice[] = [];
  const add = (rule: AdviceRule, severity: Severity, suggestion = coach.pack.advice[rule].suggestion) =>
    advice.push({ rule, severity, why: coach.pack.advice[rule].why, suggestion });
  const customer = context.customer ?? [];
  const abusive = customer.some((a) => a.level === 'hostile' || a.flags.some((f) => ABUSE.has(f)));
  if (abusive && coach.boundary.find(tokens).length === 0) add('set_boundary', 'hint');
  if (context.fault !== undefined && context.fault !== 'ours' && coach.liability.find(tokens).length > 0)
    add('liability', 'warn');
  const preferred = context.policy?.prefer ?? [];
  if (preferred.length > 0 && !context.statutoryRefund && coach.cashRefund.find(tokens).length > 0)
    add('compensation_policy', 'hint');
  const raised = new Set(customer.flatMap((a) => a.problems.map((p) => p.category)));
  const raisedCount = Math.max(raised.size, context.problems ?? 0);
  if (raisedCount >= 2) {
    const addressed = new Set(coach.problems.find(tokens).map((m) => m.payload));
    const missing = [...raised].filter((category) => !addressed.has(category));
    if (addressed.size < raisedCount) {
      const list = missing.length > 0 ? ` (${missing.join(', ')})` : '';
      add('unaddressed_problems', 'warn', `${coach.pack.advice.unaddressed_problems.suggestion}${list}`);
    }
  }
  return advice;
}

function scoreOf(
  findings: readonly Finding[],
  advice: readonly Advice[],
  missing: readonly Element[],
): number {
  let score = 100;
  for (const f of findings) score -= PENALTY[f.severity];
  for (const a of advice) score -= PENALTY[a.severity];
  for (const element of missing) score -= PENALTY.missing[element];
  return Math.max(0, Math.min(100, score));
}

/**
 * Checks an agent's draft reply before it is sent: findings with spans, why and a better wording;
 * the good elements it has and lacks; advice from the case; a score.
 * @example coachReply('Nie ma Pan racji.', { lang: 'pl' }).findings[0]?.rule // 'arguing'
 */
export function coachReply(draft: string, context: CoachContext = {}): Coaching {
  const text = typeof draft === 'string' ? draft : String(draft ?? '');
  const lang = languageOf(text, context);
  const coach = compiledFor(lang);
  const tokens = tokenize(text);
  const findings = findingsOf(text, tokens, lang, coach, analyze(text, { lang }));
  const has = elementsOf(text, tokens, coach, context, lang);
  // An apology is due when the case is ours or unknown and the customer is upset; it is not owed by default.
  const apologyDue = context.fault === 'ours' || (context.customer ?? []).some((a) => a.level !== 'calm');
  const expected = ELEMENTS.filter((e) => e !== 'apology' || apologyDue);
  const missing = expected.filter((e) => !has.has(e));
  const advice = adviceOf(tokens, coach, context);
  return {
    lang,
    score: scoreOf(findings, advice, missing),
    findings,
    has: ELEMENTS.filter((e) => has.has(e)),
    missing,
    advice,
  };
}
