import type { Amount, ClientTypeResult, SentenceParams as Params, Recommendation } from '@calmdesk/contracts';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../format/use-format.ts';

/**
 * Params made ready for a sentence: numbers in the locale, ISO days as local dates, amounts in their
 * currency (the `currency` param, or each amount's own in a list), never added up across currencies.
 */
function localParams(
  params: Params,
  format: Formatters,
  money: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  const currency = typeof params.currency === 'string' ? params.currency : null;
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[key] = amountsText(value, format);
    } else if (typeof value === 'number') {
      out[key] = !money.includes(key)
        ? format.number(value)
        : currency
          ? format.money(value, currency)
          : format.number(value, { minimumFractionDigits: 2 });
    } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      // A calendar day, not an instant: noon UTC keeps it on the same day in every zone.
      out[key] = format.date(`${value}T12:00:00Z`);
    } else out[key] = String(value);
  }
  return out;
}

function amountsText(amounts: Amount[], format: Formatters): string {
  return amounts.map((a) => format.money(a.amount, a.currency)).join(' + ') || format.number(0);
}

/**
 * The argue-able sentence behind a client type, in the interface language; the server's English
 * `sentence` only when the type is unknown to this version of the app.
 */
export function typeSentence(t: TFunction, format: Formatters, result: ClientTypeResult): string {
  const key = `profile.sentence.${result.type}`;
  const variant =
    (result.type === 'abusive' && result.params.violence === true) ||
    (result.type === 'refund_seeker' && result.params.thanked === true)
      ? `${key}_more`
      : key;
  const params = localParams(result.params, format, ['outstanding', 'revenue']);
  return t(variant, { ...params, defaultValue: result.sentence });
}

/** A recommendation's reason in the interface language (the English `reason` for an unknown rule). */
export function recommendationReason(t: TFunction, format: Formatters, rec: Recommendation): string {
  const params = localParams(rec.params, format, ['amount']);
  return t(`boundary.rule.${rec.rule}`, { ...params, defaultValue: rec.reason });
}
