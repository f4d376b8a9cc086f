/**
 * The coach's checklist on the training corpus's drafts: precision, recall and F1 of each element,
 * per language, for the rules alone (the core build) and for the rules with the learned model (the
 * main entry). Draft files 01–05 are the "read" half, the rest the "unread" half: rules are written
 * from the read half only, so the unread half shows whether they generalise.
 *
 * Run: npx tsx packages/analysis/eval/checklist-corpus.ts [--misses <element> <lang>]
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coachReply as rulesAlone } from '../src/core.ts';
import { type CoachContext, ELEMENTS, type Lang, coachReply as rulesAndModel } from '../src/index.ts';
import { readJsonl } from './jsonl.ts';
import { num, perLabel } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

interface CorpusDraft {
  id: string;
  text: string;
  lang: Lang;
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

type Coach = (draft: string, context?: CoachContext) => { has: string[] };

function elementsTable(drafts: readonly CorpusDraft[], lang: Lang, coach: Coach) {
  return perLabel(
    ELEMENTS,
    drafts.map((d) => ({ predicted: coach(d.text, { ...d.context, lang }).has, expected: d.elements })),
  );
}

function printMisses(element: string, lang: Lang): void {
  for (const d of draftsOf(lang, 'read')) {
    const has = rulesAlone(d.text, { ...d.context, lang }).has as string[];
    const expected = d.elements.includes(element);
    if (has.includes(element) !== expected)
      console.log(`${expected ? 'MISS' : 'FALSE'}\t${d.id}\t${d.text.replaceAll('\n', ' ⏎ ')}`);
  }
}

function report(): void {
  const summary: Cell[][] = [];
  const coaches: [string, Coach][] = [
    ['rules', rulesAlone],
    ['rules+model', rulesAndModel],
  ];
  for (const lang of LANGS) {
    for (const half of ['read', 'unread'] as const) {
      const drafts = draftsOf(lang, half);
      for (const [name, coach] of coaches) {
        const { table, micro } = elementsTable(drafts, lang, coach);
        console.log(
          renderTable(
            `Checklist ${lang} ${half} (${drafts.length} drafts), ${name}`,
            ['element', 'support', 'precision', 'recall', 'F1'],
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
      'Checklist micro F1 by language and half',
      ['lang', 'half', 'coach', 'drafts', 'precision', 'recall', 'F1'],
      summary,
      false,
    ),
  );
}

const [flag, element, lang] = process.argv.slice(2);
if (flag === '--misses' && element && lang) printMisses(element, lang as Lang);
else report();
