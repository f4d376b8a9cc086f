import { analyzeWithPacks as analyze, evidenceOfScanned } from '../analyze/packs-analyzer.ts';
import { resolveForms } from '../forms/resolve-forms.ts';
import { PACKS } from '../lang/index.ts';
import { type DraftLabel, isElement } from '../learned/draft-labels.ts';
import { hasThresholds, type LearnedAddition, learnedAdditions } from '../learned/merge.ts';
import type { Scorer } from '../learned/score.ts';
import { termKey } from '../text/fold.ts';
import { quotedInOriginal, type ReadableText, readableText } from '../text/readable.ts';
import { compileMatcher, type Match, type Matcher, payloadsOf, type TermEntry } from '../text/terms.ts';
import { type Range, scanText, type Token } from '../text/tokenize.ts';
import type { Advice, CoachContext, Coaching, Evidence, Finding, Severity } from '../types.ts';
import { type CoachRule, ELEMENTS, type Element, type Lang, type ProblemCategory } from '../vocabulary.ts';
import type { AdviceRule, CoachPack, FrameMakes } from './coach-pack.ts';
import { hasDeadline } from './deadline.ts';
import { COACH_PACKS } from './packs.ts';
import { matchAllPrefiltered, prefiltered } from './prefiltered.ts';
import { hasSignedName } from './signature.ts';

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
  shouting: 'block',
  excuse: 'hint',
};

/**
 * The severity of a finding the learned model added. It never blocks a send on its own: one in ten
 * of its additions may be wrong (it is calibrated to 90 % precision), it cannot point at the words
 * that decide as a rule does, and the browser's coach (the core build, no model) never showed it to
 * the agent while they wrote. A learned hostility or shouting therefore warns; the rest keep their
 * rule's severity.
 */
export function learnedSeverity(rule: CoachRule): Severity {
  return SEVERITY[rule] === 'block' ? 'warn' : SEVERITY[rule];
}

/** The score starts at 100; each finding, piece of advice and missing element takes this much. */
export const PENALTY = {
  block: 40,
  warn: 15,
  hint: 6,
  missing: { empathy: 8, apology: 6, next_step: 12, deadline: 8, owner: 6 } satisfies Record<Element, number>,
};

type Rule = Exclude<CoachRule, 'shouting'>;
type Named = Exclude<Element, 'deadline'>;

/** What each term of the coach is for, so that one matcher (one pass over the draft) holds them all. */
type Tagged =
  | { group: 'findings'; value: Rule }
  | { group: 'elements'; value: Named }
  | { group: 'frameThen' | 'frameLast'; value: number }
  | { group: 'boundary' | 'cashRefund'; value: true }
  | { group: 'liability' | 'negator'; value: true };

/** The draft's matches, by purpose, each list in token order. */
interface CoachMatches {
  findings: Match<Rule>[];
  elements: Match<Named>[];
  /** Frames' parts, by frame number. */
  firsts: Match<number>[];
  thens: Match<number>[];
  lasts: Match<number>[];
  boundary: boolean;
  liability: boolean;
  /**
   * The draft owns the failure: an admission of fault no negation takes back ("our fault", not "not
   * our fault"). A cause named beside it is an explanation, not an excuse.
   */
  owning: boolean;
  /** Fault denied ("not our fault", "to nie nasza wina", "see pole meie süü"): the deflection an excuse is. */
  deniedFault: Range[];
  cashRefund: boolean;
  /** A non-apology frame ("I understand, but …") took back the apology and empathy in it. */
  hasNonApology: boolean;
}

interface CompiledCoach {
  pack: CoachPack;
  find(tokens: readonly Token[]): CoachMatches;
  /**
   * The problems the draft names, in a matcher of their own: read only to tell whether a reply
   * addresses each of a case's problems, so built and run only for a case that raised two or more.
   */
  findProblems(tokens: readonly Token[]): ProblemCategory[];
}

