import { PACKS } from '../lang/index.ts';
import { createReader } from './analyze-message.ts';

const reader = createReader({ packs: PACKS });

/**
 * One analyzer over every language pack, without the statistical guesser: the core build's
 * `analyzeMessage`, and what the coach and the commitment reader analyse with. Shared, so each pack
 * is compiled once in a process, not once per user of it.
 */
export const analyzeWithPacks = reader.analyzer;

/** Its evidence of a text from words already scanned: the reply coach's draft, read once. */
export const evidenceOfScanned = reader.evidenceOfScanned;
