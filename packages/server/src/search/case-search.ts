import { type Compilable, type Expression, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';

/** Text a phone number may be typed as: digits with spaces, dashes, dots, brackets and a plus. */
const PHONE_LIKE = /^[+()\d\s.-]*\d[+()\d\s.-]*$/;

/**
 * Matches up to this many cases are taken as a list of ids to the inbox's query; more, and the inbox
 * walks its own order testing each case, which finds a page at once when a word is that common.
 */
const LISTED_MATCHES = 2000;

/**
 * The condition on `cases` a search sets: the words in any log entry (what the customer wrote, our
 * replies and notes), the subject, or the customer's name, e-mail or phone, with case and Polish and
 * Estonian marks ignored on both sides (case_search, kept folded by the database: migration 0021).
 * The planner cannot tell how many cases a word is in, so the matches are counted first, up to
 * LISTED_MATCHES: a rare word gives its few cases through the trigram index, a common one is tested
 * case by case in the page's order.
 */
export async function caseSearchCondition(db: Db, query: string): Promise<Expression<SqlBool>> {
  const text = query.trim();
  // A phone number is found by its digits alone (case_search keeps them so too).
  const digits = text.replace(/\D/g, '');
  const words = PHONE_LIKE.test(text) && digits.length >= 3 ? digits : text;
  const matches = sql<SqlBool>`s.doc LIKE calmdesk_fold(${`%${escapeLike(words)}%`})`;
  const found = await executeSearch(
    db,
    db
      .selectFrom('case_search as s')
      .select('s.case_id')
      .distinct()
      .where(matches)
      .limit(LISTED_MATCHES + 1),
  );
  if (found.length <= LISTED_MATCHES) {
    if (found.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`cases.id = ANY (${found.map((row) => row.case_id)}::text[])`;
  }
  return sql<SqlBool>`EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = cases.id AND ${matches})`;
}

/**
 * Runs a search's query as an unnamed statement, planned for its own words: a prepared statement's
 * generic plan cannot tell a rare word from a common one.
 */
export async function executeSearch<Row>(db: Db, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  // The connection pool prepares statements that start with their verb; one that starts with a
  // comment it runs unnamed.
  const result = await db.executeQuery<Row>({ ...compiled, sql: `/* search */ ${compiled.sql}` });
  return [...result.rows];
}
