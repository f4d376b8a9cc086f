import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const MAX_CHARS = 500;

function textsOf(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .filter((text) => text.length < MAX_CHARS);
}

/** The mixed message set every contender sees: our labelled sets plus public sets when present, < 500 chars. */
export function benchMessages(): string[] {
  const sets = `${root}packages/analysis/eval/sets/`;
  const own = readdirSync(sets).flatMap((lang) => textsOf(`${sets}${lang}/messages.jsonl`));
  const shared = `${root}../shared/data/`;
  const publicSets = [
    'davidson-hate-offensive/davidson.jsonl',
    'goemotions/goemotions-test.jsonl',
    'xed/xed-pl.jsonl',
    'xed/xed-et.jsonl',
    'multilingual-hatecheck-pl/mhc-pl.jsonl',
    'estonian-valence/estonian-valence.jsonl',
  ].flatMap((path) => textsOf(`${shared}${path}`).slice(0, 1500));
  return [...own, ...publicSets];
}
