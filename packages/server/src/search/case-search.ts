import { type Compilable, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';

/** Text a phone number may be typed as: digits with spaces, dashes, dots, brackets and a plus. */
const PHONE_LIKE = /^[+()\d\s.-]*\d[+()\d\s.-]*$/;

/**
 * The cases a search finds: the words of any log entry (what the customer wrote, our replies and
 * notes), the subject, or the customer's name, e-mail or phone, with case and Polish and Estonian marks
 * ignored on both sides (case_search, kept folded by the database: migration 0021).
 */
export function caseSearchCondition(query: string) {
  const text = query.trim();
  // A phone number is found by its digits alone (case_search keeps them so too).
  const words =
    PHONE_LIKE.test(text) && /\d{3}/.test(text.replace(/\D/g, '')) ? text.replace(/\D/g, '') : text;
  const pattern = `%${escapeLike(words)}%`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = cases.id AND s.doc LIKE calmdesk_fold(${pattern}))`;
}

/**
 * Runs a search's query as an unnamed statement, planned for its own words: a word in half the cases
 * is best found by walking the cases in the page's order, a rare one through the trigram index, and a
 * prepared statement's generic plan would pick one of the two for every search.
 */
export async function executeSearch<Row>(db: Db, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  // The connection pool prepares statements that start with their verb; one that starts with a
  // comment it runs unnamed.
  const result = await db.executeQuery<Row>({ ...compiled, sql: `/* search */ ${compiled.sql}` });
  return [...result.rows];
}
