import type { CaseRow } from '../db/schema.ts';
import type { Settings } from '../settings/settings.service.ts';

/** A case and the organisation's settings, as read (or as this process last wrote them). */
export interface CaseWithSettings {
  caseRow: CaseRow;
  settings: Settings;
  /**
   * The organisation row's version when the settings were read (null: no row, the defaults); a write
   * checks it when given, as it always checks the case's.
   */
  settingsVersion?: number | null;
}

/** Cases remembered per database; the least recently written go first. */
const CAPACITY = 10_000;

/**
 * The cases this process appended to last, as it left them: a message for one of them (customers
 * rarely write just once) skips reading the case. A copy that went stale (another writer, a PATCH, new
 * settings) costs nothing but a retry: the write checks both versions and fails whole, and the caller
 * forgets the copy and reads afresh.
 */
export class RecentCases {
  readonly #copies = new Map<string, CaseWithSettings>();

  /** A private copy: the caller may change it while another request holds the remembered one. */
  get(caseId: string): CaseWithSettings | undefined {
    const copy = this.#copies.get(caseId);
    return copy && { ...copy, caseRow: { ...copy.caseRow } };
  }

  /** Remembers the case as just written, unless a newer version is already remembered. */
  remember(written: CaseWithSettings): void {
    const id = written.caseRow.id;
    const known = this.#copies.get(id);
    if (known && known.caseRow.version > written.caseRow.version) return;
    this.#copies.delete(id);
    this.#copies.set(id, written);
    if (this.#copies.size > CAPACITY) {
      const oldest = this.#copies.keys().next().value;
      if (oldest !== undefined) this.#copies.delete(oldest);
    }
  }

  forget(caseId: string): void {
    this.#copies.delete(caseId);
  }
}

const byDatabase = new WeakMap<object, RecentCases>();

/** The recent cases of one database handle (a Kysely instance, never a transaction). */
export function recentCasesOf(db: object): RecentCases {
  let recent = byDatabase.get(db);
  if (!recent) {
    recent = new RecentCases();
    byDatabase.set(db, recent);
  }
  return recent;
}
