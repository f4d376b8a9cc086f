import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../index.ts';
import type { Lang } from '../vocabulary.ts';
import { analyzeWithPacks } from './packs-analyzer.ts';

const thanksMeant = (text: string, lang: Lang) => ({
  rules: analyzeWithPacks(text, { lang }).flags.includes('gratitude'),
  withModel: analyzeMessage(text, { lang }).flags.includes('gratitude'),
});

describe('a closing thanks in an unhappy message is a sign-off, not gratitude', () => {
  it.each([
    ['pl', 'Trzeci tydzień czekam na zwrot za zepsuty odkurzacz i nikt nie odpisuje. Dziękuję.'],
    ['pl', 'Nie, dziękuję. Szukam innej przychodni.'],
    ['pl', 'Dziękuję, przechodzę do konkurencji.'],
    ['et', 'Pakk on kaks nädalat hiljaks jäänud ja keegi ei vasta. Aitäh.'],
    ['et', 'Ei, aitäh. Halb töö, järgmine kord lähen mujale.'],
    ['en', 'The boiler is broken again and nobody has called me back. I want a refund. Thanks, Mark'],
    ['en', 'No thanks. The repair was rubbish and I am not paying for it.'],
  ] as const)('%s: %s', (lang, text) => {
    expect(thanksMeant(text, lang)).toEqual({ rules: false, withModel: false });
  });
});

describe('meant thanks stay gratitude', () => {
  it.each([
    ['pl', 'Dziękuję, przelew już poszedł.'],
    ['pl', 'Fryzjerka była cudowna, polecam. Dziękuję!'],
    ['pl', 'Paczka przyszła uszkodzona, ale dziękuję za szybką wymianę.'],
    ['et', 'Aitäh, sülearvuti töötab nagu uus.'],
    ['et', 'Palun kinnitage mu aeg homme kell 9. Aitäh!'],
    ['en', 'Thank you!'],
    ['en', 'The order was late, but thank you for sorting it out so quickly.'],
  ] as const)('%s: %s', (lang, text) => {
    expect(analyzeWithPacks(text, { lang }).flags).toContain('gratitude');
  });
});
