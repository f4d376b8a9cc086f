import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../index.ts';
import { PACKS } from '../lang/index.ts';
import { LANGS } from '../vocabulary.ts';

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
