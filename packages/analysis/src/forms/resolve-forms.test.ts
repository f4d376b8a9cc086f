import { describe, expect, it } from 'vitest';
import { analyzeWithPacks } from '../analyze/packs-analyzer.ts';
import { coachReply } from '../coach/coach-reply.ts';
import { COACH_PACKS } from '../coach/packs.ts';
import { guide } from '../guide/guide.ts';
import { LANGS } from '../vocabulary.ts';
import { GENDERED_FORMS, hasGenderedAlternative, resolveForms } from './resolve-forms.ts';

describe('resolveForms', () => {
  it('writes every Polish example for a masculine and a feminine person', () => {
    for (const form of GENDERED_FORMS.pl) {
      const person = form.who === 'speaker' ? 'speaker' : 'addressee';
      const masculine =
        person === 'speaker' ? { speaker: 'masculine' as const } : { addressee: 'mr' as const };
      const feminine = person === 'speaker' ? { speaker: 'feminine' as const } : { addressee: 'ms' as const };
      expect(resolveForms(form.example.text, 'pl', masculine)).toBe(form.example.masculine);
      expect(resolveForms(form.example.text, 'pl', feminine)).toBe(form.example.feminine);
    }
  });

  it('leaves no slash form in any Polish coach phrase once both people are known', () => {
    const pack = COACH_PACKS.pl;
    const texts = [
      ...pack.phrases.map((p) => p.text),
      ...Object.values(pack.explain).map((e) => e.suggestion),
      ...Object.values(pack.missing),
    ];
    for (const speaker of ['masculine', 'feminine'] as const) {
      for (const addressee of ['mr', 'ms'] as const) {
        for (const text of texts) {
          const written = resolveForms(text, 'pl', { speaker, addressee });
          expect(hasGenderedAlternative(written, 'pl'), written).toBe(false);
          expect(written, text).not.toMatch(/\p{L}\/\p{L}|\(a\)/u);
        }
      }
    }
  });

  it('chooses the agent and the customer independently', () => {
    const text = 'Na Pana/Pani miejscu czułbym/czułabym się tak samo.';
    expect(resolveForms(text, 'pl', { speaker: 'feminine', addressee: 'mr' })).toBe(
      'Na Pana miejscu czułabym się tak samo.',
    );
    expect(resolveForms(text, 'pl', { speaker: 'masculine', addressee: 'ms' })).toBe(
      'Na Pani miejscu czułbym się tak samo.',
    );
  });

  it('gives a neutral speaker a wording without gender, and keeps the slash where none exists', () => {
    expect(
      resolveForms('Na Pana/Pani miejscu czułbym/czułabym się tak samo.', 'pl', {
        speaker: 'neutral',
        addressee: 'ms',
      }),
    ).toBe('Na Pani miejscu każdy czułby się tak samo.');
    expect(resolveForms('Chciałbym/Chciałabym to wyjaśnić.', 'pl', { speaker: 'neutral' })).toBe(
      'Chciałbym/Chciałabym to wyjaśnić.',
    );
  });

  it('keeps the slash form while a form is unknown, and for a customer addressed by first name', () => {
    const text = 'Przepraszam, że musiał(a) Pan/Pani czekać.';
    expect(resolveForms(text, 'pl', {})).toBe(text);
    expect(resolveForms(text, 'pl', { addressee: 'first_name', speaker: 'feminine' })).toBe(text);
  });

  it('does not take a longer form for a shorter one', () => {
    expect(resolveForms('Rozumiem, że to Pana/Panią zdenerwowało.', 'pl', { addressee: 'ms' })).toBe(
      'Rozumiem, że to Panią zdenerwowało.',
    );
  });

  it('leaves Estonian and English text as it is (no grammatical gender)', () => {
    for (const lang of LANGS.filter((l) => l !== 'pl')) {
      const text = 'Saadan 1/2 arvest / half of the invoice.';
      expect(resolveForms(text, lang, { speaker: 'feminine', addressee: 'ms' })).toBe(text);
    }
  });

  it('writes the guidance phrases and the coach suggestions for the forms given', () => {
    const inbound = [analyzeWithPacks('Czekam trzeci raz na zwrot, to skandal!', { lang: 'pl' })];
    const steps = guide({ lang: 'pl', inbound, forms: { speaker: 'feminine', addressee: 'ms' } });
    const phrases = steps.flatMap((s) => s.phrases);
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.some((p) => p.includes('Pani'))).toBe(true);
    expect(phrases.filter((p) => p.includes('/'))).toEqual([]);
    const coaching = coachReply('Musisz poczekać.', { lang: 'pl', forms: { addressee: 'mr' } });
    const informal = coaching.findings.find((f) => f.rule === 'informal_address');
    expect(informal?.suggestion).toBe('Musi Pan');
  });
});
