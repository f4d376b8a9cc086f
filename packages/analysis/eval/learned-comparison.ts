import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../src/analyze/analyze-message.ts';
import { eldGuesser } from '../src/analyze/eld-guesser.ts';
import { coachReply as coachWithRules } from '../src/coach/coach-reply.ts';
import {
  type Analysis,
  analyzeMessage,
  type CoachContext,
  type Coaching,
  coachReply,
  ELEMENTS,
  FLAGS,
  LEVELS,
} from '../src/index.ts';
import { PACKS } from '../src/lang/index.ts';
import { DRAFT_MODEL } from '../src/learned/draft-model.generated.ts';
import { MODEL } from '../src/learned/model.generated.ts';
import { isPublicHeldOut } from '../train/public-data.ts';
import { blindRounds } from './blind-sets.ts';
import { coachRulesFor, type LabelledDraft } from './coach-sets.ts';
import { readJsonl } from './jsonl.ts';
import { addOutcome, type Counts, emptyCounts, num, pct, perLabel, scores } from './metrics.ts';
import type { LabelledMessage } from './own-sets.ts';
import { isAbusive, isAngry, type Row, SETS } from './public-sets.ts';
import { type Cell, renderTable } from './table.ts';

/**
 * Rules alone against rules + the learned model (src/learned/), on every labelled set in one run:
 * the model may only add flags, so the table shows what its additions gain and cost. Public sets the
 * model learned from are also scored on the quarter of their rows it never saw.
 */
const rulesOnly = createAnalyzer({ packs: PACKS, guessLanguage: eldGuesser });
const withModel = analyzeMessage;
const setPath = (lang: string, file: string) =>
  fileURLToPath(new URL(`./sets/${lang}/${file}.jsonl`, import.meta.url));
const TRAINED_ON = new Set(['HateCheck (en)', 'MHC (pl)', 'Davidson (en)']);

function messageScores(messages: readonly LabelledMessage[], analyze: (text: string) => Analysis) {
  const analysed = messages.map((m) => ({ m, a: analyze(m.text) }));
  const flags = perLabel(
    FLAGS,
    analysed.map(({ m, a }) => ({ predicted: a.flags, expected: m.flags })),
  ).micro;
  const within = analysed.filter(
    ({ m, a }) => Math.abs(LEVELS.indexOf(a.level) - LEVELS.indexOf(m.level)) <= 1,
  ).length;
  return { flags, levelWithinOne: messages.length ? within / messages.length : 0 };
}

const cells = (s: ReturnType<typeof messageScores>) => [
  `${num(s.flags.f1)} (${num(s.flags.precision)} / ${num(s.flags.recall)})`,
  pct(s.levelWithinOne),
];

type Coach = (draft: string, context?: CoachContext) => Coaching;

function draftScores(drafts: readonly LabelledDraft[], coach: Coach) {
  const coached = drafts.map((d) => ({ d, c: coach(d.text, { ...d.context, lang: d.lang }) }));
  const findings = coached.map(({ d, c }) => {
    const rules = coachRulesFor(d.lang);
    return {
      predicted: c.findings.map((f) => f.rule as string).filter((r) => rules.includes(r)),
      expected: d.findings,
    };
  });
  return {
    findings: perLabel(coachRulesFor('pl'), findings).micro,
    checklist: perLabel(
      ELEMENTS,
      coached.map(({ d, c }) => ({ predicted: c.has, expected: d.elements })),
    ).micro,
  };
}

const draftCells = (s: ReturnType<typeof draftScores>) => [
  `${num(s.findings.f1)} (${num(s.findings.precision)} / ${num(s.findings.recall)})`,
  `${num(s.checklist.f1)} (${num(s.checklist.precision)} / ${num(s.checklist.recall)})`,
];

/**
 * The reply coach with the rules alone (the core build's) and with the learned draft model (the main
 * entry's) on labelled drafts: findings micro-F1 and checklist micro-F1, each with P / R.
 */
