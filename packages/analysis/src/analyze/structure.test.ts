import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../index.ts';
import type { Flag } from '../vocabulary.ts';

type Lang = 'pl' | 'et' | 'en';
const flags = (text: string, lang: Lang) => analyzeMessage(text, { lang }).flags;

function expectFlag(cases: readonly (readonly [string, Lang])[], flag: Flag) {
  it.each(cases)(`"%s" (%s) raises ${flag}`, (text, lang) => {
    expect(flags(text, lang)).toContain(flag);
  });
}

function expectNoFlag(cases: readonly (readonly [string, Lang])[], flag: Flag) {
  it.each(cases)(`"%s" (%s) does not raise ${flag}`, (text, lang) => {
    expect(flags(text, lang)).not.toContain(flag);
  });
}

describe('threats of violence carried by implication', () => {
  expectFlag(
    [
      ["Fine. I'll come round on Saturday with a few of my mates and we'll sort this out.", 'en'],
      ['Next time it will be a different kind of conversation, believe me.', 'en'],
      ['Keep ignoring me and your van might not have four tyres in the morning.', 'en'],
      ["If the money isn't back by Friday, you'll be sorry you ever met me.", 'en'],
      ['Wpadnę do was z braćmi i wtedy pogadamy.', 'pl'],
      ['Następnym razem porozmawiamy inaczej, obiecuję.', 'pl'],
      ['Jak nie oddacie kasy, to pożałujecie.', 'pl'],
      ['Uważajcie na swoje auto na parkingu.', 'pl'],
      ['Tulen homme sõpradega teie salongi, siis räägime.', 'et'],
      ['Kui raha ei tule, siis kahetsete.', 'et'],
      ['Järgmine kord räägime teistmoodi.', 'et'],
    ],
    'threat_violence',
  );
  expectNoFlag(
    [
      ["I'll come round with my husband on Saturday to pick up the sofa.", 'en'],
      ['Przyjdę z mężem w sobotę odebrać buty.', 'pl'],
      ['Tulen homme koos abikaasaga tellimusele järele.', 'et'],
    ],
    'threat_violence',
  );
});

describe('public threats already carried out or in progress', () => {
  expectFlag(
    [
      ['My review is already up on Google for everyone to read.', 'en'],
      ["I'm writing a post for our neighbourhood group as we speak.", 'en'],
      ['Other parents should know how you treat children.', 'en'],
      ['Posted the whole story on tripadvisor dot com last night.', 'en'],
      ['Opinia już wisi na Google, niech ludzie czytają.', 'pl'],
      ['Właśnie piszę post na grupę osiedlową.', 'pl'],
      ['Inni klienci powinni wiedzieć, jak tu się traktuje ludzi.', 'pl'],
      ['Wystawiłam wam ocenę na znanylekarz.pl.', 'pl'],
      ['Kirjutasin juba arvustuse Google’isse.', 'et'],
      ['Teised kliendid peaksid teadma, kuidas te inimesi kohtlete.', 'et'],
      ['Panin kogu loo küla Facebooki gruppi üles.', 'et'],
    ],
    'threat_public',
  );
});

describe('churn said briefly or politely', () => {
  expectFlag(
    [
      ['Never again.', 'en'],
      ['Please take this as formal notice that we are moving to another provider.', 'en'],
      ['We have decided to take our business elsewhere from next month.', 'en'],
      ['Nigdy więcej.', 'pl'],
      ['Informuję, że przechodzimy do innego dostawcy od przyszłego miesiąca.', 'pl'],
      ['Rezygnuję z Waszych usług.', 'pl'],
      ['Enam mitte kunagi.', 'et'],
      ['Teatan, et läheme järgmisest kuust üle teisele teenusepakkujale.', 'et'],
    ],
    'churn_threat',
  );
});

