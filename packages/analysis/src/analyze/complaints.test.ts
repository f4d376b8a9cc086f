import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../index.ts';
import { PACKS } from '../lang/index.ts';
import { LANGS } from '../vocabulary.ts';
import { compileFailurePatterns, patternMatches } from './compile-pack.ts';

type Lang = 'pl' | 'et' | 'en';
const issues = (text: string, lang: Lang) => analyzeMessage(text, { lang }).issues;

function expectCount(cases: readonly (readonly [string, Lang])[], count: number) {
  it.each(cases)(`"%s" (%s) counts ${count}`, (text, lang) => {
    expect(issues(text, lang)).toBe(count);
  });
}

describe('two complaints joined in one sentence count two', () => {
  expectCount(
    [
      ['The technician arrived two hours late and the new tap is already leaking.', 'en'],
      ['The invoice shows the wrong VAT rate and the manager was rude on the phone.', 'en'],
      ['Hydraulik spóźnił się dwie godziny, a nowy kran już przecieka.', 'pl'],
      ['Na fakturze jest zła stawka VAT, a kierownik był niemiły przez telefon.', 'pl'],
      ['Torulukksepp tuli kaks tundi hiljem ja uus kraan juba lekib.', 'et'],
      ['Arvel on vale käibemaks ja juhataja oli telefonis ebaviisakas.', 'et'],
    ],
    2,
  );
});

describe('an addition opens another complaint', () => {
  expectCount(
    [
      ['The jacket I ordered is too small. Also, the zip came apart on the first day.', 'en'],
      ['Kurtka jest za mała. Poza tym zamek rozkleił się pierwszego dnia.', 'pl'],
      ['Jope on liiga väike. Lisaks tuli lukk esimesel päeval katki.', 'et'],
    ],
    2,
  );
});

describe('a list of failures counts each item', () => {
  expectCount(
    [
      ['What went wrong at the party:\n- the cake was stale\n- the music started an hour late', 'en'],
      ['Co poszło nie tak na przyjęciu:\n- tort był nieświeży\n- zespół przyjechał za późno', 'pl'],
      ['Mis peol valesti läks:\n- tort oli kõrbenud\n- muusika algas tund hiljem', 'et'],
    ],
    2,
  );
});

describe('an enumeration of failures counts each of them', () => {
  expectCount(
    [
      ['The bathroom was dirty, the heater was broken, and the towels were missing.', 'en'],
      ['Łazienka była brudna, grzejnik zepsuty, a ręczników brakowało.', 'pl'],
      ['Vannituba oli räpane, radiaator katki ja rätikud puudu.', 'et'],
    ],
    3,
  );
});

describe('a complaint recognised by its form, without a topic word', () => {
  expectCount(
    [
      ['The curtains were supposed to be cream, and these look grey to me.', 'en'],
      ['Zasłony miały być kremowe, a te wyglądają na szare.', 'pl'],
      ['Kardinad pidid olema kreemikad, aga need paistavad hallid.', 'et'],
    ],
    1,
  );
});

describe('one complaint told further, or repeated, counts one', () => {
  expectCount(
    [
      ['The sofa was supposed to come on Monday. It is Friday now and I am still waiting at home.', 'en'],
      ['Late again. Late like last week, late like the week before.', 'en'],
      ['Kanapa miała być w poniedziałek. Dziś jest piątek i nadal czekam w domu.', 'pl'],
      ['Diivan pidi tulema esmaspäeval. Täna on reede ja ootan ikka veel kodus.', 'et'],
    ],
    1,
  );
});

describe('a demand or a threat about a complaint is no complaint of its own', () => {
  expectCount(
    [
      ['The chair arrived broken. I want a full refund by Friday or I will go to the ombudsman.', 'en'],
      ['Krzesło przyszło połamane. Żądam zwrotu pieniędzy do piątku, inaczej idę do rzecznika.', 'pl'],
      ['Tool saabus katkisena. Nõuan raha tagasi reedeks, muidu pöördun tarbijakaitsesse.', 'et'],
    ],
    1,
  );
});

describe('a message without a complaint counts none', () => {
  expectCount(
    [
      ['Could I move my appointment from Tuesday to Wednesday, same time?', 'en'],
      ['Czy mogę przełożyć wizytę z wtorku na środę, o tej samej porze?', 'pl'],
      ['Kas saaksin aja teisipäevalt kolmapäevale tõsta, sama kellaaeg?', 'et'],
    ],
    0,
  );
});

describe('a join that opens a lead-in ("and when I asked, …") sets the clause after it beside the complaint before', () => {
  expectCount(
    [
      ['The tiles arrived cracked, and when I rang the shop, the manager laughed at me.', 'en'],
      ['Płytki przyszły pęknięte, a kiedy zadzwoniłam do sklepu, kierownik mnie zignorował.', 'pl'],
      ['Plaadid olid katki ja kui ma poodi helistasin, naeris juhataja mu üle.', 'et'],
    ],
    2,
  );
  expectCount(
    [
      ['The tiles arrived cracked, and when I rang the shop, they promised a new box.', 'en'],
      ['Płytki przyszły pęknięte, a kiedy zadzwoniłam do sklepu, obiecali nowe.', 'pl'],
      ['Plaadid olid katki ja kui ma poodi helistasin, saadeti kohe uued.', 'et'],
    ],
    1,
  );
});

