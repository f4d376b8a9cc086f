import { genderedForms as pl } from '../lang/pl/gendered-forms.ts';
import type { Lang } from '../vocabulary.ts';
import type { GenderedForm, PersonForms } from './forms-pack.ts';

/** Each language's written alternatives; Estonian and English have no grammatical gender to choose. */
const FORMS: Readonly<Record<Lang, readonly GenderedForm[]>> = { pl, et: [], en: [] };

interface Compiled {
  form: GenderedForm;
  regex: RegExp;
}

const compiled = new Map<Lang, Compiled[]>();

function compiledFor(lang: Lang): Compiled[] {
  let list = compiled.get(lang);
  if (!list) {
    list = FORMS[lang].map((form) => ({
      form,
      // Whole words only: "Pan/Pani" must not match inside "Pana/Panią".
      regex: new RegExp(`(?<!\\p{L})${form.pattern}(?!\\p{L})`, 'gu'),
    }));
    compiled.set(lang, list);
  }
  return list;
}

function replacementFor(form: GenderedForm, forms: PersonForms): string | undefined {
  if (form.who === 'speaker') {
    if (forms.speaker === 'neutral') return form.neutral;
    return forms.speaker ? form[forms.speaker] : undefined;
  }
  if (forms.addressee === 'mr') return form.masculine;
  if (forms.addressee === 'ms') return form.feminine;
  return undefined;
}

/**
 * Writes a phrase's gendered alternatives ("Pan/Pani", "czułbym/czułabym", "musiał(a)") in the one form
 * the agent and the customer use; an alternative whose form is unknown keeps both.
 * @example resolveForms('Rozumiem Pana/Pani rozczarowanie.', 'pl', { addressee: 'ms' }) // 'Rozumiem Pani rozczarowanie.'
 */
export function resolveForms(text: string, lang: Lang, forms: PersonForms): string {
  let result = text;
  for (const { form, regex } of compiledFor(lang)) {
    const replacement = replacementFor(form, forms);
    if (replacement !== undefined) result = result.replace(regex, replacement);
  }
  return result;
}

/** Whether a text still holds an alternative written for both genders. */
export function hasGenderedAlternative(text: string, lang: Lang): boolean {
  return compiledFor(lang).some(({ regex }) => {
    regex.lastIndex = 0;
    return regex.test(text);
  });
}

export { FORMS as GENDERED_FORMS };
