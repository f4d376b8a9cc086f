import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIACRITIC_LETTERS, FOLDED_DIACRITIC, foldText, squeeze, termKey, wordKey } from './fold.ts';
import { type TermSnapshot, writeSnapshot } from './term-snapshot.ts';
import { compileMatcher, type MatcherOptions, parseTerm, snapshotOf, TermSyntaxError } from './terms.ts';
import {
  classifyByRegex,
  classifyChar,
  joinSpacedLetters,
  scanText,
  tokenize,
  wordIdOf,
} from './tokenize.ts';
import { internWord, keyOfWord, TEXTS_BEFORE_INDEX, wordIdOfKey } from './words.ts';

describe('folding', () => {
  it('drops case and diacritics of Polish and Estonian letters', () => {
    expect(foldText('ZAŻÓŁĆ GĘŚLĄ JAŹŃ')).toBe('zazolc gesla jazn');
    expect(foldText('Õun, Äike, Öö, Üks, Šokk, Žürii')).toBe('oun, aike, oo, uks, sokk, zurii');
  });

  it('squeezes repeated letters and undoes leetspeak only inside words', () => {
    expect(squeeze('kurrrwaaa')).toBe('kurwa');
    expect(wordKey('sh1t')).toBe('shit');
    expect(wordKey('16:00')).toBe('16:00');
    expect(wordKey('2024')).toBe('2024');
  });

  const mixed = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          'a',
          'A',
          'ż',
          'Ż',
          'ł',
          'ß',
          'Σ',
          'İ',
          '😡',
          '𝐀',
          '\uD800',
          '\uDFFF',
          '̷',
          "'",
          '1',
          ' ',
        ),
        {
          maxLength: 20,
        },
      )
      .map((parts) => parts.join('')),
  );

  it('property: folds a text as it folds each of its characters', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        expect(foldText(text)).toBe([...text].map(foldText).join(''));
      }),
    );
  });

  it('property: keys a pack word by termKey as wordKey does', () => {
    const word = fc
      .array(fc.constantFrom('a', 'z', 'ą', 'ł', 'ó', 'õ', 'ü', 'ž', 'ß', 'Ł', 'A', '1', "'", 'é'), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(word, (w) => {
        expect(termKey(w)).toBe(wordKey(w));
      }),
    );
    expect(termKey('ąaałł')).toBe('all');
  });

  it('property: squeezes exactly the runs of three or more of one letter', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        expect(squeeze(text)).toBe(text.replace(/(\p{L})\1{2,}/gu, '$1'));
      }),
    );
    expect(squeeze('𝐀𝐀𝐀𝐀 aaa')).toBe('𝐀 a');
  });
});

