import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Analysis, analyzeMessage } from '../src/index.ts';
import { readJsonl } from './jsonl.ts';
import { addOutcome, emptyCounts, num, pct, scores } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

export interface Row {
  text: string;
  label: string;
  labels?: string[];
  lang: string;
  functionality?: string;
  ekman?: string[];
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sharedData = `${repoRoot}../shared/data/`;
const unzipped = `${repoRoot}.eval-data/`;

type Task = 'abuse' | 'anger' | 'language';

export interface PublicSet {
  name: string;
  file: () => string | null;
  task: Task;
  expected?: (row: Row) => boolean;
  /** Break the results down by this field (HateCheck's functional tests). */
  byFunctionality?: boolean;
}

export const isAbusive = (a: Analysis) =>
  a.flags.some((f) => f === 'profanity' || f === 'insult' || f === 'threat_violence');
export const isAngry = (a: Analysis) => a.level === 'angry' || a.level === 'hostile';

/** BAN-PL is shipped zipped with its published password; unzip it once into the git-ignored .eval-data/. */
function banPl(file: string): () => string | null {
  return () => {
    const zip = `${sharedData}ban-pl/ban-pl.zip`;
    if (!existsSync(zip)) return null;
    const target = `${unzipped}ban-pl/${file}`;
    if (!existsSync(target)) {
      mkdirSync(`${unzipped}ban-pl`, { recursive: true });
      execFileSync('unzip', ['-o', '-q', '-P', 'BAN-PL_2', zip, '-d', `${unzipped}ban-pl`]);
    }
    return target;
  };
}

const shared = (path: string) => () => `${sharedData}${path}`;
const offensive = (row: Row) => row.label !== 'none';

export const SETS: PublicSet[] = [
  { name: 'BAN-PL (pl)', file: banPl('ban-pl.jsonl'), task: 'abuse', expected: offensive },
  { name: 'HATE-WAR-PL (pl)', file: banPl('hate-war-pl.jsonl'), task: 'abuse', expected: offensive },
  {
    name: 'Davidson (en)',
    file: shared('davidson-hate-offensive/davidson.jsonl'),
    task: 'abuse',
    expected: offensive,
  },
  {
    name: 'wiki-toxicity (en)',
    file: shared('wiki-toxicity/wiki-toxicity-test.jsonl'),
    task: 'abuse',
    expected: offensive,
  },
  {
    name: 'HateCheck (en)',
    file: shared('hatecheck-en/hatecheck-en.jsonl'),
    task: 'abuse',
    expected: offensive,
    byFunctionality: true,
  },
  {
    name: 'MHC (pl)',
    file: shared('multilingual-hatecheck-pl/mhc-pl.jsonl'),
    task: 'abuse',
    expected: offensive,
    byFunctionality: true,
  },
  {
    name: 'GoEmotions anger (en)',
    file: shared('goemotions/goemotions-test.jsonl'),
    task: 'anger',
    expected: (r) => (r.labels ?? []).includes('anger'),
  },
  {
    name: 'GoEmotions Ekman anger (en)',
    file: shared('goemotions/goemotions-test.jsonl'),
    task: 'anger',
    expected: (r) => (r.ekman ?? []).includes('anger'),
  },
  {
    name: 'XED anger (pl)',
    file: shared('xed/xed-pl.jsonl'),
    task: 'anger',
    expected: (r) => r.label === 'anger',
  },
  {
    name: 'XED anger (et)',
    file: shared('xed/xed-et.jsonl'),
    task: 'anger',
    expected: (r) => r.label === 'anger',
  },
  {
    name: 'XED anger (en)',
    file: shared('xed/xed-en.jsonl'),
    task: 'anger',
    expected: (r) => r.label === 'anger',
  },
  {
    name: 'Estonian valence (et)',
    file: shared('estonian-valence/estonian-valence.jsonl'),
    task: 'language',
  },
  {
    name: 'Bitext support (en)',
    file: shared('bitext-customer-support/bitext-customer-support.jsonl'),
    task: 'language',
  },
];

export interface PublicResult {
  name: string;
  f1?: number;
  languageAccuracy15: number;
}

const MIN_LANGUAGE_CHARS = 15;

export function evaluatePublicSets(markdown: boolean, out: string[]): PublicResult[] {
  const taskRows: Cell[][] = [];
  const languageRows: Cell[][] = [];
  const functionalityRows: Cell[][] = [];
  const results: PublicResult[] = [];
  let languageTotal = 0;
  let languageRight = 0;
  for (const set of SETS) {
    const path = set.file();
    const rows = path ? readJsonl<Row>(path) : null;
    if (!rows) {
      out.push(`(skipped ${set.name}: data not found under ../shared/data)`);
      continue;
    }
    const counts = emptyCounts();
    const byFunctionality = new Map<string, { n: number; right: number; expected: boolean }>();
    let long = 0;
    let longRight = 0;
    let right = 0;
    for (const row of rows) {
      const analysis = analyzeMessage(row.text);
      if (analysis.lang === row.lang) right++;
      if (row.text.length >= MIN_LANGUAGE_CHARS) {
        long++;
        if (analysis.lang === row.lang) longRight++;
      }
      if (!set.expected) continue;
      const predicted = set.task === 'abuse' ? isAbusive(analysis) : isAngry(analysis);
      const expected = set.expected(row);
      addOutcome(counts, predicted, expected);
      if (set.byFunctionality && row.functionality) {
        const entry = byFunctionality.get(row.functionality) ?? { n: 0, right: 0, expected };
        entry.n++;
        if (predicted === expected) entry.right++;
        byFunctionality.set(row.functionality, entry);
      }
    }
    languageTotal += long;
    languageRight += longRight;
    languageRows.push([
      set.name,
      rows.length,
      pct(right / rows.length),
      long,
      pct(longRight / Math.max(long, 1)),
    ]);
    const result: PublicResult = { name: set.name, languageAccuracy15: longRight / Math.max(long, 1) };
    if (set.expected) {
      const s = scores(counts);
      taskRows.push([set.name, set.task, rows.length, s.support, num(s.precision), num(s.recall), num(s.f1)]);
      result.f1 = s.f1;
    }
    for (const [functionality, entry] of [...byFunctionality].sort()) {
      functionalityRows.push([
        set.name,
        functionality,
        entry.expected ? 'abusive' : 'not abusive',
        entry.n,
        pct(entry.right / entry.n),
      ]);
    }
    results.push(result);
  }
  out.push(
    renderTable(
      'Public sets: abuse (profanity ∨ insult ∨ threat_violence) and anger (angry ∨ hostile)',
      ['set', 'task', 'rows', 'positives', 'precision', 'recall', 'F1'],
      taskRows,
      markdown,
    ),
  );
  out.push(
    renderTable(
      'HateCheck by functionality',
      ['set', 'functionality', 'gold', 'n', 'accuracy'],
      functionalityRows,
      markdown,
    ),
  );
  languageRows.push(['all sets', '', '', languageTotal, pct(languageRight / Math.max(languageTotal, 1))]);
  out.push(
    renderTable(
      'Language accuracy (target ≥ 98 % on 15+ characters)',
      ['set', 'rows', 'all', 'rows 15+', '15+ chars'],
      languageRows,
      markdown,
    ),
  );
  return results;
}