const compiled = new Map<Lang, CompiledCoach>();
const PERCENT_100 = prefiltered(
  '\\b100\\s?%|\\bsto procent|\\bsada protsent|\\bhundred per ?cent',
  '100\\s?%|sto procent|sada protsent|hundred per ?cent',
  'iu',
);
// An e-mail address needs an `@`: only then is the costlier half of the contact pattern tried.
const PHONE = /\+?\d[\d\s-]{7,}\d/u;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/u;
const QUOTED = /[„"“«][^„"“”«»\n]{0,300}[”"»]|^>.*$/gmu;
const ABUSE = new Set(['profanity', 'insult', 'threat_violence']);

function taggedEntries(lang: Lang, pack: CoachPack): TermEntry<Tagged>[] {
  const tagged: TermEntry<Tagged>[] = [];
  for (const [value, terms] of Object.entries(pack.findings) as [Rule, string[]][])
    tagged.push({ terms, payload: { group: 'findings', value } });
  for (const [value, terms] of Object.entries(pack.elements) as [Named, string[]][])
    tagged.push({ terms, payload: { group: 'elements', value } });
  // A frame's first part (often a frequent word: "because", "you", "bo") is looked for only once
  // another of its parts was found.
  pack.frames.forEach((frame, value) => {
    tagged.push({ terms: frame.next, payload: { group: 'frameThen', value } });
    if (frame.last) tagged.push({ terms: frame.last, payload: { group: 'frameLast', value } });
  });
  for (const group of ['boundary', 'liability', 'cashRefund'] as const)
    tagged.push({ terms: pack[group], payload: { group, value: true } });
  tagged.push({ terms: PACKS[lang].cues.negators, payload: { group: 'negator', value: true } });
  return tagged;
}

function compiledFor(lang: Lang): CompiledCoach {
  let result = compiled.get(lang);
  if (!result) {
    const pack = COACH_PACKS[lang];
    const matcher = compileMatcher(taggedEntries(lang, pack), { inflect: PACKS[lang].inflect });
    let problemMatcher: Matcher<ProblemCategory> | null = null;
    let firstMatcher: Matcher<number> | null = null;
    /** The first parts of the frames whose then part the draft holds: no other first part can pair. */
    const firstsOf = (tokens: readonly Token[], thens: readonly Match<number>[]) => {
      firstMatcher ??= compileMatcher(
        pack.frames.map((frame, value) => ({ terms: frame.first, payload: value })),
        { inflect: PACKS[lang].inflect },
      );
      const framed = payloadsOf(thens);
      return firstMatcher.find(tokens, (frame) => framed.has(frame));
    };
    result = {
      pack,
      find(tokens) {
        const found: CoachMatches = {
          findings: [],
          elements: [],
          firsts: [],
          thens: [],
          lasts: [],
          boundary: false,
          liability: false,
          owning: false,
          deniedFault: [],
          cashRefund: false,
          hasNonApology: false,
        };
        const admissions: Match<Tagged>[] = [];
        const negators: Match<Tagged>[] = [];
        for (const match of matcher.find(tokens)) {
          const tag = match.payload;
          if (tag.group === 'liability') admissions.push(match);
          if (tag.group === 'negator') {
            negators.push(match);
            continue;
          }
          if (tag.group === 'findings') found.findings.push(retagged(match, tag.value));
          else if (tag.group === 'elements') found.elements.push(retagged(match, tag.value));
          else if (tag.group === 'frameThen') found.thens.push(retagged(match, tag.value));
          else if (tag.group === 'frameLast') found.lasts.push(retagged(match, tag.value));
          else found[tag.group] = true;
        }
        if (found.thens.length > 0) found.firsts = firstsOf(tokens, found.thens);
        for (const admission of admissions) {
          const negator = negatorOf(admission, negators);
          if (negator) found.deniedFault.push({ start: negator.start, end: admission.end });
          else found.owning = true;
        }
        return found;
      },
      findProblems(tokens) {
        problemMatcher ??= compileMatcher(
          PACKS[lang].problems.map((p) => ({ terms: p.terms, except: p.except, payload: p.category })),
          { inflect: PACKS[lang].inflect },
        );
        return problemMatcher.find(tokens).map((m) => m.payload);
      },
    };
    compiled.set(lang, result);
  }
  return result;
}

/** Words a negation may stand before what it negates: "not our fault", "nie był to nasz błąd", "ei ole meie süü". */
/** A match of this call's own with its tag's value as payload, set in place: no copy per match. */
function retagged<V>(match: Match<Tagged>, value: V): Match<V> {
  const own = match as unknown as Match<V>;
  own.payload = value;
  return own;
}

const NEGATION_REACH = 3;

function negatorOf<T>(match: Match<unknown>, negators: readonly Match<T>[]): Match<T> | undefined {
  return negators.findLast((n) => n.last < match.first && match.first - n.last <= NEGATION_REACH);
}

const ELEMENT_MAKES: ReadonlySet<FrameMakes> = new Set(['empathy', 'apology', 'next_step']);
/** Does a sentence end between `from` and `to`: . ! ? or a line break? */
function hasSentenceBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x0a) return true;
  }
  return false;
}

