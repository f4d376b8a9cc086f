import { z } from 'zod';

/**
 * Every amount of the API in one place. Amounts are numbers in major units (12.50 is twelve and a
 * half); a currency is an ISO 4217 code.
 */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as PLN or EUR');

/** An amount someone types: never negative, at most a billion. */
export const AmountInputSchema = z.number().min(0).max(1_000_000_000);

/** An amount the API reports. */
export const AmountSchema = z.number();

/** Amounts per currency code, e.g. `{ PLN: 1200 }`: sums never mix currencies. */
export const MoneyByCurrencySchema = z.record(z.string(), AmountSchema);
export type MoneyByCurrency = z.infer<typeof MoneyByCurrencySchema>;
