import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ownText } from '../src/index.ts';
import { FLAGS, type Flag, LANGS } from '../src/vocabulary.ts';
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

export interface CorpusFile {
  /** `<lang>/<file>` */
  name: string;
  messages: CorpusMessage[];
  /**
   * The file's fold: the thresholds are set on each fold's messages scored by a model trained
   * without that fold (whole files held out, never lines).
   */
  fold: number;
}

/** Files are dealt to the folds in order of name, then language, so the languages spread over the folds. */
export const FOLDS = 5;

/** The corpus's message files (drafts files are not read yet), sorted by name then language, each with its fold. */
export function readCorpus(folder = CORPUS_FOLDER): CorpusFile[] {
  const found: { lang: string; name: string }[] = [];
  for (const lang of LANGS) {
    const dir = `${folder}${lang}/`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (name.startsWith('messages-') && name.endsWith('.jsonl')) found.push({ lang, name });
    }
  }
  found.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0,
  );
  return found.map(({ lang, name }, index) => ({
    name: `${lang}/${name}`,
    messages: readFileSync(`${folder}${lang}/${name}`, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CorpusMessage)
      .filter((m) => typeof m.text === 'string' && Array.isArray(m.flags)),
    fold: index % FOLDS,
  }));
}

/** A corpus message as a training text: the customer's own words, as the analyzer scores them. */
export function exampleOf(message: CorpusMessage): Example {
  const flags = message.flags.filter((f): f is Flag => (FLAGS as readonly string[]).includes(f));
  return { text: ownText(message.text), positives: flags, known: FLAGS };
}

/** sha-256 over the training inputs (corpus files, public files) and the settings, in a fixed order. */
export function inputChecksum(
  corpusFolder: string,
  publicPaths: readonly string[],
  settings: unknown,
): string {
  const hash = createHash('sha256');
  for (const lang of LANGS) {
    const dir = `${corpusFolder}${lang}/`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((n) => n.startsWith('messages-') && n.endsWith('.jsonl'))
      .sort()) {
      hash.update(`${lang}/${name}\n`);
      hash.update(readFileSync(`${dir}${name}`));
    }
  }
  for (const path of publicPaths) if (existsSync(path)) hash.update(readFileSync(path));
  hash.update(JSON.stringify(settings));
  return hash.digest('hex');
}
