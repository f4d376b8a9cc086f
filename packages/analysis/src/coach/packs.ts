import { coach as en } from '../lang/en/coach.ts';
import { coach as et } from '../lang/et/coach.ts';
import { coach as pl } from '../lang/pl/coach.ts';
import type { Lang } from '../vocabulary.ts';
import type { CoachPack } from './coach-pack.ts';

/** The reply-coach data of every language. */
export const COACH_PACKS: Readonly<Record<Lang, CoachPack>> = { pl, et, en };