/** The earliest part of `frame` that follows `before` closely enough in the same sentence. */
function partAfter(
  text: string,
  parts: readonly Match<number>[],
  frame: number,
  before: Match<number>,
  within: number,
): Match<number> | undefined {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Match<number>;
    if (
      p.payload === frame &&
      before.last < p.first &&
      p.first - before.last - 1 <= within &&
      !hasSentenceBreak(text, before.end, p.start)
    )
      return p;
  }
  return undefined;
}

/** A frame's match, from its first part to its end, made in the shape of the matcher's own matches. */
function frameMatch<V>(payload: V, first: Match<number>, end: Match<number>): Match<V> {
  return {
    payload,
    term: `${first.term} … ${end.term}`,
    first: first.first,
    last: end.last,
    start: first.start,
    end: end.end,
  };
}

/**
 * Frames found: a first part and a then part of one frame (and its last part, when it has one), in
 * order, in one sentence, close enough. Each adds a finding or an element; a non-apology takes back
 * the apology and empathy inside it.
 */
function applyFrames(text: string, matches: CoachMatches, pack: CoachPack): void {
  if (matches.thens.length === 0 || matches.firsts.length === 0) return;
  const nonApologies: Range[] = [];
  for (const first of matches.firsts) {
    const frame = pack.frames[first.payload];
    if (!frame) continue;
    const within = frame.within ?? 3;
    const then = partAfter(text, matches.thens, first.payload, first, within);
    const end = then && frame.last ? partAfter(text, matches.lasts, first.payload, then, within) : then;
    if (!end) continue;
    const makes = frame.makes;
    if (makes === 'non_apology') nonApologies.push({ start: first.start, end: end.end });
    else if (ELEMENT_MAKES.has(makes)) matches.elements.push(frameMatch(makes as Named, first, end));
    else matches.findings.push(frameMatch(makes as Rule, first, end));
  }
  if (nonApologies.length === 0) return;
  matches.hasNonApology = true;
  matches.elements = matches.elements.filter(
    (e) =>
      (e.payload !== 'apology' && e.payload !== 'empathy') ||
      !nonApologies.some((r) => e.start >= r.start && e.end <= r.end),
  );
}

/** The tokens whose key ends in one of `endings`, on words long enough and not in `except`. */
function tokensEndingIn(
  tokens: readonly Token[],
  rule: { endings: readonly string[]; except: readonly string[]; minLength: number },
): { token: Token; index: number; ending: string }[] {
  const except = exceptOf(rule.except);
  const found: { token: Token; index: number; ending: string }[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.keyLength < rule.minLength) continue;
    // Most words end in none of the endings: their keys are never built.
    const ending = endingOf(token, rule.endings);
    if (ending !== undefined && !except.has(token.key)) found.push({ token, index, ending });
  }
  return found;
}

function endingOf(token: Token, endings: readonly string[]): string | undefined {
  for (const ending of endings) if (token.keyEndsWith(ending)) return ending;
  return undefined;
}

/** Informal "you" by its ending, on any verb: one `endsWith` per ending on words long enough. */
function addInformalEndings(tokens: readonly Token[], matches: CoachMatches, pack: CoachPack): void {
  const rule = pack.informalEndings;
  if (!rule) return;
  for (const { token, index, ending } of tokensEndingIn(tokens, rule)) {
    // A capital inside a sentence is a name (Tomasz, Łukasz), not a verb.
    if (isCapitalised(token) && !STARTS_SENTENCE.test(token.text.slice(0, token.start))) continue;
    matches.findings.push({
      payload: 'informal_address',
      term: `-${ending}`,
      first: index,
      last: index,
      start: token.start,
      end: token.end,
    });
  }
}

