import type { DeleteResult, UpdateResult } from 'kysely';

/** How many rows an UPDATE or DELETE touched, as a plain number. */
export function rowsTouched(results: ReadonlyArray<UpdateResult | DeleteResult>): number {
  let total = 0n;
  for (const result of results) {
    total += 'numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows;
  }
  return Number(total);
}
