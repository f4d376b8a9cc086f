import type { Lang } from '../vocabulary.ts';
import { pack as en } from './en/index.ts';
import { pack as et } from './et/index.ts';
import { pack as pl } from './pl/index.ts';
import type { LanguagePack } from './types.ts';

/** Every language pack CalmDesk ships. A new language is a new folder and one line here. */
export const PACKS: Readonly<Record<Lang, LanguagePack>> = { pl, et, en };
