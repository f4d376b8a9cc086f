import { EMOJI_SIGNALS } from '../lang/emoji.ts';
import type { LanguagePack, LexiconEntry, LexiconFrame, ProblemEntry, SignalKind } from '../lang/types.ts';
import { addLearnedFlags, hasThresholds } from '../learned/merge.ts';
import type { Scorer } from '../learned/score.ts';
import { termKey } from '../text/fold.ts';
import { originalSpan, quotedInOriginal, type ReadableText, readableText } from '../text/readable.ts';
import { SENTENCE_END } from '../text/sentences.ts';
import { type Match, payloadsOf } from '../text/terms.ts';
import {
  joinSpacedLetters,
  type Range,
  scanText,
  type TextScan,
  type Token,
  wordIdOf,
} from '../text/tokenize.ts';
import { internWord, wordCount } from '../text/words.ts';
import type { Analysis, AnalyzeOptions, Evidence, Problem, SignalEvidence } from '../types.ts';
import {
  type DetectedLang,
  FLAGS,
  type Flag,
  LANGS,
  type Lang,
  type ProblemCategory,
} from '../vocabulary.ts';
import {
  type CompiledPack,
  type ComplaintCueMatches,
  compileLexicon,
  compilePack,
  flagsOf,
  type PackMatches,
} from './compile-pack.ts';
import { categorySpans, countComplaints } from './complaints.ts';
import { headerFieldPattern, type MailCues, ownTextOf, ownTextRanges } from './email.ts';
import { decideLanguage, type LanguageEvidence, type LanguageGuesser, type OwnLetters } from './language.ts';
import { levelOf, scoreAnger } from './score.ts';
import { findShouting } from './shouting.ts';
import { thanksAsManners } from './sign-off.ts';

/** Longer messages are analysed up to here (`truncated: true`): time stays bounded and linear. */
export const MAX_ANALYZED_CHARS = 20_000;
/** How many tokens before a match a negator or a self-reference cue may stand. */
const NEGATION_WINDOW = 3;
const SELF_REFERENCE_WINDOW = 2;
/** Demands a refusal before them cancels: "nie chcę zwrotu", "I don't want a refund". */
const DECLINABLE: ReadonlySet<Flag> = new Set(['refund_demand', 'compensation_demand', 'churn_threat']);
/** Demands that thanks for them show met: "thanks for the refund", "dziękuję za szybką odpowiedź". */
const THANKABLE: ReadonlySet<Flag> = new Set(['refund_demand', 'compensation_demand', 'urgency']);

export interface AnalyzerOptions {
  packs: Readonly<Partial<Record<Lang, LanguagePack>>>;
  /** Statistical language guesser; without one, only our packs' evidence (or `lang`) decides. */
  guessLanguage?: LanguageGuesser;
  /** The learned second opinion (learned/): adds a flag the rules missed above its calibrated threshold. */
  learned?: Scorer;
}

/** Any input as the text analysed: a string, bounded, then as a person reads it. */
function readInput(input: unknown): { bounded: { text: string; truncated: boolean }; read: ReadableText } {
  const bounded = boundedText(typeof input === 'string' ? input : String(input ?? ''));
  return { bounded, read: readableText(bounded.text) };
}

function boundedText(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_ANALYZED_CHARS) return { text, truncated: false };
  let end = MAX_ANALYZED_CHARS;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // never split a surrogate pair
  return { text: text.slice(0, end), truncated: true };
}

const CLAUSE_BREAK = /[.,;:!?()\n]/u;

/**
 * Does a cue start before the match and end at most `window` tokens before it (or inside it:
 * "nie chcę" before "chcę zwrotu"), in the same clause?
 */
function endsWithin(
  text: string,
  cues: readonly Match<true>[],
  match: Match<unknown>,
  window: number,
): boolean {
  return cues.some(
    (cue) =>
      cue.first < match.first &&
      cue.last >= match.first - window &&
      !CLAUSE_BREAK.test(text.slice(Math.min(cue.end, match.start), match.start)),
  );
}

const SENTENCE_BREAK = /[.!?\n]/u;

/** Thanks with a sarcasm cue on it or after it in the same sentence ("thanks for the three weeks of radio silence"). */
function isSarcastic(text: string, found: PackMatches, thanks: Match<unknown>): boolean {
  return found.sarcasm.some(
    (cue) =>
      overlaps(cue, thanks) ||
      (cue.start >= thanks.end && !SENTENCE_BREAK.test(text.slice(thanks.end, cue.start))),
  );
}

