/**
 * Flags on the training corpus, per flag and language: precision, recall and F1 of the rules alone
 * and of the rules with the learned model, on two halves of the corpus split by file name.
 *
 * The "read" part (messages-01 … messages-13) is the one to study when writing rules; the "unread"
 * part (messages-14 and on) shows whether they hold on text nobody tuned them to. Files 10–13 were
 * read later than the others, for churn and threats of violence only. The "second" part is each
 * language's second writer (messages-w2-NN), whose files came after the rules and were never read.
 * The learned model is trained on every corpus file, so its rows here are in-sample: the out-of-fold
 * figures are in train/REPORT.md.
 *
 *   npx tsx packages/analysis/eval/flags-corpus.ts            # the table
 *   npx tsx packages/analysis/eval/flags-corpus.ts --misses threat_violence pl   # read-half misses of a flag
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../src/analyze/analyze-message.ts';
import { eldGuesser } from '../src/analyze/eld-guesser.ts';
import { analyzeMessage } from '../src/index.ts';
import { PACKS } from '../src/lang/index.ts';
import { FLAGS, type Flag, LANGS, type Lang } from '../src/vocabulary.ts';
import { isSecondWriterFile } from '../train/corpus-data.ts';

const CORPUS = fileURLToPath(new URL('../train/corpus/', import.meta.url));
const LAST_READ_FILE = 13;

type Half = 'read' | 'unread' | 'second';
interface Message {
  text: string;
  lang: Lang;
  flags: Flag[];
  half: Half;
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const rulesAlone = createAnalyzer({ packs: PACKS, guessLanguage: eldGuesser });
const analyzers = { rules: rulesAlone, 'rules+model': analyzeMessage } as const;
type AnalyzerName = keyof typeof analyzers;

function halfOfFile(name: string): Half {
  if (isSecondWriterFile(name)) return 'second';
  const number = Number(/messages-(\d+)\.jsonl$/.exec(name)?.[1]);
  return number <= LAST_READ_FILE ? 'read' : 'unread';
}

function readCorpus(): Message[] {
  const messages: Message[] = [];
  for (const lang of LANGS) {
    for (const name of readdirSync(`${CORPUS}${lang}`)
      .filter((n) => /^messages-(?:w2-)?\d+\.jsonl$/.test(n))
      .sort()) {
      const half = halfOfFile(name);
      for (const line of readFileSync(`${CORPUS}${lang}/${name}`, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as { text: string; flags: Flag[] };
        messages.push({ text: row.text, lang, flags: row.flags, half });
      }
    }
  }
  return messages;
}

const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

function scores({ tp, fp, fn }: Counts) {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = ratio(2 * tp, 2 * tp + fp + fn);
  return { precision, recall, f1 };
}

const key = (analyzer: AnalyzerName, half: Half, lang: Lang | 'all', flag: Flag) =>
  `${analyzer}|${half}|${lang}|${flag}`;

function countFlags(messages: readonly Message[]): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  const add = (k: string, field: keyof Counts) => {
    const c = counts.get(k) ?? emptyCounts();
    c[field]++;
    counts.set(k, c);
  };
  for (const message of messages) {
    for (const name of Object.keys(analyzers) as AnalyzerName[]) {
      const found = new Set(analyzers[name](message.text).flags);
      for (const flag of FLAGS) {
        const isGold = message.flags.includes(flag);
        const isFound = found.has(flag);
        const field: keyof Counts | undefined =
          isGold && isFound ? 'tp' : isFound ? 'fp' : isGold ? 'fn' : undefined;
        if (!field) continue;
        add(key(name, message.half, message.lang, flag), field);
        add(key(name, message.half, 'all', flag), field);
      }
    }
  }
  return counts;
}

const format = (n: number) => (Number.isNaN(n) ? '  –  ' : n.toFixed(2).padStart(5));

function printTable(counts: Map<string, Counts>) {
  const columns: [AnalyzerName, Half][] = [
    ['rules', 'read'],
    ['rules', 'unread'],
    ['rules', 'second'],
    ['rules+model', 'read'],
    ['rules+model', 'unread'],
    ['rules+model', 'second'],
  ];
  console.log(
    `${'flag'.padEnd(20)} lang  ${columns.map(([a, h]) => `${`${a} ${h}`.padEnd(17)}`).join(' ')}   (P / R / F1)`,
  );
  for (const flag of FLAGS) {
    for (const lang of [...LANGS, 'all'] as const) {
      const cells = columns.map(([analyzer, half]) => {
        const { precision, recall, f1 } = scores(
          counts.get(key(analyzer, half, lang, flag)) ?? emptyCounts(),
        );
        return `${format(precision)} ${format(recall)} ${format(f1)}`;
      });
      console.log(`${flag.padEnd(20)} ${lang.padEnd(4)}  ${cells.join(' ')}`);
    }
  }
}

/** The read half's messages where the rules alone miss (or wrongly raise) one flag. */
function printMisses(messages: readonly Message[], flag: Flag, lang: string | undefined) {
  for (const message of messages) {
    if (message.half !== 'read' || (lang && message.lang !== lang)) continue;
    const isFound = rulesAlone(message.text).flags.includes(flag);
    const isGold = message.flags.includes(flag);
    if (isGold !== isFound) console.log(`${isGold ? 'MISS' : 'FALSE'} [${message.lang}] ${message.text}`);
  }
}

const messages = readCorpus();
const [option, flag, lang] = process.argv.slice(2);
if (option === '--misses' && flag && (FLAGS as readonly string[]).includes(flag)) {
  printMisses(messages, flag as Flag, lang);
} else {
  printTable(countFlags(messages));
}
