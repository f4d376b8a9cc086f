import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const MAX_CHARS = 500;

/** A bench message and the language of the set it comes from ('und' for the set of no language). */
export interface BenchMessage {
  text: string;
  lang: string;
}

function messagesOf(path: string, lang: string, limit = Number.POSITIVE_INFINITY): BenchMessage[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .filter((text) => text.length < MAX_CHARS)
    .slice(0, limit)
    .map((text) => ({ text, lang }));
}

/** The public sets, each in one language, when present. */
const PUBLIC_SETS: [path: string, lang: string][] = [
  ['davidson-hate-offensive/davidson.jsonl', 'en'],
  ['goemotions/goemotions-test.jsonl', 'en'],
  ['xed/xed-pl.jsonl', 'pl'],
  ['xed/xed-et.jsonl', 'et'],
  ['multilingual-hatecheck-pl/mhc-pl.jsonl', 'pl'],
  ['estonian-valence/estonian-valence.jsonl', 'et'],
];

/** The mixed message set with each message's language: our labelled sets plus the public sets, < 500 chars. */
export function benchMessagesWithLanguage(): BenchMessage[] {
  const sets = `${root}packages/analysis/eval/sets/`;
  const own = readdirSync(sets).flatMap((lang) => messagesOf(`${sets}${lang}/messages.jsonl`, lang));
  const shared = `${root}../shared/data/`;
  const publicSets = PUBLIC_SETS.flatMap(([path, lang]) => messagesOf(`${shared}${path}`, lang, 1500));
  return [...own, ...publicSets];
}

/** The mixed message set every contender sees: our labelled sets plus public sets when present, < 500 chars. */
export function benchMessages(): string[] {
  return benchMessagesWithLanguage().map((message) => message.text);
}
