/**
 * How the engine's count of problems (`issues`) agrees with the writers' on the training corpus: per
 * language, the exact count, "several problems" (more than one) as precision / recall / F1, and the
 * confusion of engine 0/1/2/3+ against writer 0/1/2/3+. The counting rules were written from the
 * first writers' messages of folds 0–2 only; no message of folds 3–4 was read, so their figures are the
 * fairer ones (though their totals were seen when choosing between a few variants of a rule), and the
 * second writers' files came after the rules.
 *
 * Alone: `npx tsx packages/analysis/eval/problem-count.ts [--markdown] [--disagreements [lang]]`
 * (`--disagreements` prints the messages of folds 0–2 where the counts differ, writer → engine).
 */
import { pathToFileURL } from 'node:url';
import { analyzeMessage } from '../src/index.ts';
import { type CorpusMessage, isSecondWriterFile, readCorpus } from '../train/corpus-data.ts';
import { addOutcome, emptyCounts, num, pct, scores } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

/** The folds whose messages were read while the counting rules were written (the first writers' files). */
const READ_FOLDS: ReadonlySet<number> = new Set([0, 1, 2]);

type Part = 'read' | 'unread' | 'second';
const partOf = (file: { name: string; fold: number }): Part =>
  isSecondWriterFile(file.name) ? 'second' : READ_FOLDS.has(file.fold) ? 'read' : 'unread';
const BUCKETS = ['0', '1', '2', '3+'] as const;

const bucketOf = (count: number) => Math.min(count, 3);
const writerCount = (message: CorpusMessage) => new Set(message.problems).size;

interface Tally {
  messages: number;
  exact: number;
  several: ReturnType<typeof emptyCounts>;
  confusion: number[][];
}

const emptyTally = (): Tally => ({
  messages: 0,
  exact: 0,
  several: emptyCounts(),
  confusion: BUCKETS.map(() => BUCKETS.map(() => 0)),
});

function addMessage(tally: Tally, engine: number, writer: number): void {
  tally.messages++;
  if (engine === writer) tally.exact++;
  addOutcome(tally.several, engine > 1, writer > 1);
  const row = tally.confusion[bucketOf(writer)] as number[];
  row[bucketOf(engine)] = (row[bucketOf(engine)] ?? 0) + 1;
}

function summaryRow(label: string, tally: Tally): Cell[] {
  const s = scores(tally.several);
  return [
    label,
    tally.messages,
    pct(tally.exact / Math.max(1, tally.messages)),
    num(s.precision),
    num(s.recall),
    num(s.f1),
  ];
}

export function evaluateProblemCount(markdown: boolean, out: string[], disagreementsOf?: string): void {
  const tallies = () => ({
    all: emptyTally(),
    read: emptyTally(),
    unread: emptyTally(),
    second: emptyTally(),
  });
  const byLang = new Map<string, ReturnType<typeof tallies>>();
  const total = tallies();
  const disagreements: string[] = [];
  for (const file of readCorpus()) {
    const part = partOf(file);
    for (const message of file.messages) {
      const lang = message.lang;
      let ofLang = byLang.get(lang);
      if (!ofLang) {
        ofLang = tallies();
        byLang.set(lang, ofLang);
      }
      const engine = analyzeMessage(message.text).issues;
      const writer = writerCount(message);
      for (const t of [ofLang.all, total.all, ofLang[part], total[part]]) addMessage(t, engine, writer);
      if (part === 'read' && engine !== writer && (disagreementsOf === 'all' || disagreementsOf === lang))
        disagreements.push(
          `${message.id} ${writer}→${engine} [${message.problems.join(', ')}] ${message.text}`,
        );
    }
  }
  const rows: Cell[][] = [];
  for (const [lang, t] of byLang) {
    rows.push(summaryRow(`${lang} all`, t.all), summaryRow(`${lang} folds 3–4`, t.unread));
    if (t.second.messages > 0) rows.push(summaryRow(`${lang} second writer`, t.second));
  }
  rows.push(summaryRow('all', total.all), summaryRow('all folds 0–2 (read)', total.read));
  rows.push(summaryRow('all folds 3–4 (unread)', total.unread));
  if (total.second.messages > 0) rows.push(summaryRow('all second writers (unread)', total.second));
  out.push(
    renderTable(
      'Training corpus: problem count against the writers (several = more than one)',
      ['messages', 'count', 'exact', 'several P', 'several R', 'several F1'],
      rows,
      markdown,
    ),
  );
  for (const [lang, t] of [
    ...[...byLang].map(([l, ts]) => [l, ts.all] as const),
    ['all', total.all] as const,
  ]) {
    out.push(
      renderTable(
        `Training corpus ${lang}: problem count confusion (rows writer, columns engine)`,
        ['writer', ...BUCKETS],
        BUCKETS.map((b, i) => [b, ...(t.confusion[i] as number[])]),
        markdown,
      ),
    );
  }
  if (disagreements.length) out.push('', ...disagreements);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--disagreements');
  const which = at >= 0 ? (process.argv[at + 1] ?? 'all') : undefined;
  const out: string[] = [];
  evaluateProblemCount(process.argv.includes('--markdown'), out, which);
  console.log(out.join('\n'));
}
