import type { SignalKind } from './types.ts';

/** Emoji that carry a feeling in any language: a run of them is a signal, like a word would be. */
export interface EmojiSignal {
  kind: SignalKind;
  emoji: string[];
  /** A run at least this long counts as the stronger kind. */
  strongFrom?: number;
  example: string;
}

export const EMOJI_SIGNALS: EmojiSignal[] = [
  {
    kind: 'negative',
    emoji: ['😡', '😠', '😤', '👿', '💢', '😒', '🙄', '😾', '👎', '😩', '😫', '😭'],
    strongFrom: 3,
    example: 'still no parcel 😡😡😡',
  },
  { kind: 'strong_negative', emoji: ['🤬', '🖕'], example: 'paczki nadal nie ma 🤬' },
];
