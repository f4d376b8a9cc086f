import { z } from 'zod';
import { currencyProblem, toMinor } from './money-units.ts';

// Every amount of the API in one place. Amounts are numbers in major units (12.50 is twelve and a half),
// exact to their currency's minor unit; a currency is an active ISO 4217 code.

/** An active ISO 4217 code; the message names what is accepted. */
export const CurrencySchema = z.string().refine((code) => currencyProblem(code) === null, {
  message: 'an ISO 4217 currency code such as PLN or EUR',
  params: { reason: 'currency_unknown' },
});

/**
 * Checks a major-unit amount against its currency inside an object schema's `superRefine`: the issue
 * lands on the amount's own field, so a 400 names it.
 */
export function checkAmount(
  ctx: z.RefinementCtx,
  amount: number | undefined,
  currency: string | undefined,
  field: string | ReadonlyArray<string | number>,
): void {
  if (amount === undefined || currency === undefined || currencyProblem(currency) !== null) return;
  const path = typeof field === 'string' ? [field] : [...field];
  const read = toMinor(amount, currency);
  if ('problem' in read) {
    ctx.addIssue({ code: 'custom', message: read.problem, path, params: { reason: read.reason } });
  } else if (amount < 0) {
    ctx.addIssue({ code: 'custom', message: 'is negative', path, params: { reason: 'amount_negative' } });
  } else if (amount > MAX_AMOUNT) {
    ctx.addIssue({
      code: 'custom',
      message: `is over ${MAX_AMOUNT}`,
      path,
      params: { reason: 'amount_too_big', limit: MAX_AMOUNT },
    });
  }
}

/** The largest amount anyone may type, in major units. */
export const MAX_AMOUNT = 1_000_000_000;

/** An amount someone types: never negative, at most a billion. */
export const AmountInputSchema = z.number().min(0).max(MAX_AMOUNT);

/** An amount the API reports. */
export const AmountSchema = z.number();

/** Amounts per currency code, e.g. `{ PLN: 1200 }`: sums never mix currencies. */
export const MoneyByCurrencySchema = z.record(z.string(), AmountSchema);
export type MoneyByCurrency = z.infer<typeof MoneyByCurrencySchema>;

/** An amount in major units with its currency: amounts are never added up across currencies. */
export const CurrencyAmountSchema = z.object({ currency: z.string(), amount: AmountSchema });
