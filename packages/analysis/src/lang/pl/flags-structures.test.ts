import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../index.ts';
import type { Flag } from '../../vocabulary.ts';

const flagsOf = (text: string) => analyzeMessage(text, { lang: 'pl' }).flags;

/** Each structure: messages that must raise the flag, and close look-alikes that must not. */
function expectFlag(flag: Flag, fires: readonly string[], quiet: readonly string[]) {
  it.each(fires)(`raises ${flag}: %s`, (text) => {
    expect(flagsOf(text)).toContain(flag);
  });
  it.each(quiet)(`does not raise ${flag}: %s`, (text) => {
    expect(flagsOf(text)).not.toContain(flag);
  });
}

describe('urgency carried by time', () => {
  describe('a day and an hour as a limit', () => {
    expectFlag(
      'urgency',
      [
        'Proszę przesłać umowę dzisiaj do 16, wieczorem wyjeżdżam.',
        'Brak ciepłej wody, to skandal. Technik ma być do 14:00.',
      ],
      ['Czy salon jest dziś czynny do 18?', 'Chcę zamówić tort z dostawą na jutro do 10, czy to możliwe?'],
    );
  });
  describe('a date as a limit in a message that presses', () => {
    expectFlag(
      'urgency',
      ['Faktura jest błędna, to skandal. Oczekuję korekty najpóźniej 30 listopada.'],
      ['Promocja na przeglądy trwa do marca, czy mogę się zapisać?'],
    );
  });
  describe('today or now asked for', () => {
    expectFlag(
      'urgency',
      [
        'Kaloryfery nie grzeją, proszę przysłać hydraulika dzisiaj.',
        'Zalało nam łazienkę. Przyjedźcie teraz!',
      ],
      [
        'Proszę o fakturę za usługę wykonaną w zeszłym tygodniu.',
        'Dzisiaj odebrałam paczkę, wszystko w porządku.',
      ],
    );
  });
  describe('a time limit given', () => {
    expectFlag('urgency', ['Oddajcie zaliczkę. Macie 24 godziny.'], ['Macie godziny otwarcia w soboty?']);
  });
  describe('a verdict of time as a clause of its own', () => {
    expectFlag(
      'urgency',
      ['Dwa razy źle naliczona opłata, to skandal. Korekta. Dzisiaj.'],
      ['Dzisiaj byłam u Was na manicure, wszystko super.'],
    );
  });
});

describe('repeat contact carried by time and history', () => {
  describe('a duration next to waiting or trying', () => {
    expectFlag(
      'repeat_contact',
      [
        'Czekam na korektę faktury od trzech tygodni.',
        'Dwa tygodnie czekam na telefon od doradcy.',
        'Od rana próbuję się z Wami skontaktować.',
      ],
      [
        'Czekam na dostawę w przyszłym tygodniu, proszę o potwierdzenie godziny.',
        'Mogę poczekać tydzień, nie ma pośpiechu.',
      ],
    );
  });
  describe('a wait in the past: days are a history, minutes a queue', () => {
    expectFlag(
      'repeat_contact',
      ['Miesiąc czekałam na tę szafę, a przyszła porysowana.'],
      ['Czekałam 20 minut na stolik, ale jedzenie było pyszne.'],
    );
  });
  describe('a duration right by a contact verb', () => {
    expectFlag(
      'repeat_contact',
      ['Dzwonię od poniedziałku w sprawie zwrotu.'],
      ['Dzwonię, bo od poniedziałku chcę zmienić pakiet.'],
    );
  });
  describe('time passing since a contact', () => {
    expectFlag(
      'repeat_contact',
      ['Minął tydzień od mojej reklamacji i cisza.'],
      ['Naprawa miała zająć 5 dni, minęło 7, proszę o informację.'],
    );
  });
  describe('an earlier contact by its date', () => {
    expectFlag(
      'repeat_contact',
      [
        'Proszę o odpowiedź na moje zgłoszenie z 4 października.',
        'Pralka znowu cieknie, to skandal. Pisałem do Was w lipcu.',
      ],
      [
        'Proszę o fakturę z 4 października za przegląd.',
        'Dzwoniłam do Was w poniedziałek, żeby umówić przegląd.',
      ],
    );
  });
  describe('contact that found nobody', () => {
    expectFlag(
      'repeat_contact',
      [
        'Próbuję się dodzwonić na infolinię, nikt nie odbiera.',
        'Mail wysłany w zeszłym tygodniu, do dziś brak odpowiedzi.',
      ],
      ['Jeśli nikt nie będzie w domu, proszę zostawić paczkę u sąsiada.'],
    );
  });
  describe('the same event counted', () => {
    expectFlag(
      'repeat_contact',
      ['Druga awaria zmywarki w tym miesiącu, to skandal.'],
      ['Druga dostawa ma przyjść w czwartek, dziękuję.'],
    );
  });
});

