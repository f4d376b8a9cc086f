import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderForms } from '../scripts/generate-pl-forms.ts';
import { generateForms, parseSuffixes } from '../scripts/hunspell.ts';

describe('Polish forms from the Hunspell dictionary', () => {
  it('are checked in exactly as the generator writes them today', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(renderForms());
  });

  it('gives kurwa its eleven forms', () => {
    const { FORMS } = {
      FORMS: JSON.parse(renderForms().match(/"kurwa": (\[[^\]]*\])/)?.[1] ?? '[]') as string[],
    };
    expect(FORMS).toHaveLength(11);
    expect(FORMS).toEqual(
      expect.arrayContaining(['kurwa', 'kurwy', 'kurwie', 'kurwę', 'kurwą', 'kurwo', 'kurew']),
    );
  });

  it('applies suffix rules by their strip, add and condition', () => {
    const suffixes = parseSuffixes(['SFX X Y 2', 'SFX X a y [^i]a', 'SFX X a ami a'].join('\n'));
    expect(generateForms('kobieta', 'X', suffixes)).toEqual(['kobieta', 'kobietami', 'kobiety']);
    expect(generateForms('ziemia', 'X', suffixes)).toEqual(['ziemia', 'ziemiami']);
  });
});