function sameClause(
  text: string,
  a: { start: number; end: number },
  b: { start: number; end: number },
): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return second.start <= first.end || !CLAUSE_BREAK.test(text.slice(first.end, second.start));
}

const NO_WORD_SINCE_BREAK = /[.,;:!?()\n][^.,;:!?()\n\p{L}]*$/u;
const NO_WORD_TILL_BREAK = /^[^.,;:!?()\n\p{L}]*(?:[.,;:!?()\n]|$)/u;
/** A clause is read this far around a match: enough for any break, and no rescan of a long mail. */
const CLAUSE_REACH = 200;

/** Nothing but the match in its clause: no word before it since the last break, none after it to the next. */
function isClauseOfItsOwn(text: string, match: { start: number; end: number }): boolean {
  const from = Math.max(0, match.start - CLAUSE_REACH);
  const before = text.slice(from, match.start);
  const opens = (from === 0 && !/\p{L}/u.test(before)) || NO_WORD_SINCE_BREAK.test(before);
  return opens && NO_WORD_TILL_BREAK.test(text.slice(match.end, match.end + CLAUSE_REACH));
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const extraLexiconCache = new Map<string, ReturnType<typeof compileLexicon>>();
const EXTRA_FLAGS = {
  insult: 'insult',
  competitor: 'churn_threat',
  legal: 'threat_legal',
  profanity: 'profanity',
} as const;

function extraLexicon(options: AnalyzeOptions, pack: LanguagePack | undefined) {
  const extra = options.extraTerms;
  if (!extra) return null;
  const key = `${pack?.code ?? 'und'}:${JSON.stringify(extra)}`;
  let matcher = extraLexiconCache.get(key);
  if (!matcher) {
    const entries: LexiconEntry[] = Object.entries(extra).flatMap(([kind, terms]) =>
      terms?.length ? [{ flag: EXTRA_FLAGS[kind as keyof typeof EXTRA_FLAGS], terms, example: '' }] : [],
    );
    matcher = compileLexicon(entries, pack?.inflect ?? (() => []));
    if (extraLexiconCache.size > 64) extraLexiconCache.clear();
    extraLexiconCache.set(key, matcher);
  }
  return matcher;
}

/** Latin letters, and what may sit between them in a word. */
const LATIN_WORD = /^[\p{Script=Latin}\p{M}\p{N}'’-]+$/u;

/**
 * The words a pack knows as whole tokens (stop-words and one-word terms): evidence of its language.
 * Words in another script are not (Russian swearing in the Estonian pack says nothing of Estonian).
 */
function vocabularyOf(pack: LanguagePack): ReadonlySet<string> {
  const words = new Set(pack.cues.stopwords.map(termKey));
  const entries = [...pack.lexicon, ...pack.signals, ...pack.problems];
  for (const term of entries.flatMap((e) => e.terms)) {
    if (/[\s*.~]/.test(term) || !LATIN_WORD.test(term)) continue;
    words.add(termKey(term));
  }
  return words;
}

/** Each pack's letters that no other language it is analysed beside has (`LanguagePack.ownLetters`). */
function lettersOf(packs: readonly LanguagePack[]): OwnLetters {
  return packs.flatMap((pack) =>
    pack.ownLetters ? [[pack.code, new RegExp(`[${pack.ownLetters}]`, 'u')] as const] : [],
  );
}

/** Which packs know each word, by word number: bit `i` for `packs[i]` (32 bits: LANGS holds far fewer), one read per token. */
function knownWordsOf(packs: readonly LanguagePack[]): Uint32Array {
  const words = packs.map((pack) => [...vocabularyOf(pack)].map(internWord));
  const knownBy = new Uint32Array(wordCount());
  words.forEach((ids, i) => {
    for (const id of ids) knownBy[id] = (knownBy[id] as number) | (1 << i);
  });
  return knownBy;
}

/** Every pack's mail cues, compiled once. */
function mailCuesOf(packs: readonly LanguagePack[]): MailCues {
  const compiled = (sources: (p: LanguagePack) => readonly string[]) =>
    packs.flatMap((p) => sources(p).map((s) => new RegExp(s, 'iu')));
  return {
    quoteHeaders: compiled((p) => p.cues.quoteHeaders),
    signatureStarts: compiled((p) => p.cues.signatureStarts),
    forwardHeaders: compiled((p) => p.cues.forwardHeaders),
    headerField: headerFieldPattern(packs.flatMap((p) => p.cues.headerFields)),
  };
}

/**
 * The customer's own words in a mail, as every pack's cues find them: without the quoted history
 * (attribution lines, forwarded and original-message headers, `>` lines) and the signature. A text
 * with nothing of its own (only a quote) is given back whole.
 */
export function createOwnText(packs: Partial<Record<Lang, LanguagePack>>): (text: string) => string {
  const cues = mailCuesOf(Object.values(packs).filter((pack): pack is LanguagePack => pack !== undefined));
  return (text) => {
    const own = ownTextOf(text, ownTextRanges(text, cues));
    return own === '' ? text.trim() : own;
  };
}

/** Builds an analyzer over the given packs. `analyzeMessage` is one with every pack and ELD. */
export function createAnalyzer(options: AnalyzerOptions) {
  return createReader(options).analyzer;
}

/**
 * An analyzer, and for the engine's own use the evidence of a text whose words the caller has already
 * scanned: the reply coach reads its draft's words once for its terms and for the draft's evidence.
 */
export function createReader({ packs, guessLanguage, learned }: AnalyzerOptions) {
  const scorer = learned && hasThresholds(learned) ? learned : null;
  const available = LANGS.filter((lang) => packs[lang]);
  const allPacks = available.map((lang) => packs[lang] as LanguagePack);
  const ownLetters = lettersOf(allPacks);
  const mailCues = mailCuesOf(allPacks);
  // Built on the first message whose language is not given: an analyzer told the language never needs it.
  let knownBy: Uint32Array | null = null;
  const compiled = new Map<Lang | 'und', CompiledPack | null>();
  const universalOnly = {
    code: 'en',
    lexicon: [],
    signals: [],
    problems: [],
    cues: {
      negators: [],
      declines: [],
      selfReference: [],
      denials: [],
      clauseJoins: [],
      faults: [],
      thanksFor: [],
      sarcasm: [],
      conditions: [],
      quoteHeaders: [],
      forwardHeaders: [],
      headerFields: [],
      signatureStarts: [],
      stopwords: [],
      acronyms: [],
    },
    inflect: () => [],
  } satisfies LanguagePack;

  function compiledFor(lang: Lang | 'und'): CompiledPack {
    let result = compiled.get(lang);
    if (!result) {
      const pack = lang === 'und' ? universalOnly : (packs[lang] as LanguagePack);
      result = compilePack(
        pack,
        allPacks.filter((p) => p !== pack),
      );
      compiled.set(lang, result);
    }
    return result;
  }

  function languageEvidence(tokens: readonly Token[]): LanguageEvidence {
    const hits = {} as Record<Lang, number>;
    for (const lang of available) hits[lang] = 0;
    knownBy ??= knownWordsOf(allPacks);
    for (const token of tokens) {
      const id = wordIdOf(token);
      const packsKnowing = id >= 0 && id < knownBy.length ? (knownBy[id] as number) : 0;
      if (packsKnowing === 0) continue;
      for (let i = 0; i < available.length; i++) if (packsKnowing & (1 << i)) hits[available[i] as Lang]++;
    }
    return { stopwords: hits, words: tokens.length };
  }

  function analyzeMessage(input: string, options: AnalyzeOptions = {}): Analysis {
    const { bounded, read } = readInput(input);
    const analysis = analyzeReadable(read.text, bounded.truncated, options);
    return read.origins ? inOriginal(analysis, read, bounded.text) : analysis;
  }

  /**
   * A text's evidence alone, as `analyzeMessage` gives it: what the reply coach reads of a draft, without
   * the problems, their count and the level, which it does not need.
   */
  function evidenceOf(input: string, options: AnalyzeOptions = {}): Evidence[] {
    return evidenceOfScanned(input, null, options);
  }

  /** `evidenceOf`, reading the words of `scanned` (a scan of all of `input`) where they are the words it reads. */
  function evidenceOfScanned(input: string, scanned: TextScan | null, options: AnalyzeOptions): Evidence[] {
    const { bounded, read } = readInput(input);
    const given = read.text === input ? scanned : null;
    const evidence = sortedDistinct(readFlags(read.text, options, given).evidence);
    return read.origins ? evidence.map((e) => quotedInOriginal(read, bounded.text, e)) : evidence;
  }

  return { analyzer: Object.assign(analyzeMessage, { evidenceOf }), evidenceOfScanned };

  function analyzeReadable(text: string, truncated: boolean, options: AnalyzeOptions): Analysis {
    const reading = readFlags(text, options);
    const { lang, pack, tokens, found, evidence, flags, signals, problemMatches, unhappy } = reading;
    const problems = problemsOf(text, problemMatches, unhappy, pack, tokens, found.negators);
    const scoreInput = {
      flags,
      aimedAbuse: reading.aimedAbuse,
      signals: countSignals(signals),
      problems: problems.length,
    };
    const anger = scoreAnger(scoreInput);
    const level = levelOf(scoreInput, anger);
    const issues = countComplaints({
      text,
      categories: categorySpans(
        problems.map((p) => p.category),
        problemMatches,
      ),
      cues: reading.complaintCues(),
      demands: evidence.filter((e) => DEMAND_LIKE.has(e.flag)),
      isUnhappy: level !== 'calm',
      thanks: evidence.filter((e) => e.flag === 'gratitude'),
    });
    return {
      lang,
      level,
      anger,
      flags: flags.size === 0 ? [] : FLAGS.filter((f) => flags.has(f)),
      issues,
      problems,
      evidence: sortedDistinct(evidence),
      signals,
      truncated,
    };
  }

  /** The text's language, flags and their evidence, and what the rest of its analysis reads. */
  function readFlags(text: string, options: AnalyzeOptions, scanned: TextScan | null = null): FlagReading {
    const ranges: Range[] = ownTextRanges(text, mailCues);
    const scan = scanned && isWhole(ranges, text) ? scanned : scanText(text, ranges);
    const rawTokens = scan.tokens;
    const lang =
      options.lang && packs[options.lang]
        ? options.lang
        : decideLanguage(
            ownText(text, ranges),
            languageEvidence(rawTokens),
            guessLanguage,
            available,
            ownLetters,
          );
    const pack = compiledFor(lang);
    const extra = extraLexicon(options, lang === 'und' ? undefined : pack.pack);
    const tokens = joinSpacedLetters(text, rawTokens, pack.knowsLexiconWord);

    const found = pack.find(tokens);
    const framed = frameMatches(text, found, pack, tokens);
    const ownMatches = framed.length > 0 ? [...found.lexicon, ...framed] : found.lexicon;
    const lexiconMatches = extra ? [...ownMatches, ...extra.find(tokens)] : ownMatches;
    let { evidence, evidenceIfUnhappy, aimedAbuse, cancelled } = lexiconEvidence(
      text,
      lang,
      found,
      lexiconMatches,
      { pack, tokens },
    );
    evidence.push(...findShouting(text, ranges, pack.acronyms, scan, pack.isWord));
    const signals = signalsOf(text, lang, found);
    if (scan.surrogates) signals.push(...emojiSignals(text, ranges));
    const problemMatches = found.problems.filter((m) => !(m.payload.negatable && isNegated(text, found, m)));
    const unhappy =
      evidence.some((e) => !QUIET_FLAGS.has(e.flag)) ||
      signals.some((s) => s.kind !== 'positive') ||
      problemMatches.some((m) => !m.payload.topic);
    let cues: ComplaintCueMatches | null = null;
    // Found only when asked: an unhappy text's evidence needs none of them, and evidenceOf reads no further.
    const complaintCues = () => {
      cues ??= pack.findComplaintCues(text, tokens, ranges);
      return cues;
    };
    if (unhappy) evidence.push(...evidenceIfUnhappy);
    else {
      // A thanks the rules read only in a complaint ("Cheers, Fin" under a question) is a sign-off here: the
      // learned model may not read it as gratitude either.
      if (evidenceIfUnhappy.some((e) => e.flag === 'gratitude')) cancelled.add('gratitude');
      // A failure told calmly ("the painter missed several spots") still grounds a remedy asked or a leaving.
      if (complaintCues().failures.length > 0)
        evidence.push(...evidenceIfUnhappy.filter((e) => AFTER_A_FAILURE.has(e.flag)));
      if (evidence.some((e) => isOfferQuestion(text, e))) {
        // A voucher or a discount asked about where nothing went wrong is a question about an offer, not a demand.
        evidence = evidence.filter((e) => !isOfferQuestion(text, e));
        cancelled.add('compensation_demand');
      }
    }
    const ownEnd = ranges.reduce((end, r) => Math.max(end, r.end), 0);
    const manners = thanksAsManners({ text, ownEnd, evidence, signals, negators: found.negators, unhappy });
    if (manners.length > 0) {
      evidence = evidence.filter((e) => !manners.includes(e));
      cancelled.add('gratitude');
    }
    const flags = new Set<Flag>();
    for (const e of evidence) flags.add(e.flag);
    if (scorer) addLearnedFlags(scorer, text, ranges, flags, evidence, cancelled);
    return {
      lang,
      pack,
      tokens,
      found,
      evidence,
      flags,
      signals,
      problemMatches,
      unhappy,
      complaintCues,
      aimedAbuse,
    };
  }
}

/** What reading a text's flags finds, and keeps for the rest of its analysis. */
interface FlagReading {
  lang: DetectedLang;
  pack: CompiledPack;
  tokens: Token[];
  found: PackMatches;
  evidence: Evidence[];
  flags: Set<Flag>;
  signals: SignalEvidence[];
  /** The problem words the clause does not negate. */
  problemMatches: Match<ProblemEntry>[];
  /** Anything in the text beyond thanks and a remedy named: a complaint, anger, a problem. */
  unhappy: boolean;
  /** The complaint forms of the text, found on first call. */
  complaintCues: () => ComplaintCueMatches;
  aimedAbuse: boolean;
}

const frameEntries = new WeakMap<LexiconFrame, LexiconEntry>();

/** A frame read as a lexicon entry, so that negation, refusals and thanks treat it as any other. */
function entryOf(frame: LexiconFrame): LexiconEntry {
  let entry = frameEntries.get(frame);
  if (!entry) {
    entry = {
      flag: frame.flag,
      terms: [],
      example: frame.example,
      negatable: frame.negatable,
      onlyWhenUnhappy: frame.onlyWhenUnhappy,
    };
    frameEntries.set(frame, entry);
  }
  return entry;
}

/**
 * The frames whose two parts stand in one sentence, close enough (and in order unless either order
 * is allowed): one match from the first part's start to the other's end.
 */
function frameMatches(
  text: string,
  found: PackMatches,
  pack: CompiledPack,
  tokens: readonly Token[],
): Match<LexiconEntry>[] {
  if (found.frameNext.length === 0) return [];
  const firsts = pack.findFrameFirsts(tokens, payloadsOf(found.frameNext));
  if (firsts.length === 0) return [];
  const matches: Match<LexiconEntry>[] = [];
  for (const next of found.frameNext) {
    const frame = next.payload;
    const within = frame.within ?? 3;
    let first: Match<LexiconFrame> | undefined;
    for (const f of firsts) {
      if (f.payload !== frame) continue;
      const a = f.first < next.first ? f : next;
      const b = a === f ? next : f;
      if (a === next && !frame.eitherOrder) continue;
      if (a.last >= b.first || b.first - a.last - 1 > within) continue;
      // One character of the second part is kept, so that a dot right before it reads as inside a name.
      if (SENTENCE_END.test(text.slice(a.end, b.start + 1))) continue;
      first = f;
      break;
    }
    if (!first) continue;
    const a = first.first < next.first ? first : next;
    const b = a === first ? next : first;
    matches.push({
      payload: entryOf(frame),
      term: `${first.term} … ${next.term}`,
      first: a.first,
      last: b.last,
      start: a.start,
      end: b.end,
    });
  }
  return matches;
}

/** An analysis of a text's readable form, its spans and quotes put back on the original. */
function inOriginal(analysis: Analysis, read: ReadableText, original: string): Analysis {
  const place = <T extends { start: number; end: number }>(item: T): T => ({
    ...item,
    ...originalSpan(read, item.start, item.end),
  });
  return {
    ...analysis,
    problems: analysis.problems.map(place),
    evidence: analysis.evidence.map((e) => quotedInOriginal(read, original, e)),
    signals: analysis.signals.map((e) => quotedInOriginal(read, original, e)),
  };
}

/** Are the ranges all of the text, as one? */
function isWhole(ranges: readonly Range[], text: string): boolean {
  const only = ranges.length === 1 ? ranges[0] : undefined;
  return only?.start === 0 && only.end === text.length;
}

/** The customer's own words as one text: its ranges, joined by line breaks. */
function ownText(text: string, ranges: readonly Range[]): string {
  const only = ranges.length === 1 ? ranges[0] : undefined;
  return only ? text.slice(only.start, only.end) : ranges.map((r) => text.slice(r.start, r.end)).join('\n');
}

function isNegated(text: string, found: PackMatches, match: Match<unknown>): boolean {
  return endsWithin(text, found.negators, match, NEGATION_WINDOW);
}

const DEMANDS: ReadonlySet<Flag> = new Set(['refund_demand', 'compensation_demand']);
/** Words of a greeting that may stand before an opening question ("Tere.", "Hi there,"). */
const GREETING_WORDS = 2;

/**
 * A remedy named in the question a message opens with: "Do you offer a discount for students?". After
 * a told problem ("The sauna didn't work. Maybe some discount?") the question is a proposal.
 */
function isOfferQuestion(text: string, e: Evidence): boolean {
  if (e.flag !== 'compensation_demand') return false;
  const end = text.slice(e.end).search(SENTENCE_END);
  if (end < 0 || text[e.end + end] !== '?') return false;
  const before = text.slice(0, e.start);
  let sentenceStart = before.length;
  while (sentenceStart > 0 && !SENTENCE_BREAK.test(before[sentenceStart - 1] as string)) sentenceStart--;
  return (before.slice(0, sentenceStart).match(/\p{L}+/gu)?.length ?? 0) <= GREETING_WORDS;
}

/** What a calmly told failure is enough to ground: a remedy asked for, or leaving. */
const AFTER_A_FAILURE: ReadonlySet<Flag> = new Set(['compensation_demand', 'churn_threat']);
/** Flags that by themselves say nothing went wrong: thanks, and a remedy named without a complaint. */
const QUIET_FLAGS: ReadonlySet<Flag> = new Set(['gratitude', 'compensation_demand']);
/** What a customer asks for or threatens: the problem words inside it are its object, no complaint. */
const DEMAND_LIKE: ReadonlySet<Flag> = new Set([
  ...DEMANDS,
  'urgency',
  'churn_threat',
  'threat_legal',
  'threat_public',
  'threat_violence',
]);
/** Words allowed between a condition and its negation ("jeśli do piątku nie oddacie"). */
const CONDITION_WINDOW = 5;

/** Where the words that open a condition are looked for, only for a negated demand (they are frequent). */
interface ConditionSource {
  pack: CompiledPack;
  tokens: readonly Token[];
}

/** A demand whose negation stands in a condition is still made: "jeśli nie oddacie kaucji, …". */
function isConditionalDemand(
  text: string,
  found: PackMatches,
  match: Match<LexiconEntry>,
  conditions: ConditionSource,
): boolean {
  if (!flagsOf(match.payload).every((flag) => DEMANDS.has(flag))) return false;
  const negator = found.negators.findLast(
    (n) => n.first < match.first && n.last >= match.first - NEGATION_WINDOW,
  );
  return (
    negator !== undefined &&
    endsWithin(text, conditions.pack.findConditions(conditions.tokens), negator, CONDITION_WINDOW)
  );
}

/** Abuse a customer quotes ("he said „you stupid cow”") is reported, not theirs. */
const QUOTABLE: ReadonlySet<Flag> = new Set(['insult', 'profanity', 'threat_violence']);
const QUOTE_MARK = /[„"“”«»]/u;
const QUOTED_SPAN = /[„“«"][^„“”«»"\n]{1,80}[”“»"]/gu;
/** A quote reported in a sentence ("he shouted „…”"), not a text that is itself a quote: words before it on its line. */
const WORDS_BEFORE = /\p{L}{2,}[^\p{L}\n]*$/u;

/** The short spans inside quotation marks that the customer's own sentence reports, in a text that has any. */
function quotedSpans(text: string): Range[] {
  if (!QUOTE_MARK.test(text)) return [];
  const spans: Range[] = [];
  QUOTED_SPAN.lastIndex = 0;
  for (let m = QUOTED_SPAN.exec(text); m; m = QUOTED_SPAN.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (WORDS_BEFORE.test(text.slice(Math.max(lineStart, m.index - 60), m.index)))
      spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** A repeat contact inside a churn threat's clause, or after it in the same clause: "never again" leaves. */
function isAgainInChurn(text: string, churn: readonly Evidence[], e: Evidence): boolean {
  return (
    e.flag === 'repeat_contact' &&
    churn.some((c) => overlaps(c, e) || (c.end <= e.start && sameClause(text, c, e)))
  );
}

/** The lexicon's evidence, less what a negation, a refusal, a self-reference or sarcasm cancels. */
function lexiconEvidence(
  text: string,
  lang: DetectedLang,
  found: PackMatches,
  matches: readonly Match<LexiconEntry>[],
  conditions: ConditionSource,
): { evidence: Evidence[]; evidenceIfUnhappy: Evidence[]; aimedAbuse: boolean; cancelled: Set<Flag> } {
  const evidence: Evidence[] = [];
  // Flags a match would raise but the clause cancels (negation, refusal, thanks for it, self-reference,
  // sarcasm, a quote): the learned model may not raise them again on the same words.
  const cancelled = new Set<Flag>();
  const evidenceIfUnhappy: Evidence[] = [];
  let aimedAbuse = false;
  const quotes = quotedSpans(text);
  for (const match of matches) {
    const entry = match.payload;
    if (
      (entry.negatable &&
        isNegated(text, found, match) &&
        !isConditionalDemand(text, found, match, conditions)) ||
      (entry.alone && !isClauseOfItsOwn(text, match))
    ) {
      for (const flag of flagsOf(entry)) cancelled.add(flag);
      continue;
    }
    for (const flag of flagsOf(entry)) {
      if (
        (QUOTABLE.has(flag) && quotes.length > 0 && insideAny(quotes, match)) ||
        (DECLINABLE.has(flag) && endsWithin(text, found.declines, match, NEGATION_WINDOW)) ||
        (THANKABLE.has(flag) && endsWithin(text, found.thanksFor, match, NEGATION_WINDOW)) ||
        (flag === 'insult' && endsWithin(text, found.selfReference, match, SELF_REFERENCE_WINDOW)) ||
        (flag === 'insult' && endsWithin(text, found.denials, match, NEGATION_WINDOW)) ||
        (flag === 'gratitude' && isSarcastic(text, found, match))
      ) {
        cancelled.add(flag);
        continue;
      }
      if (entry.aimed) aimedAbuse = true;
      (entry.onlyWhenUnhappy ? evidenceIfUnhappy : evidence).push({
        flag,
        start: match.start,
        end: match.end,
        text: text.slice(match.start, match.end),
        rule: `${lang}:${match.term}`,
      });
    }
  }
  // "Never shopping with you again" leaves: an "again" in the clause of a churn threat is no second contact.
  const churn = evidence.filter((e) => e.flag === 'churn_threat');
  if (churn.length && evidence.some((e) => isAgainInChurn(text, churn, e))) cancelled.add('repeat_contact');
  // A refusal, thanks for something or sarcasm anywhere in the text keeps the model (which reads no clauses) off.
  if (found.declines.length > 0) for (const flag of DECLINABLE) cancelled.add(flag);
  if (found.thanksFor.length > 0) for (const flag of THANKABLE) cancelled.add(flag);
  if (found.sarcasm.length > 0) cancelled.add('gratitude');
  return {
    evidence: churn.length ? evidence.filter((e) => !isAgainInChurn(text, churn, e)) : evidence,
    evidenceIfUnhappy: churn.length
      ? evidenceIfUnhappy.filter((e) => !isAgainInChurn(text, churn, e))
      : evidenceIfUnhappy,
    aimedAbuse,
    cancelled,
  };
}

function signalsOf(text: string, lang: DetectedLang, found: PackMatches): SignalEvidence[] {
  const signals: SignalEvidence[] = [];
  for (const match of found.signals) {
    let kind = match.payload.kind;
    if (match.payload.negatable && isNegated(text, found, match)) {
      // "nie jestem zadowolona" is a complaint; a negated complaint says nothing either way.
      if (kind !== 'positive') continue;
      kind = 'negative';
    }
    signals.push({
      kind,
      start: match.start,
      end: match.end,
      text: text.slice(match.start, match.end),
      rule: `${lang}:${match.term}`,
    });
  }
  for (const match of found.sarcasm) {
    signals.push({
      kind: 'negative',
      start: match.start,
      end: match.end,
      text: text.slice(match.start, match.end),
      rule: `${lang}:sarcasm:${match.term}`,
    });
  }
  return signals;
}

interface JoinCues {
  joins: Match<true>[];
  faults: Match<true>[];
}

/** Is a join between the two matches? */
function isJoined(joins: readonly Match<true>[], a: Match<unknown>, b: Match<unknown>): boolean {
  const from = Math.min(a.end, b.end);
  const to = Math.max(a.start, b.start);
  for (const j of joins) if (j.start >= from && j.end <= to) return true;
  return false;
}

/** The part of the clause a match stands in, up to the clause breaks and joins either side of it. */
function partOf(text: string, joins: readonly Match<true>[], m: Match<unknown>): Range {
  let start = 0;
  for (let i = m.start - 1; i >= 0; i--)
    if (CLAUSE_BREAK.test(text.charAt(i))) {
      start = i + 1;
      break;
    }
  let end = text.length;
  for (let i = m.end; i < text.length; i++)
    if (CLAUSE_BREAK.test(text.charAt(i))) {
      end = i;
      break;
    }
  for (const j of joins) {
    if (j.end <= m.start && j.end > start) start = j.end;
    if (j.start >= m.end && j.start < end) end = j.start;
  }
  return { start, end };
}

function insideAny(ranges: readonly Range[], span: Range): boolean {
  for (const r of ranges) if (span.start >= r.start && span.end <= r.end) return true;
  return false;
}

function hasIn(part: Range, cues: readonly Match<unknown>[]): boolean {
  for (const c of cues) if (c.start >= part.start && c.end <= part.end) return true;
  return false;
}

/**
 * Whether a topic stands apart from the complaints of other kinds in its clause: each of them is
 * across a join, and a fault or a negator stands in the topic's own part ("the parcel came late and
 * the invoice is wrong"). Joins and faults are frequent words: found only when this is asked.
 */
function standsApart(
  text: string,
  match: Match<ProblemEntry>,
  others: readonly Match<ProblemEntry>[],
  cues: JoinCues,
  negators: readonly Match<true>[],
): boolean {
  for (const o of others) if (!isJoined(cues.joins, match, o)) return false;
  const part = partOf(text, cues.joins, match);
  return hasIn(part, cues.faults) || hasIn(part, negators);
}

/** One problem per category; a mere topic ("parking") counts only in an unhappy message. */
function problemsOf(
  text: string,
  matches: readonly Match<ProblemEntry>[],
  unhappy: boolean,
  pack: CompiledPack,
  tokens: readonly Token[],
  negators: readonly Match<true>[],
): Problem[] {
  let cues: JoinCues | null = null;
  const problems: Problem[] = [];
  const seen = new Set<ProblemCategory>();
  for (const match of matches) {
    const { category, topic } = match.payload;
    if (seen.has(category) || (topic && !unhappy)) continue;
    if (topic) {
      // A topic ("the courier", "the parcel") in the clause of a complaint of another kind is its
      // subject, not a second problem, unless a join sets it apart with a fault of its own.
      const others: Match<ProblemEntry>[] = [];
      for (const o of matches)
        if (!o.payload.topic && o.payload.category !== category && sameClause(text, match, o)) others.push(o);
      if (others.length > 0) {
        cues ??= pack.findJoins(tokens);
        if (!standsApart(text, match, others, cues, negators)) continue;
      }
    }
    seen.add(category);
    problems.push({ category, start: match.start, end: match.end });
  }
  return problems;
}

const EMOJI_KIND = new Map(EMOJI_SIGNALS.flatMap((e) => e.emoji.map((emoji) => [emoji, e] as const)));
const EMOJI_RUN = new RegExp(
  `(?:${[...EMOJI_KIND.keys()].join('|')})(?:\\s*(?:${[...EMOJI_KIND.keys()].join('|')}))*`,
  'gu',
);
const EMOJI_ONE = new RegExp([...EMOJI_KIND.keys()].join('|'), 'gu');

/** Runs of emoji that carry a feeling, in the customer's own words: read only in a text that has any astral characters. */
function emojiSignals(text: string, ranges: readonly Range[]): SignalEvidence[] {
  const signals: SignalEvidence[] = [];
  for (const range of ranges) {
    const slice = text.slice(range.start, range.end);
    EMOJI_RUN.lastIndex = 0;
    for (let m = EMOJI_RUN.exec(slice); m; m = EMOJI_RUN.exec(slice)) {
      const each = m[0].match(EMOJI_ONE) ?? [];
      const entry = EMOJI_KIND.get(each[0] ?? '');
      if (!entry) continue;
      const strong = each.some((e) => EMOJI_KIND.get(e)?.kind === 'strong_negative');
      const kind =
        strong || (entry.strongFrom !== undefined && each.length >= entry.strongFrom)
          ? 'strong_negative'
          : entry.kind;
      const start = range.start + m.index;
      signals.push({ kind, start, end: start + m[0].length, text: m[0], rule: 'emoji' });
    }
  }
  return signals;
}

function countSignals(signals: readonly SignalEvidence[]): Record<SignalKind, number> {
  const counts: Record<SignalKind, number> = { negative: 0, strong_negative: 0, positive: 0 };
  for (const s of signals) counts[s.kind]++;
  return counts;
}

/** Sorted by position, without repeats of one flag over one span. */
function sortedDistinct(evidence: Evidence[]): Evidence[] {
  evidence.sort((a, b) => a.start - b.start || a.end - b.end);
  const distinct: Evidence[] = [];
  for (const e of evidence) if (!isRepeat(distinct, e)) distinct.push(e);
  return distinct;
}

/** Does sorted `kept` hold this flag over this span? Equal spans sort together: only its tail is read. */
function isRepeat(kept: readonly Evidence[], e: Evidence): boolean {
  for (let k = kept.length - 1; k >= 0; k--) {
    const other = kept[k] as Evidence;
    if (other.start !== e.start || other.end !== e.end) return false;
    if (other.flag === e.flag) return true;
  }
  return false;
}

export type AnalyzeMessage = ReturnType<typeof createAnalyzer>;
