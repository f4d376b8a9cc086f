/**
 * English inflection by reviewed suffix rules: plural/3rd person (-s, -es, -ies), past (-ed, -d,
 * -ied), gerund (-ing, dropping a silent e), and agent nouns (-er, -ers). Irregular forms are
 * written out in the lexicon.
 */
export function inflect(lemma: string): readonly string[] {
  const forms = new Set([lemma]);
  const lastChar = lemma.at(-1) ?? '';
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  if (/[^aeiou]y$/.test(lemma)) {
    const base = lemma.slice(0, -1);
    for (const ending of ['ies', 'ied', 'ier', 'iest']) forms.add(base + ending);
  } else if (/(s|x|z|ch|sh)$/.test(lemma)) {
    forms.add(`${lemma}es`);
  } else {
    forms.add(`${lemma}s`);
  }
  forms.add(lastChar === 'e' ? `${lemma}d` : `${lemma}ed`);
  for (const ending of ['ing', 'er', 'ers', 'ings']) forms.add(stem + ending);
  return [...forms];
}
