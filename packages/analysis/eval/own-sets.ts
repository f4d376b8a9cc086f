import { fileURLToPath } from 'node:url';
import { analyzeMessage, FLAGS, type Flag, LEVELS, type Level } from '../src/index.ts';
import { readJsonl } from './jsonl.ts';
import { addOutcome, type Counts, emptyCounts, num, pct, scores, sumCounts } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

export interface LabelledMessage {
  id: string;
  text: string;
  lang: string;
  flags: Flag[];
  level: Level;
  problems: string[];
}

export interface OwnSetResult {
  lang: string;
  messages: number;
  flagsMicroF1: number;
  levelWithinOne: number;
  languageAccuracy: number;
}

const setPath = (lang: string, file = 'messages') =>
  fileURLToPath(new URL(`./sets/${lang}/${file}.jsonl`, import.meta.url));
const levelIndex = (level: Level) => LEVELS.indexOf(level);

function evaluateLanguage(
  title: string,
  lang: string,
  messages: LabelledMessage[],
  markdown: boolean,
  out: string[],
): OwnSetResult {
  const perFlag = new Map<Flag, Counts>(FLAGS.map((f) => [f, emptyCounts()]));
  const confusion = LEVELS.map(() => LEVELS.map(() => 0));
  let exact = 0;
  let withinOne = 0;
  let languageRight = 0;
  let problemCountRight = 0;
  const misses: string[] = [];
  for (const message of messages) {
    const analysis = analyzeMessage(message.text);
    if (analysis.lang === message.lang) languageRight++;
    for (const flag of FLAGS) {
      addOutcome(perFlag.get(flag) as Counts, analysis.flags.includes(flag), message.flags.includes(flag));
    }
    const distance = Math.abs(levelIndex(analysis.level) - levelIndex(message.level));
    const row = confusion[levelIndex(message.level)] as number[];
    row[levelIndex(analysis.level)] = (row[levelIndex(analysis.level)] ?? 0) + 1;
    if (distance === 0) exact++;
    if (distance <= 1) withinOne++;
    if (analysis.issues === message.problems.length) problemCountRight++;
    const wrongFlags = FLAGS.filter((f) => analysis.flags.includes(f) !== message.flags.includes(f));
    if (wrongFlags.length || distance > 1) {
      misses.push(
        `${message.id}: ${wrongFlags.map((f) => (analysis.flags.includes(f) ? `+${f}` : `-${f}`)).join(' ')}${distance > 1 ? ` level ${message.level}→${analysis.level}` : ''}`,
      );
    }
  }
  const n = messages.length;
  const flagRows: Cell[][] = FLAGS.map((flag) => {
    const s = scores(perFlag.get(flag) as Counts);
    return [flag, s.support, num(s.precision), num(s.recall), num(s.f1)];
  });
  const micro = scores(sumCounts([...perFlag.values()]));
  flagRows.push(['micro', micro.support, num(micro.precision), num(micro.recall), num(micro.f1)]);
  out.push(
    renderTable(
      `${title} ${lang}: flags (${n} messages)`,
      ['flag', 'support', 'precision', 'recall', 'F1'],
      flagRows,
      markdown,
    ),
  );
  out.push(
    renderTable(
      `${title} ${lang}: level confusion (rows expected, columns predicted)`,
      ['expected', ...LEVELS],
      LEVELS.map((level, i) => [level, ...(confusion[i] as number[])]),
      markdown,
    ),
  );
  out.push(
    renderTable(
      `${title} ${lang}: summary`,
      ['measure', 'value', 'target'],
      [
        ['flags micro-F1', num(micro.f1), '≥ 0.90'],
        ['level exact', pct(exact / n), ''],
        ['level within one step', pct(withinOne / n), '≥ 95 %'],
        ['problem count exact', pct(problemCountRight / n), ''],
        ['language accuracy', pct(languageRight / n), '≥ 98 %'],
      ],
      markdown,
    ),
  );
  if (process.env.EVAL_VERBOSE) out.push(misses.join('\n'));
  return {
    lang,
    messages: n,
    flagsMicroF1: micro.f1,
    levelWithinOne: withinOne / n,
    languageAccuracy: languageRight / n,
  };
}

export function evaluateOwnSets(markdown: boolean, out: string[]): OwnSetResult[] {
  const results: OwnSetResult[] = [];
  // `heldout` was written after the rules were tuned and is never tuned on: the honest figure.
  for (const [file, title] of [
    ['messages', 'Own set'],
    ['heldout', 'Held-out set'],
  ] as const) {
    for (const lang of ['pl', 'et', 'en']) {
      const messages = readJsonl<LabelledMessage>(setPath(lang, file));
      if (!messages) {
        out.push(`\n(skipped ${title} ${lang}: ${setPath(lang, file)} is missing)`);
        continue;
      }
      results.push(evaluateLanguage(title, lang, messages, markdown, out));
    }
  }
  const other = readJsonl<LabelledMessage>(setPath('und'));
  if (other) {
    const right = other.filter((m) => analyzeMessage(m.text).lang === 'und').length;
    out.push(
      renderTable(
        'Own set und (other languages)',
        ['measure', 'value'],
        [['answered und', `${right}/${other.length} (${pct(right / other.length)})`]],
        markdown,
      ),
    );
  }
  return results;
}