describe('folding every character', () => {
  const SPECIAL: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', đ: 'd', ı: 'i', æ: 'ae', œ: 'oe' };
  const reference = (char: string) => {
    const lower = char.toLowerCase();
    return SPECIAL[lower] ?? lower.normalize('NFD').replace(/\p{M}/gu, '');
  };

  it('folds every character of the BMP as lower case, decomposition and no marks do', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (foldText(char) !== reference(char)) expect(foldText(char), code.toString(16)).toBe(reference(char));
    }
  });

  it('has the table of Polish and Estonian letters termKey uses', () => {
    for (const letter of DIACRITIC_LETTERS) expect(FOLDED_DIACRITIC[letter], letter).toBe(foldText(letter));
    expect(Object.keys(FOLDED_DIACRITIC).join('')).toBe(DIACRITIC_LETTERS);
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text, with emoji and accents around', () => {
    const text = '😡 Złodzieje! k*rwa…';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Złodzieje', 'k*rwa']);
    expect(tokens[0]?.masked).toBe(null);
    expect(tokens[1]?.masked).toBe('k*rwa');
  });

  it('property: keys every token as wordKey keys its text', () => {
    const text = fc
      .array(
        fc.constantFrom('a', 'aa', 'b', 'Q', 'ż', "'", '’', '*', '#', '1', '@', ' ', '.', '😡', '𝐀', '̷'),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        for (const token of tokenize(t)) {
          const raw = t.slice(token.start, token.end);
          expect(token.key).toBe(wordKey(token.masked === null ? raw : raw.replace(/[*#]+$/, '')));
        }
      }),
    );
  });

  it('property: notes two capitals or two marks in a row, and surrogates, as a regex would', () => {
    const text = fc
      .array(fc.constantFrom('A', 'a', 'Ą', 'ą', 'Σ', '!', '?', ' ', "'", '*', '1', '😡', '\uD800'), {
        maxLength: 20,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const scan = scanText(t);
        expect(scan.surrogates).toBe(/[\uD800-\uDFFF]/.test(t));
        expect(scan.adjacentMarks).toBe(/[!?][!?]/.test(t));
        if (!scan.surrogates) expect(scan.adjacentCapitals).toBe(/\p{Lu}\p{Lu}/u.test(t));
      }),
    );
  });

  it('property: tells the ending of a key as the built key would, without building it', () => {
    const word = fc
      .array(fc.constantFrom('a', 'A', 'ą', 'Ą', 'ł', 'ś', 'e', 'sz', 'aaa', "'", '*', '1', 'ö', 'ß'), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) => parts.join(''));
    const ending = fc
      .array(fc.constantFrom('a', 'e', 'l', 's', 'z', 'sz', 'aa', 'o', 'ss'), { maxLength: 3 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(word, ending, (w, e) => {
        for (const token of tokenize(w)) {
          const before = token.keyEndsWith(e);
          expect(before).toBe(token.key.endsWith(e));
          expect(token.keyEndsWith(e)).toBe(before);
        }
      }),
    );
  });

  it('tokenises only inside the given ranges', () => {
    const text = 'keep this > drop that';
    expect(tokenize(text, [{ start: 0, end: 9 }]).map((t) => t.key)).toEqual(['keep', 'this']);
  });

  it('joins spaced-out letters when the joined word is known', () => {
    const text = 'ty k u r w a i w';
    const joined = joinSpacedLetters(text, tokenize(text), (key) => key === 'kurwa');
    expect(joined.map((t) => text.slice(t.start, t.end))).toEqual(['ty', 'k u r w a', 'i', 'w']);
  });

  it('reads a run of thousands of spaced letters with work in proportion to its length', () => {
    const text = `${'i a '.repeat(2000)}k u r w a`;
    let asked = 0;
    let longest = 0;
    const joined = joinSpacedLetters(text, tokenize(text), (key) => {
      asked++;
      longest = Math.max(longest, key.length);
      return key === 'kurwa';
    });
    expect(joined.at(-1)?.key).toBe('kurwa');
    // Each letter starts at most a word's length of tries, each no longer than a word.
    expect(asked).toBeLessThanOrEqual(4002 * 32);
    expect(longest).toBeLessThanOrEqual(32);
  });
});

describe('word numbers', () => {
  it('finds a known word by its letters once many texts were read, whatever its case and diacritics', () => {
    const id = internWord('zazolc');
    for (let i = 0; i <= TEXTS_BEFORE_INDEX; i++) tokenize('warming up');
    const tokens = tokenize('ZAŻÓŁĆ zażółć Zazolc zazolcz');
    expect(tokens.map((t) => t.id)).toEqual([id, id, id, -1]);
    expect(tokens[0]?.key).toBe('zazolc');
  });

  it('keeps every number through the growth of the table', () => {
    // Letters only, never three alike in a row: words the tokenizer finds by their letters.
    const words = Array.from(
      { length: 5000 },
      (_, i) => `growth${[...String(i)].map((d) => 'abcdefghij'[Number(d)]).join('x')}`,
    );
    const ids = words.map(internWord);
    expect(new Set(ids).size).toBe(words.length);
    expect(words.map(wordIdOfKey)).toEqual(ids);
    expect(ids.map(keyOfWord)).toEqual(words);
    for (let i = 0; i <= TEXTS_BEFORE_INDEX; i++) tokenize('warming up');
    expect(tokenize(words.slice(-50).join(' ')).map((t) => t.id)).toEqual(ids.slice(-50));
    expect(tokenize(words.slice(0, 50).join(' ')).map(wordIdOf)).toEqual(ids.slice(0, 50));
  });

  it('numbers a token again when its word was numbered after tokenizing', () => {
    const [token] = tokenize('numberedlater');
    expect(token && wordIdOf(token)).toBe(-1);
    const id = internWord('numberedlater');
    expect(token && wordIdOf(token)).toBe(id);
  });

  it('property: a token has the number of its key, or -1 when the key has none', () => {
    const known = ['kurwa', 'zlodziej', 'aitah', 'sa', 'saa', 'dziekuje'];
    for (const word of known) internWord(word);
    const text = fc
      .array(
        fc.constantFrom('kurwa', 'KURWA', 'złodziej', 'aitäh', 'sa', 'saaa', 'dzięKUJĘ', 'k*rwa', ' ', '1'),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        for (const token of tokenize(t)) expect(wordIdOf(token)).toBe(wordIdOfKey(token.key));
      }),
    );
  });
});