describe('refund and compensation demands phrased as offers or proposals', () => {
  expectFlag(
    [
      ['I would be willing to accept a partial refund of half the price.', 'en'],
      ['What would be fair is getting my money back for the second night.', 'en'],
      ['Proponuję zwrot połowy kwoty i uznam sprawę za zamkniętą.', 'pl'],
      ['Uczciwie byłoby oddać mi pieniądze za drugą noc.', 'pl'],
      ['Pakun välja, et tagastate poole summast.', 'et'],
      ['Õiglane oleks raha tagasi maksta.', 'et'],
    ],
    'refund_demand',
  );
  expectFlag(
    [
      ['A fair solution would be a voucher for the next visit.', 'en'],
      ['I suggest a discount on the next invoice as compensation.', 'en'],
      ['Zaakceptuję rabat na kolejną wizytę jako rekompensatę.', 'pl'],
      ['Sprawiedliwie byłoby dać mi zniżkę na następny pobyt.', 'pl'],
      ['Nõustun hüvitisega järgmise arve pealt.', 'et'],
      ['Õiglane lahendus oleks allahindlus järgmisest tellimusest.', 'et'],
    ],
    'compensation_demand',
  );
});

describe('repeat contact carried by counts of attempts', () => {
  expectFlag(
    [
      ['This is my 4th email about the same invoice.', 'en'],
      ["I've rung you 6 times this week and nobody picks up.", 'en'],
      ['Piszę już piąty raz w tej sprawie.', 'pl'],
      ['Dzwoniłam 7 razy i nikt nie odbiera.', 'pl'],
      ['Kirjutan teile juba neljandat korda.', 'et'],
      ['Helistasin 5 korda, keegi ei vasta.', 'et'],
    ],
    'repeat_contact',
  );
});

describe('urgency carried by deadlines inside ultimatums', () => {
  expectFlag(
    [
      ['I expect the money back by Friday 5 pm, not a day later.', 'en'],
      ['Macie czas do piątku do 12:00, potem idę dalej.', 'pl'],
      ['Ootan vastust hiljemalt reedeks kella 12-ks.', 'et'],
    ],
    'urgency',
  );
});

describe('shouting by one emphasised word, not by names and labels', () => {
  expectFlag(
    [
      ['I have asked you NEVER to call me before nine.', 'en'],
      ['Prosiłam, żeby NIGDY nie dzwonić przed dziewiątą.', 'pl'],
      ['Palusin, et te MITTE KUNAGI ei helistaks enne üheksat.', 'et'],
    ],
    'shouting',
  );
  expectNoFlag(
    [
      ['My order from IKEA arrived without the screws.', 'en'],
      ['Zamówienie z MEDIA EXPERT przyszło bez kabla.', 'pl'],
      ['Tellisin TALLINK laevale piletid, aga neid ei tulnud.', 'et'],
    ],
    'shouting',
  );
});

describe('shouting by one word in capitals the packs do not know, at a clause end or in the language’s own letters', () => {
  expectFlag(
    [
      ['In the salad I found a SNAIL. Lovely.', 'en'],
      ['The courier left the parcel out in the STORM, on the doorstep.', 'en'],
      ['I need the keys back TODAY', 'en'],
      ['W sałatce znalazłam ŚLIMAKA, naprawdę.', 'pl'],
      ['Kelnerka udawała, że wszystko gra. ŻENADA.', 'pl'],
      ['Obiecaliście dostawę dziś, a tu NIC.', 'pl'],
      ['Toit oli täiesti KÜLM, nagu külmikust.', 'et'],
      ['Kuller jättis paki lihtsalt ukse taha VIHMA.', 'et'],
    ],
    'shouting',
  );
  expectNoFlag(
    [
      ['Temat: PILNE – faktura za listopad\nProszę o przesłanie faktury.', 'pl'],
      ['Please check invoice INV-2291 and the order ORD/77, thanks.', 'en'],
      ['Dziękuję za pomoc.\nZ poważaniem, Anna KOWALSKA', 'pl'],
      ['Kupiłam karmę w sklepie ZIELONY ZAKĄTEK i przyszła bez rachunku.', 'pl'],
      ['We flew with RYANAIR last week and the bags were fine.', 'en'],
      ['Subject: INVOICE for the October cleaning\nPlease find it attached.', 'en'],
    ],
    'shouting',
  );
});

describe('text without diacritics and typed on a phone', () => {
  expectFlag(
    [
      ['jak nie oddacie kasy to pozalujecie', 'pl'],
      ['kui raha ei tule siis kahetsete', 'et'],
    ],
    'threat_violence',
  );
  expectFlag(
    [
      ['pisze juz piaty raz w tej sprawie', 'pl'],
      ['kirjutan juba neljandat korda', 'et'],
    ],
    'repeat_contact',
  );
});

