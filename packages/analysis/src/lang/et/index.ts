import { ownSnapshot } from '../../text/term-snapshot.ts';
import type { LanguagePack } from '../types.ts';
import { complaints } from './complaints.ts';
import { cues } from './cues.ts';
import { frames } from './frames.ts';
import { inflect } from './inflect.ts';
import { lexicon } from './lexicon.ts';
import { problems } from './problems.ts';
import { signals } from './signals.ts';
import { snapshot } from './terms.generated.ts';

export const pack: LanguagePack = ownSnapshot({
  code: 'et',
  ownLetters: 'õÕ',
  lexicon,
  frames,
  signals,
  problems,
  complaints,
  cues,
  inflect,
  snapshot,
});
