import { type PersonForms, resolveForms } from '@calmdesk/analysis';
import { type Lang, REPLY_VARIABLES, type ReplyVariable } from '@calmdesk/contracts';

/** What a case offers to fill a saved reply's variables; a missing value leaves its variable as written. */
export type ReplyValues = Partial<Record<ReplyVariable, string>>;

const VARIABLE = /\{([a-z_]+)\}/g;
const KNOWN = new Set<string>(REPLY_VARIABLES);

/**
 * A saved reply written out for a case: `{customer_name}` and the other variables filled, the Polish
 * gendered forms chosen for the agent and the customer. Unknown `{words}` are left alone.
 */
export function fillReply(
  body: string,
  lang: Lang,
  values: ReplyValues,
  forms: PersonForms,
): { text: string; unfilled: ReplyVariable[] } {
  const unfilled = new Set<ReplyVariable>();
  const filled = body.replace(VARIABLE, (whole, name: string) => {
    if (!KNOWN.has(name)) return whole;
    const value = values[name as ReplyVariable];
    if (value === undefined || value === '') {
      unfilled.add(name as ReplyVariable);
      return whole;
    }
    return value;
  });
  return { text: resolveForms(filled, lang, forms), unfilled: [...unfilled] };
}
