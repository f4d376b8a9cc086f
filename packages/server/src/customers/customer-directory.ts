import type { CustomerDirectoryPage, CustomerDirectoryQuery } from '@calmdesk/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { escapeLike, presentCustomer } from './customers.service.ts';

/** Polish and Estonian letters and their plain forms, position by position (`translate` in SQL). */
const ACCENTED = 'ąćęłńóśźżäöõüšž';
const PLAIN = 'acelnoszzaoouszz'.slice(0, ACCENTED.length);

/** Lower case without diacritics, as the search compares: "Łukasz" → "lukasz". */
export function foldForSearch(text: string): string {
  let folded = '';
  for (const char of text.toLowerCase()) {
    const at = ACCENTED.indexOf(char);
    folded += at >= 0 ? PLAIN[at] : char;
  }
  return folded;
}

/** A customer's name, e-mails and phones as one folded text, computed where the rows are. */
const SEARCHED = sql<string>`translate(lower(customers.name || ' ' || array_to_string(customers.emails, ' ') || ' ' || array_to_string(customers.phones, ' ')), ${ACCENTED}, ${PLAIN})`;

/**
 * A page of the customer directory: every word of the search must be in the name, an e-mail or a phone
 * (letters compared without diacritics, a phone by its digits); erased customers are left out.
 */
export async function searchCustomerDirectory(
  db: Db,
  query: CustomerDirectoryQuery,
): Promise<CustomerDirectoryPage> {
  const words = foldForSearch(query.q ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      /^\+?[\d()-]+$/.test(word) && /\d{3}/.test(word.replace(/\D/g, '')) ? word.replace(/\D/g, '') : word,
    );
  const matches = (word: string): Expression<SqlBool> =>
    sql<SqlBool>`${SEARCHED} LIKE ${`%${escapeLike(word)}%`}`;
  const base = db
    .selectFrom('customers')
    .where('customers.erased_at', 'is', null)
    .where((eb) => eb.and(words.map(matches)));
  const [rows, total] = await Promise.all([
    base
      .selectAll('customers')
      .select((eb) => [
        eb
          .selectFrom('cases')
          .select(eb.fn.countAll<string | number>().as('n'))
          .whereRef('cases.customer_id', '=', 'customers.id')
          .as('case_count'),
        eb
          .selectFrom('cases')
          .select(eb.fn.countAll<string | number>().as('n'))
          .whereRef('cases.customer_id', '=', 'customers.id')
          .where('cases.status', '!=', 'closed')
          .as('open_case_count'),
      ])
      .orderBy('customers.name')
      .orderBy('customers.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(({ case_count, open_case_count, ...row }) => ({
      ...presentCustomer(row),
      caseCount: Number(case_count ?? 0),
      openCaseCount: Number(open_case_count ?? 0),
    })),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}
