import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ownText } from '../src/index.ts';
import { FLAGS, type Flag, LANGS, type Lang } from '../src/vocabulary.ts';
import type { Example } from './train-model.ts';

export const CORPUS_FOLDER = fileURLToPath(new URL('./corpus/', import.meta.url));

export interface CorpusMessage {
  id: string;
  text: string;
  lang: string;
  flags: Flag[];
  level: string;
  problems: string[];
}

/** An agent's draft reply: the findings and the checklist's elements its writer saw in it. */
export interface CorpusDraft {
  id: string;
  text: string;
  lang: Lang;
  findings: string[];
  elements: string[];
}

/** The corpus's two kinds of file: `messages-NN.jsonl` and `drafts-NN.jsonl`. */
export type CorpusKind = 'messages' | 'drafts';

export interface CorpusFile<T = CorpusMessage> {
  /** `<lang>/<file>` */
  name: string;
  messages: T[];
  /**
   * The file's fold: the thresholds are set on each fold's messages scored by a model trained
   * without that fold (whole files held out, never lines).
   */
  fold: number;
}

/**
 * A language's second writer's files (`messages-w2-NN.jsonl`, `drafts-w2-NN.jsonl`): written after the
 * rules of 2026-12-07 and never read by their authors. Their names sort after the first writer's.
 */
export const isSecondWriterFile = (name: string): boolean => name.includes('-w2-');

/** Files are dealt to the folds in order of name, then language, so the languages spread over the folds. */
export const FOLDS = 5;

const isOfKind = (name: string, kind: CorpusKind) => name.startsWith(`${kind}-`) && name.endsWith('.jsonl');

/** A kind's files, sorted by name then language, each with its fold. */
function readCorpusFiles<T>(folder: string, kind: CorpusKind, isValid: (row: T) => boolean): CorpusFile<T>[] {
  const found: { lang: string; name: string }[] = [];
  for (const lang of LANGS) {
    const dir = `${folder}${lang}/`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (isOfKind(name, kind)) found.push({ lang, name });
  }
  found.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0,
  );
  return found.map(({ lang, name }, index) => ({
    name: `${lang}/${name}`,
    messages: readFileSync(`${folder}${lang}/${name}`, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as T)
      .filter(isValid),
    fold: index % FOLDS,
  }));
}

/** The corpus's customer messages, sorted by file name then language, each file with its fold. */
export function readCorpus(folder = CORPUS_FOLDER): CorpusFile[] {
  return readCorpusFiles<CorpusMessage>(
    folder,
    'messages',
    (m) => typeof m.text === 'string' && Array.isArray(m.flags),
  );
}

/** The corpus's agent drafts, sorted and dealt into folds as the messages are. */
export function readDraftCorpus(folder = CORPUS_FOLDER): CorpusFile<CorpusDraft>[] {
  return readCorpusFiles<CorpusDraft>(
    folder,
    'drafts',
    (d) =>
      typeof d.text === 'string' &&
      Array.isArray(d.findings) &&
      Array.isArray(d.elements) &&
      (LANGS as readonly string[]).includes(d.lang),
  );
}

/** A corpus message as a training text: the customer's own words, as the analyzer scores them. */
export function exampleOf(message: CorpusMessage): Example {
  const flags = message.flags.filter((f): f is Flag => (FLAGS as readonly string[]).includes(f));
  return { text: ownText(message.text), positives: flags, known: FLAGS };
}

/** sha-256 over the training inputs (a kind's corpus files, public files) and the settings, in a fixed order. */
export function inputChecksum(
  corpusFolder: string,
  publicPaths: readonly string[],
  settings: unknown,
  kind: CorpusKind = 'messages',
): string {
  const hash = createHash('sha256');
  for (const lang of LANGS) {
    const dir = `${corpusFolder}${lang}/`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((n) => isOfKind(n, kind))
      .sort()) {
      hash.update(`${lang}/${name}\n`);
      hash.update(readFileSync(`${dir}${name}`));
    }
  }
  for (const path of publicPaths) if (existsSync(path)) hash.update(readFileSync(path));
  hash.update(JSON.stringify(settings));
  return hash.digest('hex');
}