describe('only the customer’s own new words count', () => {
  it.each([
    [
      'Hi team, can you pick this one up? Bit of a tricky customer, thanks. Anna\n\n---------- Forwarded message ---------\nFrom: Mark Reed <mark@example.com>\nDate: Mon, 2 Nov 2026\nSubject: Order 5512\n\nThird email this week. Refund me today or I go to trading standards.',
      'en',
    ],
    [
      'Cześć, przekazuję Ci tę sprawę, klient dzwonił też rano. Ola\n\n---------- Przekazana wiadomość ---------\nOd: Jan Nowak <jan@example.pl>\nData: 2 lis 2026\nTemat: Zamówienie\n\nPiszę już trzeci raz. Oddajcie pieniądze albo idę do rzecznika konsumentów.',
      'pl',
    ],
    [
      'Tere, palun võta see üle, klient on pahane. Kati\n\n---------- Edastatud kiri ---------\nSaatja: Mari Tamm <mari@example.ee>\nKuupäev: 2. nov 2026\nTeema: Tellimus\n\nKirjutan kolmandat korda. Makske raha tagasi või pöördun tarbijakaitsesse.',
      'et',
    ],
  ] as const)('reads the forwarded customer, not the colleague’s note (%#)', (text, lang) => {
    const a = analyzeMessage(text, { lang });
    expect(a.flags).toEqual(expect.arrayContaining(['threat_legal', 'refund_demand', 'repeat_contact']));
  });

  it.each([
    ['Your receptionist called me a stupid cow in front of everyone.', 'en'],
    ['The driver shouted “you idiot” at my son.', 'en'],
    ['Recepcjonistka nazwała mnie idiotką przy wszystkich.', 'pl'],
    ['Kierowca krzyknął do syna „ty debilu”.', 'pl'],
    ['Administraator nimetas mind lolliks kõigi ees.', 'et'],
    ['Kuller karjus mu pojale „sa idioot”.', 'et'],
    ['The courier told me to "piss off" when I asked about my parcel.', 'en'],
    ['Kierowca powiedział mi „ty debilu” przy dzieciach.', 'pl'],
    ['Juht ütles mu „sa idioot” kõigi ees.', 'et'],
  ] as const)('staff abuse the customer reports is not the customer’s: "%s"', (text, lang) => {
    const a = analyzeMessage(text, { lang });
    expect(a.flags).not.toContain('insult');
    expect(a.level).not.toBe('hostile');
  });
});

describe('several problems joined in one sentence', () => {
  const count = (text: string, lang: Lang) => analyzeMessage(text, { lang }).problems.length;
  it.each([
    ['The kettle arrived dented and the invoice is wrong.', 'en', 2],
    ['The sofa arrived scratched, the bill was too high and nobody answers the phone.', 'en', 3],
    ['My appointment was cancelled and the refund never came.', 'en', 2],
    ['Czajnik przyszedł wgnieciony, a faktura jest błędna.', 'pl', 2],
    ['Kanapa porysowana, rachunek zawyżony i nikt nie odbiera telefonu.', 'pl', 3],
    ['Diivan oli kriimustatud, arve liiga suur ja keegi ei vasta telefonile.', 'et', 3],
    ['Pakk tuli nädal hiljem ja arve on vale.', 'et', 2],
  ] as const)('"%s" (%s) has %i problems', (text, lang, n) => {
    expect(count(text, lang)).toBe(n);
  });

  it.each([
    ['The courier left the parcel in the rain and it is soaked.', 'en'],
    ['Kurier zostawił paczkę na deszczu i jest cała mokra.', 'pl'],
  ] as const)('a topic that is only the subject of one complaint adds none: "%s"', (text, lang) => {
    expect(count(text, lang)).toBeLessThanOrEqual(1);
  });
});