describe('threats of violence without a threat word', () => {
  describe('company announced as the visitors', () => {
    expectFlag(
      'threat_violence',
      [
        'Oddajcie kaucję, bo inaczej moi bracia odwiedzą wasz salon.',
        'Albo zwrot, albo odwiedzą was moi kumple.',
      ],
      ['Moi bracia przyjdą z nami na urodziny, proszę o stolik dla dziesięciu osób.'],
    );
  });
  describe('a relative named by a fighting trade', () => {
    expectFlag(
      'threat_violence',
      ['Znowu zepsuliście mi auto, to skandal. Mój kuzyn jest bokserem, chętnie z Wami pogada.'],
      ['Mój brat jest trenerem, chciałby kupić u Was sprzęt dla klubu.'],
    );
  });
  describe('a talk at someone’s home', () => {
    expectFlag(
      'threat_violence',
      ['Jak nie oddacie pieniędzy, pogadamy pod twoim domem.'],
      ['Pogadamy jutro w biurze o szczegółach umowy.'],
    );
  });
  describe('the same harm promised back', () => {
    expectFlag(
      'threat_violence',
      ['Porysowaliście mi drzwi. Albo naprawa, albo wasz szef będzie miał takie same w domu.'],
      ['Albo kolor biały, albo szary, ale taki sam jak w salonie.'],
    );
  });
  describe('idioms of bodily harm', () => {
    expectFlag(
      'threat_violence',
      ['Jeszcze raz mnie tak potraktuje, to mu ten rachunek wsadzę tam, gdzie słońce nie dochodzi.'],
      ['Roślina stoi tam, gdzie słońce dochodzi tylko rano.'],
    );
  });
});

describe('przemoc przez jej skutek, wiedzę, gdzie ktoś bywa, radę z groźbą', () => {
  expectFlag(
    'threat_violence',
    [
      'Jeśli nie oddacie kaucji, wasz kierownik wyjdzie stąd na noszach.',
      'Skandaliczna obsługa. Wiem, gdzie mieszka ten wasz mechanik.',
    ],
    [
      'Jeśli nie będzie poprawy, czy mam jechać do szpitala?',
      'Wiem, gdzie jest wasz punkt odbioru, przyjadę jutro.',
      'Faktura znowu błędna. Wiem, gdzie jest wasze biuro, przywiozę dokumenty sam.',
    ],
  );
});

describe('shouting by a single word in capitals', () => {
  expectFlag(
    'shouting',
    [
      'Po malowaniu plamy są WSZĘDZIE, nawet na suficie.',
      'Proszę mi wyjaśnić, DLACZEGO znowu nie ma dostawy.',
    ],
    [
      'Zamówiłam w sklepie ZIELONY OGRÓD sadzonki, wszystko dotarło.',
      'Hej, potrzebuję tego pliku ASAP, dzięki.',
    ],
  );
});

describe('churn said briefly or formally', () => {
  describe('a verdict as a clause of its own', () => {
    expectFlag(
      'churn_threat',
      ['Trzeci raz zepsuta fryzura, to skandal. Koniec, odchodzę.'],
      ['Dziękuję za informację. Do widzenia.', 'Odchodzę od tematu, ale czy macie też kosmetyki?'],
    );
  });
  describe('a formal notice', () => {
    expectFlag(
      'churn_threat',
      [
        'Informuję, że z końcem roku kończymy współpracę z Państwa biurem.',
        'W załączeniu przesyłam wypowiedzenie umowy serwisowej.',
      ],
      ['Czy mogę przesłać wypowiedzenie poprzedniego najemcy do wglądu?'],
    );
  });
  describe('never again with a verb of coming or buying', () => {
    expectFlag(
      'churn_threat',
      ['Kelnerka była opryskliwa. Już nigdy u Was nie zjemy, więcej nie przyjdziemy.'],
      ['Więcej nie trzeba, dziękuję, zamówienie jest kompletne.'],
    );
  });
  describe('leaving from a date', () => {
    expectFlag(
      'churn_threat',
      ['Podwyżka o 30% jest nie do przyjęcia, od marca rezygnuję.'],
      ['Od marca proszę wystawiać faktury na nowy adres firmy.'],
    );
  });
  describe('custom taken to another firm, a contract not renewed, a firm given up', () => {
    expectFlag(
      'churn_threat',
      [
        'Drugi raz zgubiliście przesyłkę. Od dziś zamawiamy karmę u innego hurtownika.',
        'Po tylu pomyłkach nie przedłużymy abonamentu na serwis kserokopiarek.',
        'Znowu źle policzone godziny. Rezygnujemy z Waszego biura od stycznia.',
        'Trzeci raz zimna pizza, więcej nie zamawiam.',
        'Skoro nikt nie oddzwania, nie jestem zainteresowany dalszą współpracą.',
      ],
      [
        'Czy mogę przenieść wizytę na inny dzień?',
        'Zamawiam tort na sobotę, w innym kolorze niż ostatnio, proszę o potwierdzenie.',
        'Rezygnuję z wizyty w środę, zapiszę się na przyszły tydzień.',
        'Czy przedłużenie umowy wymaga podpisu?',
      ],
    );
  });
  describe('moving to another provider', () => {
    expectFlag(
      'churn_threat',
      ['Po tej wizycie zmieniam dentystę.', 'Takiej obsługi nie zniosę, szukam innego serwisu.'],
      ['Zmieniam adres dostawy na biuro przy Polnej.'],
    );
  });
});