describe('a numbered list ("1. …") counts each item, though its number ends a sentence', () => {
  expectCount(
    [
      [
        'Two problems with the boiler service:\n1. The engineer came a day late.\n2. The pressure valve is still leaking.',
        'en',
      ],
      [
        'Dwa problemy z serwisem pieca:\n1. Serwisant przyjechał dzień po terminie.\n2. Zawór nadal przecieka.',
        'pl',
      ],
    ],
    2,
  );
  expectCount(
    [
      [
        'About the boiler service:\n1. The engineer came a day late.\n2. I would like a refund of the call-out fee.',
        'en',
      ],
      [
        'W sprawie serwisu pieca:\n1. Serwisant przyjechał dzień po terminie.\n2. Proszę o zwrot opłaty za dojazd.',
        'pl',
      ],
    ],
    1,
  );
});

describe('ordinals ("first", "second") open a complaint each', () => {
  expectCount([['First, the sofa came a week late. Second, one of the cushions was torn.', 'en']], 2);
  expectCount(
    [['First, the sofa came a week late. Second, could you tell me who pays for the delivery?', 'en']],
    1,
  );
});

describe('failures that name no category: a wrong item, a remark quoted back, a payment taken twice, a fault still there', () => {
  expectCount(
    [
      ['The cake came an hour late, and it was lemon, not the chocolate we ordered.', 'en'],
      ['The bill was wrong and the waiter said "everyone pays that".', 'en'],
      ['The receipt is wrong, and you have taken the deposit twice.', 'en'],
      ['The washing machine still rattles after the repair and you charged me for a new drum.', 'en'],
      ['Kawa była zimna, a kelner powiedział, że "tak ma być".', 'pl'],
      ['Remont miał trwać tydzień, a ekipa nie posprzątała po sobie.', 'pl'],
      ['Supp oli külm ja kelner ütles, et "nii peabki olema".', 'et'],
      ['Tellimus tühistati, aga arve tuli ikkagi.', 'et'],
    ],
    2,
  );
  expectCount(
    [
      ['The cake was lemon, not the chocolate we ordered. Please send the right one by Friday.', 'en'],
      ['The washing machine still rattles after the repair. It rattles every time it spins.', 'en'],
      ['The bill was wrong. Could the waiter check it again?', 'en'],
      ['Remont miał trwać tydzień. Proszę o informację, kiedy ekipa skończy.', 'pl'],
      ['Supp oli külm. Kas kokk saaks selle üle vaadata?', 'et'],
    ],
    1,
  );
});

describe("each language pack's complaint examples", () => {
  for (const lang of LANGS) {
    const examples = PACKS[lang].complaints?.examples ?? [];
    it(`${lang} has examples of two complaints`, () => {
      expect(examples.length).toBeGreaterThan(0);
    });
    it.each(examples)(`"%s" (${lang}) counts 2`, (text) => {
      expect(issues(text, lang)).toBe(2);
    });
  }
});

describe('failure patterns, found through one scan first', () => {
  const words = {
    pl: ['nie', 'przeprosił', 'mi', 'miał', 'trwać', 'powiedział', 'że', '"', 'znowu', 'Nie', 'ładnie', '.'],
    et: ['ei', 'selgitanud', 'pole', 'vastanud', 'ütles', 'et', '"', 'mulle', 'Ei', 'saanud', 'aru', '.'],
    en: [
      "didn't",
      'explain',
      'took',
      'an',
      'hour',
      'still',
      'leaks',
      'said',
      '"',
      'nobody',
      'called',
      'twice',
    ],
  } as const;

  it.each(LANGS)('finds in %s every match the patterns find one by one, in their order', (lang) => {
    const sources = PACKS[lang].complaints?.failurePatterns ?? [];
    const compiled = compileFailurePatterns(sources);
    const texts = fc.array(fc.constantFrom(...words[lang]), { maxLength: 14 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(texts, (text) => {
        const oneByOne = sources.flatMap((source) =>
          [...text.matchAll(new RegExp(source, 'giu'))].map((m) => [m.index, m[0]]),
        );
        const found = patternMatches(compiled, text, [{ start: 0, end: text.length }]);
        expect(found.map((m) => [m.start, m.term])).toEqual(oneByOne);
      }),
    );
  });

  it('runs patterns that cannot be joined one by one', () => {
    const compiled = compileFailurePatterns(['(a)\\1', 'bb']);
    expect(compiled.any).toBeNull();
    expect(patternMatches(compiled, 'xaa bb', [{ start: 0, end: 6 }]).map((m) => m.term)).toEqual([
      'aa',
      'bb',
    ]);
  });
});
