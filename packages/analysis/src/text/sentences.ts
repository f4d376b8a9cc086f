/** A sentence's end: `!`, `?`, a line break, or a dot with no letter right after it ("oponeo.pl" goes on). */
export const SENTENCE_END = /[!?\n]|\.(?!\p{L})/u;
