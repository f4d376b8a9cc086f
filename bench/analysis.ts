import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMessage, type Lang } from '@calmdesk/analysis';
import { build } from 'esbuild';
import { Filter } from 'glin-profanity';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import { type Measurement, measure, percentile, ratioToFloor } from './measure.ts';
import { benchMessagesWithLanguage } from './messages.ts';

const FLOOR = /[^\p{L}]+/u;

/** Lower case and split on non-letters: the least any analyser must do. */
function floor(text: string): string[] {
  return text.toLowerCase().split(FLOOR);
}

export async function runAnalysisBench(): Promise<{
  rows: (string | number)[][];
  cold: (string | number)[][];
}> {
  const labelled = benchMessagesWithLanguage();
  const messages = labelled.map((message) => message.text);
  // Each message's own language, as a caller that knows it passes it (a language the engine does not
  // analyse is passed too, and detected as without one). A lookup costs under 1 % of an analysis.
  const languageOf = new Map(labelled.map((message) => [message.text, message.lang as Lang]));
  const sentiment = new Sentiment();
  const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const glin = new Filter({ languages: ['english'] });
  /** Each contender, and how many paired rounds its ratio to the floor takes (one for the slow ones). */
  const contenders: [string, (text: string) => unknown, number][] = [
    ['floor: lowercase + split', floor, 5],
    ['CalmDesk analyzeMessage', (t) => analyzeMessage(t), 11],
    ['CalmDesk, language given', (t) => analyzeMessage(t, { lang: languageOf.get(t) }), 11],
    ['sentiment', (t) => sentiment.analyze(t), 5],
    ['vader-sentiment', (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t), 1],
    ['obscenity', (t) => obscenity.hasMatch(t), 5],
    ['glin-profanity', (t) => glin.isProfane(t), 1],
  ];
  const rows = contenders.map(([name, fn, rounds]) => {
    const r: Measurement = measure(name, messages, fn, Math.min(rounds, 3));
    return [
      r.name,
      Math.round(r.messagesPerSecond).toLocaleString('en'),
      r.p50Micros.toFixed(1),
      r.p99Micros.toFixed(1),
      ratioToFloor(floor, fn, messages, rounds).toFixed(1),
    ];
  });
  rows.push(['(messages in the set)', String(messages.length), '', '', '']);
  return { rows, cold: await coldStart() };
}

/** import + first analysis in a fresh Node process, from an esbuild bundle like a deployed build. */
async function coldStart(): Promise<(string | number)[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-cold-'));
  try {
    const entries = {
      'with language detection': fileURLToPath(import.meta.resolve('@calmdesk/analysis')),
      'language given (core, no detector)': fileURLToPath(import.meta.resolve('@calmdesk/analysis/core')),
    };
    const rows: (string | number)[][] = [];
    for (const [i, [name, entry]] of Object.entries(entries).entries()) {
      const bundle = join(dir, `bundle-${i}.mjs`);
      await build({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        outfile: bundle,
        minify: true,
        logLevel: 'silent',
      });
      const probe = join(dir, `probe-${i}.mjs`);
      writeFileSync(
        probe,
        `const t0 = performance.now();\nconst { analyzeMessage } = await import(${JSON.stringify(bundle)});\nanalyzeMessage('Gdzie jest moja paczka? Czekam od tygodnia!', { lang: ${i === 0 ? 'undefined' : "'pl'"} });\nconsole.log(performance.now() - t0);\n`,
      );
      const times = Array.from({ length: 11 }, () =>
        Number(execFileSync(process.execPath, [probe], { encoding: 'utf8' })),
      );
      rows.push([name, percentile(times, 0.5).toFixed(0), name.startsWith('with') ? '< 300 ms' : '< 50 ms']);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