describe('emoji as intensity and text typed on a phone', () => {
  it.each([
    ['still no parcel 😡😡😡', 'en'],
    ['paczki nadal nie ma 🤬', 'pl'],
    ['pakki ikka pole 😤😤😤', 'et'],
  ] as const)('a run of angry emoji makes "%s" (%s) more than calm', (text, lang) => {
    const a = analyzeMessage(text, { lang });
    expect(a.signals.some((s) => s.rule === 'emoji' && s.kind === 'strong_negative')).toBe(true);
    expect(a.level).not.toBe('calm');
  });

  it('a smiling thank-you stays calm', () => {
    expect(analyzeMessage('Dziękuję bardzo 😊', { lang: 'pl' }).level).toBe('calm');
  });
});

describe('menace by the manner of a talk and by a pity that something happens', () => {
  expectFlag(
    [
      ["Carry on like this and we'll have words the hard way.", 'en'],
      ["It would be a real shame if something happened to your lovely van, wouldn't it.", 'en'],
      ['Inaczej sobie z wami porozmawiam, zobaczycie.', 'pl'],
      ['Byłoby szkoda, gdyby coś się stało z waszym lokalem.', 'pl'],
      ['Siis klaarime asja teisiti.', 'et'],
      ['Oleks kurb, kui teie salongiga midagi juhtuks.', 'et'],
    ],
    'threat_violence',
  );
  expectNoFlag(
    [
      ['Could we talk about the quote differently, by phone rather than email?', 'en'],
      ['Shame the colour is wrong, could you send another?', 'en'],
      ['Porozmawiajmy o tym w poniedziałek, bo w piątek mnie nie ma.', 'pl'],
      ['Szkoda, że kolor jest inny niż na zdjęciu.', 'pl'],
      ['Kahju, et värv on teistsugune kui pildil.', 'et'],
    ],
    'threat_violence',
  );
});

describe('publication named by any domain ending', () => {
  expectFlag(
    [
      ['The whole story is on localreviews.net since this morning.', 'en'],
      ['Opisałem wszystko na forum.motoryzacja.eu.', 'pl'],
      ['Kirjutasin arvustuse lehele hinnangud.lv.', 'et'],
    ],
    'threat_public',
  );
  expectNoFlag(
    [
      ['I wrote to you at info@garage.net. Did it arrive?', 'en'],
      ['Napisałam maila na adres biuro@salon.pl, czy doszedł?', 'pl'],
    ],
    'threat_public',
  );
});

describe('churn as a verdict of its own and as a formal notice of moving', () => {
  expectFlag(
    [
      ["Three weeks and still broken. I'm done.", 'en'],
      ['We are switching the account to a different provider next quarter.', 'en'],
      ['Znowu to samo. Rezygnujemy!', 'pl'],
      ['Aitab. Loobume.', 'et'],
      ['Kanname oma teenuse järgmisest kuust üle teisele pakkujale.', 'et'],
    ],
    'churn_threat',
  );
  expectNoFlag(
    [
      ["I'm done with the form, attached it below.", 'en'],
      ['Never again will I buy shoes anywhere else, they fit perfectly.', 'en'],
      ['Rezygnuję z terminu w piątek, proszę o inny.', 'pl'],
      ['Loobun homsest ajast, kirjutan uue aja jaoks.', 'et'],
    ],
    'churn_threat',
  );
});

describe('a demand negated inside a condition is still made', () => {
  expectFlag(
    [
      ["Unless you don't mind me going to the papers, I'd like my money back this week.", 'en'],
      ["If my money isn't back by the 10th I'll take it further.", 'en'],
      ['Jak nie zwrócicie mi wpłaty, zgłoszę to dalej.', 'pl'],
      ['Kui te raha nädala jooksul tagasi ei kanna, pöördun edasi.', 'et'],
    ],
    'refund_demand',
  );
  expectNoFlag(
    [
      ["I don't want my money back, just a phone that works.", 'en'],
      ['Nie chcę, żebyście oddali pieniądze, wolę naprawę.', 'pl'],
      ['Ma ei taha raha tagasi, parandage lihtsalt ära.', 'et'],
      ['Oddali mi już pieniądze, dziękuję za pomoc.', 'pl'],
    ],
    'refund_demand',
  );
});

describe('a topic joined to another complaint with a fault of its own is a problem of its own', () => {
  it.each([['The meal was cold, the waiter ignored us and the bill had an extra bottle on it.', 3]])(
    '"%s" counts %i problems',
    (text, count) => {
      expect(analyzeMessage(text, { lang: 'en' }).issues).toBe(count);
    },
  );
});