export function compareLearnedCoach(
  markdown: boolean,
  out: string[],
  groups: readonly (readonly [string, readonly LabelledDraft[]])[],
): void {
  const on = DRAFT_MODEL.flags.filter((_, f) => DRAFT_MODEL.thresholds[f] !== null);
  out.push(
    renderTable(
      `Reply coach, rules alone and rules + learned draft model (switched on: ${on.join(', ') || 'none'})`,
      [
        'set',
        'drafts',
        'rules: findings F1 (P / R)',
        'rules: checklist F1 (P / R)',
        '+ model: findings F1 (P / R)',
        '+ model: checklist F1 (P / R)',
      ],
      groups.map(([name, drafts]) => [
        name,
        drafts.length,
        ...draftCells(draftScores(drafts, coachWithRules)),
        ...draftCells(draftScores(drafts, coachReply)),
      ]),
      markdown,
    ),
  );
}

/** Our own labelled drafts, per language. */
export function ownDraftGroups(): [string, LabelledDraft[]][] {
  const groups: [string, LabelledDraft[]][] = [];
  for (const lang of ['pl', 'et', 'en'] as const) {
    const drafts = readJsonl<LabelledDraft>(setPath(lang, 'drafts'));
    if (drafts) groups.push([`own ${lang}`, drafts.map((d) => ({ ...d, lang }))]);
  }
  return groups;
}

export function compareLearned(markdown: boolean, out: string[]): void {
  const on = MODEL.flags.filter((_, f) => MODEL.thresholds[f] !== null);
  const rows: Cell[][] = [];
  const groups: [string, LabelledMessage[]][] = [];
  for (const [file, title] of [
    ['messages', 'own'],
    ['heldout', 'held-out'],
  ] as const) {
    for (const lang of ['pl', 'et', 'en']) {
      const messages = readJsonl<LabelledMessage>(setPath(lang, file));
      if (messages) groups.push([`${title} ${lang}`, messages]);
    }
  }
  for (const folder of blindRounds()) {
    const messages = readJsonl<LabelledMessage>(join(folder, 'messages.jsonl'));
    if (messages?.length) groups.push([`blind ${folder.replace(/\/$/, '').split('/').pop()}`, messages]);
  }
  for (const [name, messages] of groups) {
    const before = messageScores(messages, (t) => rulesOnly(t));
    const after = messageScores(messages, (t) => withModel(t));
    rows.push([name, messages.length, ...cells(before), ...cells(after)]);
  }
  out.push(
    renderTable(
      `Rules alone and rules + learned model (flags switched on: ${on.join(', ') || 'none'})`,
      [
        'set',
        'messages',
        'rules: flags F1 (P / R)',
        'rules: level ±1',
        '+ model: flags F1 (P / R)',
        '+ model: level ±1',
      ],
      rows,
      markdown,
    ),
  );
  const draftGroups = ownDraftGroups();
  for (const folder of blindRounds()) {
    const drafts = readJsonl<LabelledDraft>(join(folder, 'drafts.jsonl'));
    if (drafts?.length) draftGroups.push([`blind ${folder.replace(/\/$/, '').split('/').pop()}`, drafts]);
  }
  compareLearnedCoach(markdown, out, draftGroups);
  const publicRows: Cell[][] = [];
  for (const set of SETS) {
    if (!set.expected) continue;
    const path = set.file();
    const data = path ? readJsonl<Row>(path) : null;
    if (!data) continue;
    const expected = set.expected;
    const predict = set.task === 'abuse' ? isAbusive : isAngry;
    const score = (rows: readonly Row[], analyze: (t: string) => Analysis) => {
      const counts: Counts = emptyCounts();
      for (const row of rows) addOutcome(counts, predict(analyze(row.text)), expected(row));
      return num(scores(counts).f1);
    };
    const unseen = TRAINED_ON.has(set.name) ? data.filter((r) => isPublicHeldOut(r.text)) : data;
    publicRows.push([
      set.name,
      set.task,
      score(data, rulesOnly),
      score(data, withModel),
      TRAINED_ON.has(set.name)
        ? `${unseen.length}: ${score(unseen, rulesOnly)} → ${score(unseen, withModel)}`
        : 'not trained on',
    ]);
  }
  out.push(
    renderTable(
      'Public sets, rules alone and rules + learned model (F1)',
      ['set', 'task', 'rules', '+ model', 'rows never trained on: rules → + model'],
      publicRows,
      markdown,
    ),
  );
}
