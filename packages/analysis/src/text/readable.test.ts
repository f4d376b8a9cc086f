import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coachReply } from '../coach/coach-reply.ts';
import { analyzeMessage } from '../index.ts';
import type { Lang } from '../vocabulary.ts';
import { originalSpan, readableText } from './readable.ts';

/** One insult per language, written plainly: each trick below hides it in its own way. */
const PLAIN: ReadonlyArray<{ lang: Lang; customer: string; agent: string; word: string }> = [
  { lang: 'en', customer: 'You are an idiot.', agent: 'Sir, you are an idiot.', word: 'idiot' },
  { lang: 'pl', customer: 'Jest Pan idiotą.', agent: 'Jest Pan idiotą.', word: 'idiotą' },
  { lang: 'et', customer: 'Te olete idioot.', agent: 'Te olete idioot.', word: 'idioot' },
];

type Trick = { name: string; hide: (word: string) => string };

const spread = (word: string, between: string) => [...word].join(between);
const fromAlphabet = (word: string, lowerA: number, upperA = lowerA) =>
  [...word]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code >= 0x61 && code <= 0x7a) return String.fromCodePoint(lowerA + code - 0x61);
      if (code >= 0x41 && code <= 0x5a) return String.fromCodePoint(upperA + code - 0x41);
      return c;
    })
    .join('');

const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', i: 'і', c: 'с', p: 'р' };
const SMALL_CAPITALS: Record<string, string> = { i: 'ɪ', d: 'ᴅ', o: 'ᴏ', t: 'ᴛ', a: 'ᴀ' };

const TRICKS: readonly Trick[] = [
  { name: 'zero-width spaces between the letters', hide: (w) => spread(w, '\u200B') },
  {
    name: 'a zero-width joiner and non-joiner',
    hide: (w) => `${w.slice(0, 2)}\u200D${w.slice(2, 4)}\u200C${w.slice(4)}`,
  },
  { name: 'soft hyphens', hide: (w) => spread(w, '\u00AD') },
  {
    name: 'a word joiner and a byte-order mark',
    hide: (w) => `${w.slice(0, 1)}\u2060${w.slice(1, 3)}\uFEFF${w.slice(3)}`,
  },
  { name: 'direction marks', hide: (w) => `${w.slice(0, 2)}\u200E${w.slice(2)}\u200F` },
  { name: 'variation selectors', hide: (w) => spread(w, '\uFE0F') },
  { name: 'invisible tag characters', hide: (w) => spread(w, '\u{E0041}') },
  { name: 'Cyrillic look-alike letters', hide: (w) => [...w].map((c) => CYRILLIC[c] ?? c).join('') },
  { name: 'small capitals', hide: (w) => [...w].map((c) => SMALL_CAPITALS[c] ?? c).join('') },
  { name: 'full-width letters', hide: (w) => fromAlphabet(w, 0xff41, 0xff21) },
  { name: 'mathematical bold letters', hide: (w) => fromAlphabet(w, 0x1d41a, 0x1d400) },
  { name: 'circled letters', hide: (w) => fromAlphabet(w, 0x24d0, 0x24b6) },
];

function hidden(text: string, word: string, trick: Trick): string {
  return text.replace(word, trick.hide(word));
}

describe('reading text as a person sees it', () => {
  for (const { lang, customer, agent, word } of PLAIN) {
    for (const trick of TRICKS) {
      it(`sees a ${lang} insult behind ${trick.name}, in a customer's message and in a draft`, () => {
        const message = hidden(customer, word, trick);
        expect(message).not.toBe(customer);
        expect(analyzeMessage(customer, { lang }).flags).toContain('insult');
        expect(analyzeMessage(message, { lang }).flags).toContain('insult');
        const draft = hidden(agent, word, trick);
        expect(coachReply(agent, { lang }).findings.map((f) => f.rule)).toContain('hostility');
        expect(coachReply(draft, { lang }).findings.map((f) => f.rule)).toContain('hostility');
      });
    }
  }

  it('reads what a right-to-left override shows, not the order it is stored in', () => {
    const stored = `\u202E${[...'You are an idiot'].reverse().join('')}\u202C, honestly.`;
    expect(analyzeMessage(stored, { lang: 'en' }).flags).toContain('insult');
    expect(readableText(stored).text).toBe('You are an idiot, honestly.');
  });

  it('reads negative squared capitals as the letters they show', () => {
    const shown = fromAlphabet('IDIOT', 0x1f170);
    expect(analyzeMessage(`You are an ${shown}`, { lang: 'en' }).flags).toContain('insult');
  });

  it("reports evidence on the customer's original characters, not on the readable copy", () => {
    const message = `Jest Pan ${spread('idiotą', '\u200B')}!`;
    const analysis = analyzeMessage(message, { lang: 'pl' });
    const insult = analysis.evidence.find((e) => e.flag === 'insult');
    expect(insult).toBeDefined();
    expect(insult?.text).toBe(spread('idiotą', '\u200B'));
    expect(message.slice(insult?.start, insult?.end)).toBe(insult?.text);
  });

  it("puts the coach's finding on the draft's own characters", () => {
    const draft = `Sir, you are an ${fromAlphabet('idiot', 0x1d41a)}.`;
    const hostility = coachReply(draft, { lang: 'en' }).findings.find((f) => f.rule === 'hostility');
    expect(hostility?.text).toBe(fromAlphabet('idiot', 0x1d41a));
    expect(draft.slice(hostility?.start, hostility?.end)).toBe(hostility?.text);
  });

  it('leaves plain Polish, Estonian and English text untouched', () => {
    for (const text of [
      'Zażółć gęślą jaźń, proszę o zwrot.',
      'Õnneks jõudis pakk kohale.',
      'Thanks — “great” service…',
    ]) {
      expect(readableText(text)).toEqual({ text, origins: null });
    }
  });

  it('keeps a text written in Cyrillic in Cyrillic', () => {
    expect(readableText('Спасибо, всё хорошо\u200B').text).toBe('Спасибо, всё хорошо');
  });

  it('maps every span of the readable text inside the original', () => {
    const unit = fc.constantFrom('a', 'ą', ' ', '\u200B', 'і', 'ｉ', '𝐢', '\u202E', '\u202C', '\n', '😀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.nat(), fc.nat(), (units, a, b) => {
        const original = units.join('');
        const read = readableText(original);
        const start = a % (read.text.length + 1);
        const end = start + (b % (read.text.length - start + 1));
        const span = originalSpan(read, start, end);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeGreaterThanOrEqual(span.start);
        expect(span.end).toBeLessThanOrEqual(original.length);
      }),
    );
  });
});
