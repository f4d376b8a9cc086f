import { z } from 'zod';
import { currencyProblem, toMinor } from './money.ts';

/** An active ISO 4217 code; the message names what is accepted. */
export const CurrencySchema = z
  .string()
  .refine((code) => currencyProblem(code) === null, 'an ISO 4217 currency code such as PLN or EUR');

/**
 * Checks a major-unit amount against its currency inside an object schema's `superRefine`: the issue
 * lands on the amount's own field, so a 400 names it.
 */
export function checkAmount(
  ctx: z.RefinementCtx,
  amount: number | undefined,
  currency: string | undefined,
  path: string,
  options: { max: number },
): void {
  if (amount === undefined || currency === undefined || currencyProblem(currency) !== null) return;
  const read = toMinor(amount, currency);
  if ('problem' in read) ctx.addIssue({ code: 'custom', message: read.problem, path: [path] });
  else if (amount < 0) ctx.addIssue({ code: 'custom', message: 'is negative', path: [path] });
  else if (amount > options.max)
    ctx.addIssue({ code: 'custom', message: `is over ${options.max}`, path: [path] });
}