describe('character classes', () => {
  it('classifies every character of the BMP as the Unicode regexes do', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (classifyChar(char) !== classifyByRegex(char))
        expect(classifyChar(char), code.toString(16)).toBe(classifyByRegex(char));
    }
  });
});

describe('term matcher', () => {
  const matcher = compileMatcher(
    [
      { terms: ['kurw*'], payload: 'profanity', except: ['kurwidołek'] },
      { terms: ['zwrot pieniędzy', 'oddajcie ... kasę'], payload: 'refund' },
      { terms: ['złodziej~'], payload: 'insult' },
    ],
    {
      inflect: (lemma) => (lemma === 'złodziej' ? ['złodzieje', 'złodziei', 'złodziejami'] : []),
      maskable: (payload) => payload === 'profanity' || payload === 'insult',
    },
  );
  const find = (text: string) =>
    matcher.find(tokenize(text)).map((m) => [m.payload, text.slice(m.start, m.end)]);

  it('matches stems, inflected forms, phrases and gaps', () => {
    expect(find('Kurwą jesteście, złodziejami! Oddajcie mi wreszcie kasę')).toEqual([
      ['profanity', 'Kurwą'],
      ['insult', 'złodziejami'],
      ['refund', 'Oddajcie mi wreszcie kasę'],
    ]);
  });

  it('gives the matches of one word in the order the terms were given, two-letter stems included', () => {
    const payloads = (terms: string[]) =>
      compileMatcher(terms.map((term, i) => ({ terms: [term], payload: i })))
        .find(tokenize('kurwiszon'))
        .map((m) => m.payload);
    expect(payloads(['kurw*', 'ku*', 'kurwiszon', 'kurwis*'])).toEqual([2, 0, 1, 3]);
    expect(payloads(['kurwis*', 'ku*', 'kurw*'])).toEqual([0, 1, 2]);
  });

  it('finds only the terms of the entries a search accepts, masked words included', () => {
    const text = 'Kurwą jesteście, złodz*eje! Oddajcie mi wreszcie kasę';
    const accepted = (accept: (payload: string) => boolean) =>
      matcher.find(tokenize(text), accept).map((m) => [m.payload, text.slice(m.start, m.end)]);
    expect(accepted((payload) => payload !== 'profanity')).toEqual([
      ['insult', 'złodz*eje'],
      ['refund', 'Oddajcie mi wreszcie kasę'],
    ]);
    expect(accepted((payload) => payload === 'profanity')).toEqual([['profanity', 'Kurwą']]);
  });

  it('does not let a gap run longer than three tokens', () => {
    expect(find('oddajcie mi natychmiast całą tę kasę')).toEqual([]);
  });

  it('honours exceptions and matches masked words only against abuse', () => {
    expect(find('kurwidołek')).toEqual([]);
    expect(find('k*rwa złodz*eje')).toEqual([
      ['profanity', 'k*rwa'],
      ['insult', 'złodz*eje'],
    ]);
    expect(find('zw**t')).toEqual([]);
  });

  it('drops a match inside a look-alike phrase the entry excepts, wherever the word stands in it', () => {
    const hoe = compileMatcher([
      { terms: ['hoe', 'pedał~'], payload: 'insult', except: ['garden hoe', 'pedał hamulca', 'pedał gazu'] },
    ]);
    const words = (text: string) => hoe.find(tokenize(text)).map((m) => text.slice(m.start, m.end));
    expect(words('Do you sell a garden hoe? Your cashier is a hoe.')).toEqual(['hoe']);
    expect(words('Pedał hamulca piszczy, a mechanik to pedał.')).toEqual(['pedał']);
    expect(words('Wymieńcie pedał gazu.')).toEqual([]);
  });

  it('honours exceptions on the first word of a lemma or a phrase', () => {
    const cholera = compileMatcher(
      [{ terms: ['cholera~', 'cholerny dzień'], payload: 'profanity', except: ['cholerze', 'cholerny'] }],
      { inflect: () => ['cholery', 'cholerze', 'cholerę'] },
    );
    const words = (text: string) => cholera.find(tokenize(text)).map((m) => text.slice(m.start, m.end));
    expect(words('Cholera, znowu to samo. Szczepionka przeciw cholerze?')).toEqual(['Cholera']);
    expect(words('Co za cholerny dzień')).toEqual([]);
  });

  describe('from a snapshot', () => {
    const entries = [
      { terms: ['kurw*', 'ch*j'], payload: 'profanity', except: ['kurwidołek'], inSnapshot: true },
      { terms: ['zwrot pieniędzy', 'oddajcie ... kasę'], payload: 'refund' },
      { terms: ['złodziej~', 'ty ... złodzieju'], payload: 'insult', inSnapshot: true },
    ];
    const inflect = (lemma: string) => (lemma === 'złodziej' ? ['złodzieje', 'złodziejami'] : []);
    const text = 'Kurwą jesteście, złodzieje! Ty stary złodzieju, oddajcie mi kasę, zwrot pieniędzy. ch*j';
    const found = (options: MatcherOptions<string>) =>
      compileMatcher(entries, { inflect, ...options })
        .find(tokenize(text))
        .map((m) => [m.payload, m.term, text.slice(m.start, m.end)]);

    it('finds what the terms parsed from their sources find', () => {
      const snapshot = snapshotOf(entries, { inflect });
      expect(snapshot.terms).toBe(4);
      expect(found({ snapshot })).toEqual(found({}));
      expect(found({ snapshot }).map(([payload]) => payload)).toEqual([
        'profanity',
        'insult',
        'insult',
        'refund',
        'refund',
        'profanity',
      ]);
    });

    it('is not used when it does not fit the terms', () => {
      const stale = snapshotOf(entries, { inflect });
      const edited = entries.map((entry) =>
        entry.payload === 'insult' ? { ...entry, terms: ['złodziej~', 'ty ... złodziejko'] } : entry,
      );
      const matches = (snapshot?: TermSnapshot) =>
        compileMatcher(edited, { inflect, snapshot })
          .find(tokenize('Ty stara złodziejko, złodzieje!'))
          .map((m) => m.term);
      expect(matches(stale)).toEqual(matches());
      expect(matches(stale)).toEqual(['ty ... złodziejko', 'złodziej~']);
      const shorter = writeSnapshot([[{ source: 'kurw*', words: parseTerm('kurw*') }]]);
      expect(found({ snapshot: shorter })).toEqual(found({}));
    });

    it('is not used when its entries come in another order, whatever their total', () => {
      const snapshot = snapshotOf(entries, { inflect });
      const reordered = [entries[2], entries[1], entries[0]] as typeof entries;
      const matches = (options: MatcherOptions<string>) =>
        compileMatcher(reordered, { inflect, ...options })
          .find(tokenize(text))
          .map((m) => m.term);
      expect(matches({ snapshot })).toEqual(matches({}));
      expect(matches({ snapshot })).toContain('złodziej~');
    });

    it('is not used when it ends before or after its terms', () => {
      const snapshot = snapshotOf(entries, { inflect });
      expect(found({ snapshot: { ...snapshot, patterns: snapshot.patterns.slice(0, -2) } })).toEqual(
        found({}),
      );
      expect(found({ snapshot: { ...snapshot, patterns: `${snapshot.patterns}AB` } })).toEqual(found({}));
      expect(found({ snapshot: { ...snapshot, words: '' } })).toEqual(found({}));
    });

    it('writes numbers in as many base-64 digits as its largest needs', () => {
      const many = Array.from({ length: 70 }, (_, i) => `słowo${i}`);
      const snapshot = snapshotOf([{ terms: many, payload: 0, inSnapshot: true }]);
      expect(snapshot.width).toBe(2);
      const matcher = compileMatcher([{ terms: many, payload: 0, inSnapshot: true }], { snapshot });
      expect(matcher.find(tokenize('slowo0 slowo69 slowo70')).map((m) => m.term)).toEqual([
        'słowo0',
        'słowo69',
      ]);
    });
  });

  it('rejects terms it cannot use, naming them', () => {
    expect(() => parseTerm('a*')).toThrow(TermSyntaxError);
    expect(() => parseTerm('... kasę')).toThrow(/starts or ends with a gap/);
  });
});
