import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMessage, coachReply, ELEMENTS, FLAGS, LEVELS, type Level } from '../src/index.ts';
import { coachRulesFor, type LabelledDraft } from './coach-sets.ts';
import { readJsonl } from './jsonl.ts';
import { addOutcome, emptyCounts, num, pct, perLabel, scores } from './metrics.ts';
import type { LabelledMessage } from './own-sets.ts';
import { type Cell, renderTable } from './table.ts';

/**
 * Blind rounds: customer messages and agent drafts written and labelled by someone who had seen only
 * PRODUCT.md's vocabulary, never the engine's rules or our sets. A round's figures on the day it was
 * written are in its README; each round stays in eval/blind/<date>/ and every `npm run eval` scores
 * it again, so later rounds show whether a change generalised or only fitted what it was tuned on.
 * Problems are named in the writer's own words there: only their number is compared.
 */
const BLIND_FOLDER = fileURLToPath(new URL('./blind/', import.meta.url));
const ANGRY_OR_WORSE: readonly Level[] = ['angry', 'hostile'];

type Scores = ReturnType<typeof scores>;

export interface BlindScores {
  round: string;
  messages: number;
  flags: ReturnType<typeof perLabel>;
  languageAccuracy: number;
  levelWithinOne: number;
  angryOrWorse: Scores;
  severalProblems: Scores;
  drafts: number;
  findings: ReturnType<typeof perLabel>;
  checklist: Scores;
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
  const messages = readJsonl<LabelledMessage>(join(folder, 'messages.jsonl')) ?? [];
  const drafts = readJsonl<LabelledDraft>(join(folder, 'drafts.jsonl')) ?? [];
  if (messages.length === 0 && drafts.length === 0) return null;
  const analysed = messages.map((message) => ({ message, analysis: analyzeMessage(message.text) }));
  const angryOrWorse = emptyCounts();
  const several = emptyCounts();
  for (const { message, analysis } of analysed) {
    addOutcome(angryOrWorse, ANGRY_OR_WORSE.includes(analysis.level), ANGRY_OR_WORSE.includes(message.level));
    addOutcome(several, analysis.issues > 1, new Set(message.problems).size > 1);
  }
  const coached = drafts.map((draft) => {
    const coaching = coachReply(draft.text, { ...draft.context, lang: draft.lang });
    const rules = coachRulesFor(draft.lang);
    const found = coaching.findings.map((f) => f.rule as string).filter((rule) => rules.includes(rule));
    return { draft, found, has: coaching.has as string[] };
  });
  const checklist = perLabel(
    ELEMENTS,
    coached.map(({ draft, has }) => ({ predicted: has, expected: draft.elements })),
  );
  const share = (count: number) => (messages.length ? count / messages.length : 0);
  return {
    round: folder.replace(/\/$/, '').split('/').pop() ?? folder,
    messages: messages.length,
    flags: perLabel(
      FLAGS,
      analysed.map(({ message, analysis }) => ({ predicted: analysis.flags, expected: message.flags })),
    ),
    languageAccuracy: share(
      analysed.filter(({ message, analysis }) => analysis.lang === message.lang).length,
    ),
    levelWithinOne: share(
      analysed.filter(
        ({ message, analysis }) =>
          Math.abs(LEVELS.indexOf(analysis.level) - LEVELS.indexOf(message.level)) <= 1,
      ).length,
    ),
    angryOrWorse: scores(angryOrWorse),
    severalProblems: scores(several),
    drafts: drafts.length,
    findings: perLabel(
      [...new Set(coached.flatMap(({ draft }) => coachRulesFor(draft.lang)))],
      coached.map(({ draft, found }) => ({ predicted: found, expected: draft.findings })),
    ),
    checklist: checklist.micro,
  };
}

const withSupport = (table: Cell[][]) => table.filter((row) => row[0] === 'micro' || Number(row[1]) > 0);

export function evaluateBlindSets(markdown: boolean, out: string[], extra: readonly string[] = []): void {
  const rows: Cell[][] = [];
  const details: string[] = [];
  const header = ['label', 'support', 'precision', 'recall', 'F1'];
  for (const folder of blindRounds(extra)) {
    const s = scoreBlindRound(folder);
    if (!s) continue;
    const f = s.flags.micro;
    const c = s.findings.micro;
    rows.push([
      s.round,
      s.messages,
      `${num(f.f1)} (${num(f.precision)} / ${num(f.recall)})`,
      pct(s.languageAccuracy),
      pct(s.levelWithinOne),
      num(s.angryOrWorse.f1),
      num(s.severalProblems.f1),
      s.drafts,
      `${num(c.f1)} (${num(c.precision)} / ${num(c.recall)})`,
      num(s.checklist.f1),
    ]);
    details.push(
      renderTable(`Blind round ${s.round}: flags`, header, withSupport(s.flags.table), markdown),
      renderTable(`Blind round ${s.round}: coach findings`, header, withSupport(s.findings.table), markdown),
    );
  }
  if (rows.length === 0) return;
  out.push(
    renderTable(
      'Blind rounds (written and labelled by others, never tuned on)',
      [
        'round',
        'messages',
        'flags F1 (P / R)',
        'language',
        'level ±1',
        'angry or worse F1',
        'several problems F1',
        'drafts',
        'findings F1 (P / R)',
        'checklist F1',
      ],
      rows,
      markdown,
    ),
    ...details,
  );
}