/** The agent's own action by its verb ending ("sprawdzimy", "saatsime"): a next step no list has to name. */
function addActionEndings(tokens: readonly Token[], matches: CoachMatches, pack: CoachPack): void {
  const rule = pack.actionEndings;
  if (!rule) return;
  const notAfter = exceptOf(rule.notAfter);
  const exceptEndings = rule.exceptEndings ?? [];
  for (const { token, index, ending } of tokensEndingIn(tokens, rule)) {
    const before = tokens[index - 1];
    if (before && notAfter.has(before.key)) continue;
    if (exceptEndings.some((e) => token.key.endsWith(e))) continue;
    matches.elements.push({
      payload: 'next_step',
      term: `-${ending}`,
      first: index,
      last: index,
      start: token.start,
      end: token.end,
    });
  }
}

function isCapitalised(token: Token): boolean {
  const first = token.text.charAt(token.start);
  return first !== first.toLowerCase();
}

const exceptSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function exceptOf(words: readonly string[]): ReadonlySet<string> {
  let set = exceptSets.get(words);
  if (!set) {
    set = new Set(words.map(termKey));
    exceptSets.set(words, set);
  }
  return set;
}

/** Quoted words (the customer's own, or a quoted mail) are not the agent's: no finding there. */
function quotedRanges(draft: string): Range[] {
  const ranges: Range[] = [];
  for (const m of draft.matchAll(QUOTED)) {
    ranges.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return ranges;
}

function isInsideAny(ranges: readonly Range[], span: Range): boolean {
  for (const r of ranges) if (span.start >= r.start && span.end <= r.end) return true;
  return false;
}

/**
 * The agent's own words in a readable draft: everything outside quotes, as the learned model reads it
 * (in training and when coaching).
 * @example draftOwnRanges('As you wrote, "you idiots". Sorry.') // [{ start: 0, end: 14 }, { start: 27, end: 34 }]
 */
export function draftOwnRanges(draft: string): Range[] {
  const own: Range[] = [];
  let at = 0;
  for (const quoted of quotedRanges(draft)) {
    if (quoted.start > at) own.push({ start: at, end: quoted.start });
    at = Math.max(at, quoted.end);
  }
  if (at < draft.length) own.push({ start: at, end: draft.length });
  return own;
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

/** A concrete rewrite of the span where the rule allows one, else the pack's better wording. */
function suggestionFor(rule: CoachRule, text: string, pack: CoachPack): string {
  if (rule === 'informal_address') {
    const formal = pack.formal[text.toLowerCase()];
    if (formal) return matchCase(text, formal);
  }
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
  matches: CoachMatches,
  lang: Lang,
  pack: CoachPack,
  /** The draft's flags' evidence, as a customer message's: abuse and shouting are findings of the draft. */
  draftEvidence: readonly Evidence[],
): Finding[] {
  const quoted = quotedRanges(draft);
  const found: Finding[] = [];
  for (const m of matches.findings) {
    if (m.payload === 'informal_address' && lang === 'en') continue;
    if (m.payload === 'excuse' && matches.owning) continue;
    if (!isInsideAny(quoted, m)) found.push(finding(m.payload, m.start, m.end, draft, pack));
  }
  for (const denied of matches.deniedFault) {
    if (!isInsideAny(quoted, denied)) found.push(finding('excuse', denied.start, denied.end, draft, pack));
  }
  for (const m of matchAllPrefiltered(PERCENT_100, draft)) {
    found.push(finding('impossible_promise', m.index, m.index + m.text.length, draft, pack));
  }
  for (const e of draftEvidence) {
    if (isInsideAny(quoted, e)) continue;
    if (ABUSE.has(e.flag)) found.push(finding('hostility', e.start, e.end, draft, pack));
    else if (e.flag === 'shouting') found.push(finding('shouting', e.start, e.end, draft, pack));
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const f of found) if (f.rule === 'shouting') widenShouting(f, draft);
  mergeShouting(found, draft);
  for (const f of found) if (f.rule === 'shouting') calmShouting(f, draft, lang);
  // One finding per rule and place: overlapping terms of the same rule would only repeat it.
  return found.filter((_, i) => !repeatsEarlier(found, i));
}

/** Does a finding before the `i`th, of the same rule, overlap it? */
function repeatsEarlier(found: readonly Finding[], i: number): boolean {
  const f = found[i] as Finding;
  for (let k = 0; k < i; k++) {
    const o = found[k] as Finding;
    if (o.rule === f.rule && o.start < f.end && f.start < o.end) return true;
  }
  return false;
}

/** The last shouting finding before the `i`th. */
function shoutingBefore(found: readonly Finding[], i: number): Finding | undefined {
  for (let k = i - 1; k >= 0; k--) if (found[k]?.rule === 'shouting') return found[k];
  return undefined;
}

/** A shouted sentence is one finding, not one per capitalised word. */
function mergeShouting(found: Finding[], draft: string): void {
  for (let i = found.length - 1; i > 0; i--) {
    const current = found[i] as Finding;
    if (current.rule !== 'shouting') continue;
    const previous = shoutingBefore(found, i);
    if (!previous) continue;
    const between = draft.slice(previous.end, current.start);
    if (between.length <= 4 && !/\p{Ll}/u.test(between)) {
      previous.end = Math.max(previous.end, current.end);
      found.splice(i, 1);
    }
  }
}

// Capitalised words next to a shouted run, short ones too ("WE", "I"): they shout with it, and a
// rewrite that left them would read "WE Have already sent you".
const CAPITALS_BEFORE = /(?:(?<![\p{L}\p{N}])[\p{Lu}\p{N}][\p{Lu}\p{M}\p{N}'’-]*[ \t]+)+$/u;
const CAPITALS_AFTER = /^(?:[ \t]+[\p{Lu}\p{N}][\p{Lu}\p{M}\p{N}'’-]*(?![\p{L}\p{N}]))+/u;
const STARTS_SENTENCE = /(?:^|[.!?]\s+|\n\s*)$/u;
const WORD = /[\p{L}\p{M}'’-]+/gu;

function widenShouting(f: Finding, draft: string): void {
  f.start -= CAPITALS_BEFORE.exec(draft.slice(0, f.start))?.[0].length ?? 0;
  f.end += CAPITALS_AFTER.exec(draft.slice(f.end))?.[0].length ?? 0;
}

const keptCapitals = new Map<Lang, { acronyms: Set<string>; capitalised: Map<string, string> }>();

/** The words a calmed shout keeps in capitals, per language: built once, not per keystroke. */
function keptCapitalsOf(lang: Lang): { acronyms: Set<string>; capitalised: Map<string, string> } {
  let kept = keptCapitals.get(lang);
  if (!kept) {
    kept = {
      acronyms: new Set((PACKS[lang]?.cues.acronyms ?? []).filter((a) => a.length >= 3)),
      capitalised: new Map(COACH_PACKS[lang].capitalised.map((w) => [w.toLowerCase(), w])),
    };
    keptCapitals.set(lang, kept);
  }
  return kept;
}

/**
 * A rewrite of a shouted run a person would write: lower case, a capital only where a sentence
 * starts, acronyms of three letters or more and the language's capitalised words kept, "!!!" calmed.
 */
function calmShouting(f: Finding, draft: string, lang: Lang): void {
  f.text = draft.slice(f.start, f.end);
  // Capitals shout at the customer and block like hostility; a run of "!!!" alone is only a warning.
  if (!/\p{Lu}/u.test(f.text)) f.severity = 'warn';
  const { acronyms, capitalised } = keptCapitalsOf(lang);
  const calm = f.text
    .replace(WORD, (word) => {
      if (acronyms.has(word)) return word;
      const lower = word.toLowerCase();
      return capitalised.get(lower) ?? lower;
    })
    .replace(/[!?]{2,}/gu, '.');
  f.suggestion = STARTS_SENTENCE.test(draft.slice(0, f.start))
    ? calm.charAt(0).toUpperCase() + calm.slice(1)
    : calm;
}

function elementsOf(
  draft: string,
  matches: CoachMatches,
  context: CoachContext,
  lang: Lang,
  pack: CoachPack,
): Set<Element> {
  const quoted = quotedRanges(draft);
  // The customer's words quoted back ("you wrote: 'I'll send it'") are not the agent's element.
  const own = matches.elements.filter((e) => !isInsideAny(quoted, e));
  const has = new Set<Element>(own.map((e) => e.payload));
  if (hasDeadline(draft, lang)) has.add('deadline');
  const contact = PHONE.test(draft) || (draft.includes('@') && EMAIL.test(draft));
  const named = context.agentName ? draft.toLowerCase().includes(context.agentName.toLowerCase()) : false;
  if (contact || named || hasSignedName(draft, pack.signature)) has.add('owner');
  return has;
}

function adviceOf(
  matches: CoachMatches,
  coach: CompiledCoach,
  tokens: readonly Token[],
  context: CoachContext,
): Advice[] {
  const pack = coach.pack;
  const advice: Advice[] = [];
  const add = (rule: AdviceRule, severity: Severity, extra: Pick<Advice, 'problems'> = {}) =>
    advice.push({
      rule,
      severity,
      why: pack.advice[rule].why,
      suggestion: pack.advice[rule].suggestion,
      ...extra,
    });
  const customer = context.customer ?? [];
  const abusive = customer.some((a) => a.level === 'hostile' || a.flags.some((f) => ABUSE.has(f)));
  if (abusive && !matches.boundary) add('set_boundary', 'hint');
  if (context.fault !== undefined && context.fault !== 'ours' && matches.liability) add('liability', 'warn');
  const preferred = context.policy?.prefer ?? [];
  if (preferred.length > 0 && !context.statutoryRefund && matches.cashRefund)
    add('compensation_policy', 'hint');
  const raised = new Set(customer.flatMap((a) => a.problems.map((p) => p.category)));
  const raisedCount = Math.max(raised.size, context.problems ?? 0);
  if (raisedCount >= 2) {
    const addressed = new Set(coach.findProblems(tokens));
    const missing = [...raised].filter((category) => !addressed.has(category));
    if (addressed.size < raisedCount)
      add('unaddressed_problems', 'warn', missing.length > 0 ? { problems: missing } : {});
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

export interface CoachOptions {
  /**
   * The learned second opinion on drafts: it may add a finding or an element the rules missed, at or
   * above its calibrated threshold (train/README.md). Without it, the rules alone.
   */
  learned?: Scorer<DraftLabel>;
}

/**
 * A reply coach: the rules, and the learned model when one is given (the main entry gives it; the
 * core build, which the browser loads, does not).
 * @example createCoach({ learned: createScorer(DRAFT_MODEL) })('Nie ma Pan racji.', { lang: 'pl' }).score
 */
export function createCoach(options: CoachOptions = {}): (draft: string, context?: CoachContext) => Coaching {
  const learned = options.learned && hasThresholds(options.learned) ? options.learned : null;
  return (draft, context = {}) => {
    const original = typeof draft === 'string' ? draft : String(draft ?? '');
    const read = readableText(original);
    const coaching = coachReadable(read.text, context, learned);
    if (!read.origins) return coaching;
    return { ...coaching, findings: coaching.findings.map((f) => findingInOriginal(read, original, f)) };
  };
}

function findingInOriginal(read: ReadableText, original: string, f: Finding): Finding {
  const mapped = quotedInOriginal(read, original, f);
  return f.evidence
    ? { ...mapped, evidence: f.evidence.map((e) => quotedInOriginal(read, original, e)) }
    : mapped;
}

/**
 * Checks an agent's draft reply before it is sent, with the rules alone: findings with spans, why and
 * a better wording; the good elements it has and lacks; advice from the case; a score.
 * @example coachReply('Nie ma Pan racji.', { lang: 'pl' }).findings[0]?.rule // 'arguing'
 */
export const coachReply = createCoach();

/** A finding the learned model added: where its strongest features are, its rule's explanation, and the evidence. */
function learnedFinding(
  addition: LearnedAddition<CoachRule>,
  text: string,
  own: readonly Range[],
  pack: CoachPack,
): Finding {
  const at = addition.spans[0] ?? own[0] ?? { start: 0, end: text.length };
  const words = text.slice(at.start, at.end);
  return {
    rule: addition.label,
    severity: learnedSeverity(addition.label),
    start: at.start,
    end: at.end,
    text: words,
    why: pack.explain[addition.label].why,
    suggestion: pack.explain[addition.label].suggestion,
    evidence: addition.spans.map((span) => ({
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      rule: addition.rule,
    })),
  };
}

/** Typographic shouting (PRODUCT.md): a word of three or more capitals, or a run of `!!`. */
const SHOUTED = /(?<![\p{L}\p{N}])\p{Lu}{3,}(?![\p{L}\p{N}])|!!/u;
/** Findings about tone that a calm boundary's own words (abuse, language, calm) read like to the model. */
const TONE: ReadonlySet<DraftLabel> = new Set(['hostility', 'condescension']);
/** What a non-apology frame takes back. */
const TAKEN_BACK: ReadonlySet<DraftLabel> = new Set(['apology', 'empathy']);

/**
 * What the model may not add to this draft, as the rules see it: informal address in English, which
 * has no such form; shouting without a word in capitals or a `!!`, which is what shouting is;
 * hostility or condescension in a draft that sets a calm boundary about abuse, which the rules read
 * as the right answer, not as a quarrel; an apology or empathy the rules took back as a non-apology
 * ("I understand, but …"), as the message model never re-raises a flag the rules cancelled; an
 * excuse in a draft that owns the failure.
 */
function isLeftToRules(label: DraftLabel, own: string, lang: Lang, matches: CoachMatches): boolean {
  if (label === 'informal_address') return lang === 'en';
  if (label === 'excuse') return matches.owning;
  if (label === 'shouting') return !SHOUTED.test(own);
  if (TAKEN_BACK.has(label)) return matches.hasNonApology;
  return TONE.has(label) && matches.boundary;
}

/** The learned model's additions: a finding or an element the rules missed, read from the agent's own words. */
function addLearned(
  learned: Scorer<DraftLabel>,
  text: string,
  lang: Lang,
  pack: CoachPack,
  matches: CoachMatches,
  findings: Finding[],
  has: Set<Element>,
): void {
  const found = new Set<DraftLabel>([...findings.map((f) => f.rule), ...has]);
  const own = draftOwnRanges(text);
  if (own.length === 0) return;
  const ownText = own.map((r) => text.slice(r.start, r.end)).join('\n');
  const additions = learnedAdditions(
    learned,
    text,
    own,
    (label) => found.has(label) || isLeftToRules(label, ownText, lang, matches),
  );
  for (const addition of additions) {
    const label = addition.label;
    if (isElement(label)) has.add(label);
    else findings.push(learnedFinding({ ...addition, label }, text, own, pack));
  }
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
}

function coachReadable(text: string, context: CoachContext, learned: Scorer<DraftLabel> | null): Coaching {
  const lang = languageOf(text, context);
  const coach = compiledFor(lang);
  const scan = scanText(text);
  const tokens = scan.tokens;
  const matches = coach.find(tokens);
  applyFrames(text, matches, coach.pack);
  addInformalEndings(tokens, matches, coach.pack);
  addActionEndings(tokens, matches, coach.pack);
  const findings = findingsOf(text, matches, lang, coach.pack, evidenceOfScanned(text, scan, { lang }));
  const has = elementsOf(text, matches, context, lang, coach.pack);
  if (learned) addLearned(learned, text, lang, coach.pack, matches, findings, has);
  // An apology is due when the case is ours or unknown and the customer is upset; it is not owed by default.
  const apologyDue = context.fault === 'ours' || (context.customer ?? []).some((a) => a.level !== 'calm');
  const expected = ELEMENTS.filter((e) => e !== 'apology' || apologyDue);
  const missing = expected.filter((e) => !has.has(e));
  const advice = adviceOf(matches, coach, tokens, context);
  const explained =
    context.explainIn && context.explainIn !== lang
      ? explainedIn(context.explainIn, findings, advice)
      : { findings, advice };
  const forms = context.forms;
  const written = forms
    ? {
        findings: explained.findings.map((f) => ({
          ...f,
          suggestion: resolveForms(f.suggestion, lang, forms),
        })),
        advice: explained.advice.map((a) => ({ ...a, suggestion: resolveForms(a.suggestion, lang, forms) })),
      }
    : explained;
  return {
    lang,
    score: scoreOf(findings, advice, missing),
    findings: written.findings,
    has: ELEMENTS.filter((e) => has.has(e)),
    missing,
    advice: written.advice,
  };
}

/**
 * Why each finding and piece of advice matters, in the agent's language; the rewrites stay in the
 * draft's, since they go to the customer.
 */
function explainedIn(
  language: Lang,
  findings: Finding[],
  advice: Advice[],
): { findings: Finding[]; advice: Advice[] } {
  const pack = COACH_PACKS[language];
  return {
    findings: findings.map((f) => ({ ...f, why: pack.explain[f.rule].why })),
    advice: advice.map((a) => ({ ...a, why: pack.advice[a.rule].why })),
  };
}
