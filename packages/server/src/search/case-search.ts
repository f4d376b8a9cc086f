import { type SqlBool, sql } from 'kysely';
import { escapeLike } from '../customers/customers.service.ts';

/** Text a phone number may be typed as: digits with spaces, dashes, dots, brackets and a plus. */
const PHONE_LIKE = /^[+()\d\s.-]*\d[+()\d\s.-]*$/;

/**
 * The cases a search finds: the words in any log entry (what the customer wrote, our replies and
 * notes), the subject, or the customer's name, e-mail or phone, with case and Polish and Estonian marks
 * ignored on both sides (calmdesk_fold, migration 0021). Each part is one trigram index's lookup; the
 * union is joined to the cases the rest of the query picks.
 */
export function caseSearchCondition(query: string) {
  const text = query.trim();
  const pattern = `%${escapeLike(text)}%`;
  // Spaces and dashes in a phone number are left out on both sides (the index keeps its digits too).
  const digits = PHONE_LIKE.test(text) ? `%${text.replace(/\D/g, '')}%` : pattern;
  return sql<SqlBool>`cases.id IN (
    SELECT i.case_id FROM interactions i WHERE calmdesk_fold(i.body) LIKE calmdesk_fold(${pattern})
    UNION SELECT c.id FROM cases c WHERE calmdesk_fold(c.subject) LIKE calmdesk_fold(${pattern})
    UNION SELECT c.id FROM cases c JOIN customers u ON u.id = c.customer_id
      WHERE calmdesk_customer_text(u.name, u.emails, u.phones) LIKE calmdesk_fold(${pattern})
         OR calmdesk_customer_text(u.name, u.emails, u.phones) LIKE ${digits})`;
}
