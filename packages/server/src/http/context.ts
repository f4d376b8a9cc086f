import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

/** What every route needs: the database, the configuration and the clock (tests move it). */
export interface AppContext {
  db: Db;
  config: Config;
  now: () => Date;
}
