import { describe, expect, it } from 'vitest';
import type { Flag, Lang } from '../vocabulary.ts';
import { analyzeWithPacks } from './packs-analyzer.ts';

const flagsOf = (text: string, lang: Lang) => analyzeWithPacks(text, { lang }).flags;

type Case = readonly [Lang, string];

function expectFlag(flag: Flag, fires: readonly Case[], quiet: readonly Case[]) {
  it.each(fires)(`raises ${flag} (%s): %s`, (lang, text) => {
    expect(flagsOf(text, lang)).toContain(flag);
  });
  it.each(quiet)(`does not raise ${flag} (%s): %s`, (lang, text) => {
    expect(flagsOf(text, lang)).not.toContain(flag);
  });
}

describe('menace by implication', () => {
  expectFlag(
    'threat_violence',
    [
      ['en', 'Your plumber flooded my kitchen. Tell him to watch himself, I know what car he drives.'],
      ['en', 'If the manager shouts at my wife again he will leave in an ambulance.'],
      ['en', 'Send one more debt letter and I will come round with a crowbar.'],
      ['en', 'Keep ignoring my calls and see what happens to your nice new van.'],
      ['pl', 'Ten kierowca niech uważa, jak wraca wieczorem do domu.'],
      ['pl', 'Jak jeszcze raz zarysujecie mi auto, to wasz szef będzie zbierał zęby.'],
      ['pl', 'Jeszcze jedno wezwanie i przyjadę do biura z kijem.'],
      ['pl', 'Nie oddacie kaucji, to powybijam szyby w tym waszym salonie.'],
      ['et', 'Öelge oma meistrile, et ta hoiaks end, ma tean kus ta elab.'],
      ['et', 'Kui te homseks ei helista, tulen teie juurde ja ma ei tule üksi.'],
      ['et', 'Kui see veel kord juhtub, on teil väga halb päev.'],
    ],
    [
      ['en', 'Your van left scratches on my gate. Please call me.'],
      ['en', 'If my teeth still hurt next week I will book another check-up.'],
      ['en', 'I know where the shop is, I will come round on Saturday to collect the parcel.'],
      ['pl', 'Proszę uważać przy montażu, drzwi są nowe.'],
      ['pl', 'Przyjdę osobiście odebrać zamówienie w piątek.'],
      ['et', 'Tulen homme ise teie juurde pakile järele.'],
      ['et', 'Auto läks jälle katki, palun vaadake üle.'],
    ],
  );
});

describe('a review or word of mouth, posted or promised', () => {
  expectFlag(
    'threat_public',
    [
      ['en', 'The photos of that cake are going on Instagram tonight.'],
      ['en', "I've told the whole street what your builders did to my wall."],
      ['en', 'The pics are up on my blog already, everyone can see the mould.'],
      ['pl', 'Zdjęcia tej fryzury idą na grupę osiedlową na FB.'],
      ['pl', 'Każdej koleżance powiem, jak mnie tu potraktowano.'],
      ['pl', 'Zrobiłam relację na Instagramie z tej wizyty.'],
      ['et', 'Pildid lähevad kohe Instagrami, teie salongi nimega.'],
      ['et', 'Panen postituse üles ja jagan kõigiga.'],
      ['en', 'Everyone at the rugby club will hear about how you treated my dad.'],
      ['pl', 'Wszyscy w pracy się dowiedzą, jak tu obsługujecie klientów.'],
      ['et', 'Kogu meie küla saab teada, kuidas te mu emaga rääkisite.'],
      ['et', 'Supis oli juuksekarv, pildid lähevad kohe üles.'],
      ['et', 'Annan oma kogemusest teada ka meie maja Facebooki grupis.'],
      ['pl', 'Nagranie z tej wizyty wyląduje dziś na YouTube.'],
      ['pl', 'Wrzuciłam na story, jak wygląda ta łazienka po remoncie.'],
      ['en', "Here's the review I'm about to post about your kitchen."],
    ],
    [
      ['en', 'Could you post the invoice to my home address?'],
      ['pl', 'Napisałam maila na adres biuro@salon.pl, czy doszedł?'],
      ['pl', 'Czy mogę dostać zdjęcia z sesji mailem?'],
      ['et', 'Palun saatke pildid mulle e-postiga.'],
      ['en', 'Everyone in my family knows how to book online, but the site is down.'],
      ['pl', 'Wszyscy wiedzą, że remont potrwa dłużej, to nie problem.'],
      ['et', 'Kõik teavad, et pakk tuleb esmaspäeval.'],
      ['et', 'Panin kardinad üles, aga karniis on kõver.'],
      ['et', 'Palun andke teada, kas grupis on veel vabu kohti.'],
      ['pl', 'Paczka wyląduje u mnie w piątek, tak pisze kurier.'],
    ],
  );
});

