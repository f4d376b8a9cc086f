import { PACKS } from '../lang/index.ts';
import { createAnalyzer } from './analyze-message.ts';

/**
 * One analyzer over every language pack, without the statistical guesser: the core build's
 * `analyzeMessage`, and what the coach and the commitment reader analyse with. Shared, so each pack
 * is compiled once in a process, not once per user of it.
 */
export const analyzeWithPacks = createAnalyzer({ packs: PACKS });
