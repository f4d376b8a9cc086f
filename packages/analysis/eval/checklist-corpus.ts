/**
 * The coach on the training corpus's drafts: precision, recall and F1 of each finding and of each
 * checklist element, per language, for the rules alone (the core build) and for the rules with the
 * learned model (the main entry). Draft files 01–05 are the "read" half, the rest the "unread" half:
 * rules are written from the read half only, so the unread half shows whether they generalise.
 *
 * Run: npx tsx packages/analysis/eval/checklist-corpus.ts [--misses <finding or element> <lang>]
 * (`--misses` lists the read half's drafts where the rules alone disagree with the writer on it).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coachReply as rulesAlone } from '../src/core.ts';
import {
  COACH_RULES,
  type CoachContext,
  type Coaching,
  ELEMENTS,
  type Lang,
  coachReply as rulesAndModel,
} from '../src/index.ts';
import { readJsonl } from './jsonl.ts';
import { num, perLabel } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

interface CorpusDraft {
  id: string;
  text: string;
  lang: Lang;
  findings: string[];
  elements: string[];
  context?: CoachContext;
}

type Half = 'read' | 'unread';
const LANGS = ['pl', 'et', 'en'] as const;
const READ_FILES = 5;

const corpusDir = (lang: Lang) => fileURLToPath(new URL(`../train/corpus/${lang}/`, import.meta.url));

function halfOf(file: string): Half {
  const number = Number(/drafts-(\d+)\.jsonl$/u.exec(file)?.[1]);
  return number <= READ_FILES ? 'read' : 'unread';
}

function draftsOf(lang: Lang, half: Half): CorpusDraft[] {
  return readdirSync(corpusDir(lang))
    .filter((file) => /^drafts-\d+\.jsonl$/u.test(file) && halfOf(file) === half)
    .sort()
    .flatMap((file) => readJsonl<CorpusDraft>(corpusDir(lang) + file) ?? []);
}

type Coach = (draft: string, context?: CoachContext) => Coaching;

const KINDS = {
  findings: {
    labels: COACH_RULES,
    predicted: (c: Coaching): string[] => c.findings.map((f) => f.rule),
    expected: (d: CorpusDraft) => d.findings,
  },
  checklist: {
    labels: ELEMENTS,
    predicted: (c: Coaching): string[] => c.has,
    expected: (d: CorpusDraft) => d.elements,
  },
} as const;
type Kind = keyof typeof KINDS;

function labelTable(kind: Kind, drafts: readonly CorpusDraft[], lang: Lang, coach: Coach) {
  const { labels, predicted, expected } = KINDS[kind];
  return perLabel(
    labels,
    drafts.map((d) => ({
      predicted: predicted(coach(d.text, { ...d.context, lang })),
      expected: expected(d),
    })),
  );
}

function printMisses(label: string, lang: Lang): void {
  const kind: Kind = (ELEMENTS as readonly string[]).includes(label) ? 'checklist' : 'findings';
  const { predicted, expected } = KINDS[kind];
  for (const d of draftsOf(lang, 'read')) {
    const found = predicted(rulesAlone(d.text, { ...d.context, lang })).includes(label);
    const wanted = expected(d).includes(label);
    if (found !== wanted)
      console.log(`${wanted ? 'MISS' : 'FALSE'}\t${d.id}\t${d.text.replaceAll('\n', ' ⏎ ')}`);
  }
}

function report(): void {
  const coaches: [string, Coach][] = [
    ['rules', rulesAlone],
    ['rules+model', rulesAndModel],
  ];
  for (const kind of ['findings', 'checklist'] as const) {
    const summary: Cell[][] = [];
    for (const lang of LANGS) {
      for (const half of ['read', 'unread'] as const) {
        const drafts = draftsOf(lang, half);
        for (const [name, coach] of coaches) {
          const { table, micro } = labelTable(kind, drafts, lang, coach);
          console.log(
            renderTable(
              `${kind === 'findings' ? 'Findings' : 'Checklist'} ${lang} ${half} (${drafts.length} drafts), ${name}`,
              [kind === 'findings' ? 'finding' : 'element', 'support', 'precision', 'recall', 'F1'],
              table,
              false,
            ),
          );
          summary.push([
            lang,
            half,
            name,
            drafts.length,
            num(micro.precision),
            num(micro.recall),
            num(micro.f1),
          ]);
        }
      }
    }
    console.log(
      renderTable(
        `${kind === 'findings' ? 'Findings' : 'Checklist'} micro F1 by language and half`,
        ['lang', 'half', 'coach', 'drafts', 'precision', 'recall', 'F1'],
        summary,
        false,
      ),
    );
  }
}

const [flag, label, lang] = process.argv.slice(2);
if (flag === '--misses' && label && lang) printMisses(label, lang as Lang);
else report();
