import { FORMS } from './forms.generated.ts';

/** Forms of a Polish lemma from the Hunspell dictionary (generated: scripts/generate-pl-forms.ts). */
export function inflect(lemma: string): readonly string[] {
  return FORMS[lemma] ?? [];
}