describe('leaving, said as not renewing or closing the account', () => {
  expectFlag(
    'churn_threat',
    [
      ['en', 'Prices up by a third with no notice. We will not be renewing.'],
      ['en', 'Third time the app lost my booking. I want to cancel the contract.'],
      ['pl', 'Po tylu błędach przenoszę firmę do innego biura.'],
      ['pl', 'Trzeci raz nikt nie odbiera. Zamykam konto.'],
      ['et', 'Teie hinnad tõusid jälle. Otsime uue teenusepakkuja.'],
      ['et', 'Kolmandat korda tühistate mu aja. Vahetan hambaarsti.'],
      ['en', 'Nobody answered for a week, so we are using a different cleaner from now on.'],
      ['pl', 'Po tej wizycie szukam innego gabinetu.'],
      ['et', 'Kaalume tõsiselt teise kliiniku valimist.'],
      ['en', 'The tutor shouted at my son again. Never booking with you again.'],
      ['en', 'We are withdrawing Ben from the academy after the third cancelled match.'],
      ['en', 'The invoice was wrong for the third time. We are ending the contract.'],
    ],
    [
      ['en', 'Hello, I am moving abroad, please close my account from June.'],
      ['pl', 'Dzień dobry, wyprowadzam się, proszę zamknąć konto. Zamykam konto z końcem miesiąca.'],
      ['et', 'Aitab küll, aitäh, kõik sai selgeks!'],
      ['en', 'Can I use a different card for the deposit?'],
      ['en', 'Please make sure this never happens again.'],
      ['en', 'Could you take the old sofa out of the flat when you deliver?'],
      ['en', 'Hello, we are moving house, so we will be ending the contract in May.'],
      ['pl', 'Szukam innego terminu, czy jest coś w piątek?'],
      ['et', 'Vahetan telefoni ekraani mujal, kui teil pole osa.'],
    ],
  );
});

describe('a remedy asked as a request, a proposal or what would be fair', () => {
  expectFlag(
    'compensation_demand',
    [
      ['en', 'This is the second time the delivery was late. Could you waive the delivery charge?'],
      ['en', 'The room was cold all weekend. What would you consider fair?'],
      ['pl', 'Drugi raz przesunęliście montaż. Oczekuję rabatu na usługę.'],
      ['pl', 'Paznokcie odprysły po dwóch dniach, to skandal. Poprawka powinna być bezpłatna.'],
      ['et', 'Kolmandat korda hilinesite. Ootan järgmise tellimuse eest allahindlust.'],
      ['et', 'Kolmandat korda jäi koristus poolikuks. Järgmine kord võiks olla poole hinnaga.'],
    ],
    [
      ['en', 'Do you offer a discount for students?'],
      ['en', 'Hi, can I use my gift voucher for a facial?'],
      ['pl', 'Czy macie zniżki dla seniorów?'],
      ['pl', 'Dzień dobry, czy bon podarunkowy można wykorzystać na masaż?'],
      ['et', 'Tere, kas kinkekaarti saab kasutada e-poes?'],
    ],
  );
});

describe('a failure told calmly grounds a remedy asked for', () => {
  expectFlag(
    'compensation_demand',
    [
      ['en', "The cleaner didn't clean the upstairs rooms. A free visit next time would be fair."],
      ['pl', 'Kurier nie dostarczył paczki na czas. Proszę o pokrycie kosztów dojazdu.'],
      ['et', 'Koristaja ei tulnud kokkulepitud ajal. Ootan, et hüvitate taksosõidu.'],
    ],
    [
      ['en', 'A free visit next time would be lovely, if you run that offer again.'],
      ['pl', 'Czy pokrycie kosztów dojazdu jest wliczone w cenę?'],
      ['et', 'Kas te hüvitate taksosõidu, kui tulen kaugelt?'],
    ],
  );
});
