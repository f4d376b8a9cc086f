/**
 * A small reader of Hunspell dictionaries, enough to generate every form of a lemma: suffix
 * rules (strip, add, condition) of its flags. Prefixes are left out on purpose: in Polish the only
 * one is the negating `nie-`, which would turn an insult's forms into other words.
 */

export interface AffixRule {
  strip: string;
  add: string;
  condition: RegExp;
}

export type SuffixTable = Map<string, AffixRule[]>;

export function parseSuffixes(aff: string): SuffixTable {
  const table: SuffixTable = new Map();
  for (const line of aff.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] !== 'SFX' || parts.length < 5) continue;
    const [, flag = '', strip = '', add = '', condition = '.'] = parts;
    const rule: AffixRule = {
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : (add.split('/')[0] ?? ''),
      condition: new RegExp(`${condition}$`, 'u'),
    };
    const rules = table.get(flag) ?? [];
    rules.push(rule);
    table.set(flag, rules);
  }
  return table;
}

/** Flags of each wanted lemma, read from the .dic file (a lemma listed twice unites its flags). */
export function readFlags(dic: string, wanted: ReadonlySet<string>): Map<string, string> {
  const flags = new Map<string, string>();
  for (const line of dic.split('\n')) {
    const slash = line.indexOf('/');
    const word = slash < 0 ? line.trim() : line.slice(0, slash);
    if (!wanted.has(word)) continue;
    const own =
      slash < 0
        ? ''
        : (line
            .slice(slash + 1)
            .trim()
            .split(/\s/)[0] ?? '');
    flags.set(word, (flags.get(word) ?? '') + own);
  }
  return flags;
}

export function generateForms(lemma: string, flags: string, suffixes: SuffixTable): string[] {
  const forms = new Set([lemma]);
  for (const flag of flags) {
    for (const rule of suffixes.get(flag) ?? []) {
      if (!rule.condition.test(lemma) || !lemma.endsWith(rule.strip)) continue;
      forms.add(lemma.slice(0, lemma.length - rule.strip.length) + rule.add);
    }
  }
  return [...forms].sort();
}
