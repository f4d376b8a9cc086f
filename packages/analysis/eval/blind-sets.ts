import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeMessage,
  COACH_RULES,
  coachReply,
  ELEMENTS,
  FLAGS,
  type Flag,
  LEVELS,
  type Level,
} from '../src/index.ts';
import { readJsonl } from './jsonl.ts';
import { addOutcome, type Counts, emptyCounts, num, pct, scores, sumCounts } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

/**
 * Blind rounds: customer messages and agent drafts written and labelled by someone who had seen only
 * PRODUCT.md's vocabulary, never the engine's rules, and scored once when the round was written. Each
 * round stays in eval/blind/<date>/ as history: scoring later rounds on it again shows whether a
 * change generalised or only fitted what it was tuned on.
 */
const BLIND_FOLDER = fileURLToPath(new URL('./blind/', import.meta.url));
/** Levels at which the inbox escalates a case (PRODUCT.md: angry and hostile customers). */
const ESCALATED: readonly Level[] = ['angry', 'hostile'];

interface BlindMessage {
  id: string;
  text: string;
  lang: string;
  flags: Flag[];
  level: Level;
  problems: string[];
}

interface BlindDraft {
  id: string;
  text: string;
  lang: 'pl' | 'et' | 'en';
  findings: string[];
  elements: string[];
}

export interface BlindScores {
  round: string;
  messages: number;
  flags: ReturnType<typeof scores>;
  perFlag: Array<{ flag: Flag } & ReturnType<typeof scores>>;
  levelWithinOne: number;
  escalation: ReturnType<typeof scores>;
  severalProblems: ReturnType<typeof scores>;
  drafts: number;
  findings: ReturnType<typeof scores>;
  perFinding: Array<{ rule: string } & ReturnType<typeof scores>>;
  checklist: ReturnType<typeof scores>;
}

/** The round folders kept in eval/blind/, oldest first, then any folder named on the command line. */
export function blindRounds(extra: readonly string[] = []): string[] {
  const kept = existsSync(BLIND_FOLDER)
    ? readdirSync(BLIND_FOLDER, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(BLIND_FOLDER, entry.name))
        .sort()
    : [];
  return [...kept, ...extra];
}

export function scoreBlindRound(folder: string): BlindScores | null {
  const messages = readJsonl<BlindMessage>(join(folder, 'messages.jsonl')) ?? [];
  const drafts = readJsonl<BlindDraft>(join(folder, 'drafts.jsonl')) ?? [];
  if (messages.length === 0 && drafts.length === 0) return null;
  const flags: Counts[] = FLAGS.map(() => emptyCounts());
  const escalation = emptyCounts();
  const several = emptyCounts();
  let withinOne = 0;
  for (const message of messages) {
    const analysis = analyzeMessage(message.text);
    FLAGS.forEach((flag, i) => {
      addOutcome(flags[i] as Counts, analysis.flags.includes(flag), message.flags.includes(flag));
    });
    if (Math.abs(LEVELS.indexOf(analysis.level) - LEVELS.indexOf(message.level)) <= 1) withinOne++;
    addOutcome(escalation, ESCALATED.includes(analysis.level), ESCALATED.includes(message.level));
    addOutcome(several, analysis.issues > 1, new Set(message.problems).size > 1);
  }
  const perRule = new Map<string, Counts>(COACH_RULES.map((rule) => [rule, emptyCounts()]));
  const checklist = emptyCounts();
  for (const draft of drafts) {
    const coached = coachReply(draft.text, { lang: draft.lang });
    const found = new Set<string>(coached.findings.map((f) => f.rule));
    const has = new Set<string>(coached.has);
    // English has no informal form of address to find.
    const rules = draft.lang === 'en' ? COACH_RULES.filter((r) => r !== 'informal_address') : COACH_RULES;
    for (const rule of rules) {
      addOutcome(perRule.get(rule) as Counts, found.has(rule), draft.findings.includes(rule));
    }
    for (const element of ELEMENTS) addOutcome(checklist, has.has(element), draft.elements.includes(element));
  }
  return {
    round: folder.replace(/\/$/, '').split('/').pop() ?? folder,
    messages: messages.length,
    flags: scores(sumCounts(flags)),
    perFlag: FLAGS.map((flag, i) => ({ flag, ...scores(flags[i] as Counts) })),
    levelWithinOne: messages.length ? withinOne / messages.length : 0,
    escalation: scores(escalation),
    severalProblems: scores(several),
    drafts: drafts.length,
    findings: scores(sumCounts([...perRule.values()])),
    perFinding: [...perRule].map(([rule, counts]) => ({ rule, ...scores(counts) })),
    checklist: scores(checklist),
  };
}

export function evaluateBlindSets(markdown: boolean, out: string[], extra: readonly string[] = []): void {
  const rows: Cell[][] = [];
  const flagTables: string[] = [];
  for (const folder of blindRounds(extra)) {
    const s = scoreBlindRound(folder);
    if (!s) continue;
    const flagRows = s.perFlag
      .filter((f) => f.support > 0)
      .map((f) => [f.flag, f.support, num(f.precision), num(f.recall), num(f.f1)]);
    flagTables.push(
      renderTable(
        `Blind round ${s.round}: flags`,
        ['flag', 'support', 'precision', 'recall', 'F1'],
        flagRows,
        markdown,
      ),
      renderTable(
        `Blind round ${s.round}: coach findings`,
        ['finding', 'support', 'precision', 'recall', 'F1'],
        s.perFinding
          .filter((f) => f.support > 0)
          .map((f) => [f.rule, f.support, num(f.precision), num(f.recall), num(f.f1)]),
        markdown,
      ),
    );
    rows.push([
      s.round,
      s.messages,
      `${num(s.flags.f1)} (${num(s.flags.precision)} / ${num(s.flags.recall)})`,
      pct(s.levelWithinOne),
      num(s.escalation.f1),
      num(s.severalProblems.f1),
      s.drafts,
      `${num(s.findings.f1)} (${num(s.findings.precision)} / ${num(s.findings.recall)})`,
      num(s.checklist.f1),
    ]);
  }
  if (rows.length === 0) return;
  out.push(
    renderTable(
      'Blind rounds (written by others, scored once when written; never tuned on)',
      [
        'round',
        'messages',
        'flags F1 (P / R)',
        'level ±1',
        'escalation F1',
        'several problems F1',
        'drafts',
        'findings F1 (P / R)',
        'checklist F1',
      ],
      rows,
      markdown,
    ),
    ...flagTables,
  );
}
