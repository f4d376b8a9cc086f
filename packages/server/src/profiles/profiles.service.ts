import { type Customer, getCustomerRow, presentCustomer } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import {
  type ClientTypeResult,
  classifyCustomer,
  findSatisfiedEarlier,
  type SatisfiedMessage,
} from './client-types.ts';
import { loadCustomerHistory } from './customer-history.ts';
import { getProfileRules } from './profile-rules.ts';
import { type ProfileStats, summariseHistory } from './profile-stats.ts';

export interface CustomerProfile {
  customer: Customer;
  types: ClientTypeResult[];
  stats: ProfileStats;
  satisfiedEarlier: SatisfiedMessage[];
}

/** The customer page's facts: suggested types with evidence, the numbers, earlier satisfied messages. */
export async function getCustomerProfile(db: Db, customerId: string, now: Date): Promise<CustomerProfile> {
  const customer = presentCustomer(await getCustomerRow(db, customerId));
  const rules = await getProfileRules(db);
  const history = await loadCustomerHistory(db, customerId, now, rules.types.valued.windowDays);
  return {
    customer,
    types: classifyCustomer(history, rules, now),
    stats: summariseHistory(history, rules, now),
    satisfiedEarlier: findSatisfiedEarlier(history, rules, now),
  };
}
