import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSnapshot, snapshotFile } from '../scripts/generate-term-snapshots.ts';
import { compilePack } from '../src/analyze/compile-pack.ts';
import { PACKS } from '../src/lang/index.ts';
import { tokenize } from '../src/text/tokenize.ts';
import { LANGS } from '../src/vocabulary.ts';

describe.each(LANGS)('the term snapshot of the %s pack', (lang) => {
  const pack = PACKS[lang];

  it('is checked in exactly as the generator writes it today', () => {
    // When this fails: npx tsx packages/analysis/scripts/generate-term-snapshots.ts
    expect(readFileSync(snapshotFile(pack), 'utf8')).toBe(renderSnapshot(pack));
  });

  it("finds in every pack's examples what the terms parsed from their sources find", () => {
    const others = LANGS.filter((other) => other !== lang).map((other) => PACKS[other]);
    const fromSnapshot = compilePack(pack, others);
    const fromSources = compilePack({ ...pack, snapshot: undefined }, others);
    const examples = LANGS.flatMap((code) =>
      [...PACKS[code].lexicon, ...PACKS[code].signals, ...PACKS[code].problems].map((e) => e.example),
    );
    for (const example of examples) {
      const tokens = tokenize(example);
      expect(fromSnapshot.find(tokens), example).toEqual(fromSources.find(tokens));
    }
  });
});

describe('a pack among other packs than its snapshot was written with', () => {
  it('finds what the terms parsed from their sources find', () => {
    const pl = PACKS.pl;
    const tokens = tokenize('You fucking idiots, jesteście złodziejami, tapan teid ära');
    // Fewer packs, another order, and a copy of English without its inflection (which the snapshot would still have).
    for (const others of [[PACKS.en], [PACKS.en, PACKS.et], [PACKS.et, { ...PACKS.en, inflect: () => [] }]]) {
      const fromSources = compilePack({ ...pl, snapshot: undefined }, others).find(tokens);
      expect(compilePack(pl, others).find(tokens)).toEqual(fromSources);
    }
  });
});

describe('a copy of a pack', () => {
  it('does not use the snapshot written for the pack itself', () => {
    const others = [PACKS.et, PACKS.en];
    const tokens = tokenize('Jesteście złodziejami');
    const insults = (pack: typeof PACKS.pl) =>
      compilePack(pack, others)
        .find(tokens)
        .lexicon.map((m) => m.term);
    expect(insults(PACKS.pl)).toContain('złodziej~');
    // Another inflection: the snapshot's forms would still find "złodziejami", the copy's terms do not.
    expect(insults({ ...PACKS.pl, inflect: () => [] })).not.toContain('złodziej~');
  });
});
