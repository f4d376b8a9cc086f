/**
 * Replies as trainees write them, for playing every scenario through the API: a good path (ends
 * resolved with a high score) and a bad path (ends escalated or lost), with the coach codes the bad
 * path must name in `missed`. They are not the scenarios' model answers: if the coach stopped
 * recognising what a trainee does right or wrong here, the play-through tests fail.
 */
export interface PlayThrough {
  good: string[];
  bad: string[];
  /** Codes the bad path's turns must name among them in `missed`. */
  badMisses: string[];
}

export const PLAY_THROUGHS: Record<string, PlayThrough> = {
  'pl-late-cancels': {
    good: [
      'Dzień dobry Pani Karolino, rozumiem, że wypadła Pani sprawa w pracy. Zaraz sprawdzę sobotnie godziny i do 16:00 odpiszę z wolnym terminem. Zadatek wprowadziliśmy dla wszystkich klientów, bo puste okienka w grafiku dużo nas kosztują. Ewa, recepcja, 600 123 456',
      'Rozumiem Panią. Jeśli da nam Pani znać najpóźniej dzień przed wizytą do południa, zadatek przechodzi na kolejny termin. Wyślę jutro SMS z tymi zasadami.',
    ],
    bad: [
      'Trzeba było odwołać wcześniej, to by nie było problemu. Takie są zasady salonu.',
      'Jak już mówiłam, zadatek jest obowiązkowy. Nie mamy na to wpływu.',
    ],
    badMisses: ['blaming', 'excuse', 'condescension'],
  },
  'pl-unpaid-invoice': {
    good: [
      'Dzień dobry, rozumiem, że brak przelewu od kontrahenta to kłopot. Sprawdzę, kiedy wpłynęły dokumenty do VAT i do piątku wyślę Panu wykaz dat. Mogę też zaproponować spłatę zaległości w dwóch ratach. Joanna Wrona, tel. 22 345 67 89',
      'Rozumiem, dziękuję. Przygotuję aneks: pierwsza rata 25 maja, druga 25 czerwca. Wyślę go Panu jutro do południa.',
    ],
    bad: [
      'Nie ma Pan racji, deklaracja była złożona w terminie. Trzeba było przysłać dokumenty wcześniej.',
      'To nie nasza wina, że klient Panu nie płaci. Gwarantuję, że sprawa trafi do windykacji.',
    ],
    badMisses: ['arguing', 'blaming', 'excuse', 'impossible_promise'],
  },
  'pl-refund-after-praise': {
    good: [
      'Dzień dobry, przykro mi, że kolor się Pani nie podoba. Czy mogłaby Pani przysłać zdjęcie i napisać, co dokładnie jest nie tak? Stylistka to obejrzy, a ja odezwę się do Pani w czwartek. Agata, 512 300 400',
      'Dziękuję, rozumiem, miedziany odcień to nie to, o co Pani prosiła. Proponuję bezpłatną korektę – mogę Panią umówić w środę o 10:00. Zadzwonię jutro rano, żeby to potwierdzić.',
    ],
    bad: [
      'Przecież po wizycie napisała Pani, że jest zachwycona. Wszystko było w porządku.',
      'Jak już pisałam, bez konkretów nic nie zrobimy. To nieprawda, że kolor był zły.',
    ],
    badMisses: ['arguing', 'condescension'],
  },
  'pl-insults-and-threats': {
    good: [
      'Dzień dobry, rozumiem, że zapłacił Pan za naprawę, a klimatyzacja dalej nie działa – sprawdzimy to. Proszę jednak o rozmowę bez obraźliwych słów. Zapraszam jutro na 8:00, kierownik serwisu zajmie się autem osobiście. Tomasz Lis, 601 222 333',
      'Rozumiem. Jutro o 8:00 przyjmie Pana kierownik, pan Marek. Oddzwonię z wynikiem diagnozy do 12:00.',
    ],
    bad: ['Proszę się uspokoić. To Pana problem, że jeździ Pan z nieszczelnym układem, a nie nasz.'],
    badMisses: ['condescension', 'blaming'],
  },
  'pl-wants-it-now': {
    good: [
      'Dzień dobry, rozumiem, że przesunięcie targów to dla Pana duży kłopot. Sprawdzę w drukarni druk ekspresowy i oddzwonię dziś do 13:00. Paweł Kos, 605 111 222',
      'Rozumiem. Drukarnia da radę przygotować 500 ulotek na jutro na 8:00, resztę w poniedziałek. Wyślę Panu dziś po południu potwierdzenie z kosztem ekspresu.',
    ],
    bad: [
      'To niemożliwe. Trzeba było zamówić wcześniej, mamy kolejkę i innych klientów.',
      'Nie mamy na to wpływu, takie są zasady drukarni.',
    ],
    badMisses: ['arguing', 'blaming', 'excuse'],
  },
  'pl-many-complaints': {
    good: [
      'Szanowny Panie, bardzo przepraszam za ten wieczór i rozumiem, że miał być wyjątkowy. Sprawdzę każdą sprawę: zupę i czas oczekiwania z kuchnią, zachowanie kelnera z kierownikiem sali, a rachunek z kartą. Odpiszę do piątku. Natalia Górska, 698 765 432',
      'Dziękuję za cierpliwość. Sprawdziłam rachunek – różnicę 38 zł zwrócimy na kartę, a za resztę proponuję kolację dla dwojga na nasz koszt. Zadzwonię jutro przed południem.',
    ],
    bad: [
      'Zupa była podana w odpowiedniej temperaturze, to nieprawda. W sobotę było dużo gości, to nie nasza wina, że się czekało.',
      'Jak już pisałam, zniżki nie będzie. Nie przesadzajmy.',
    ],
    badMisses: ['arguing', 'excuse', 'condescension'],
  },
  'pl-ruined-order': {
    good: [
      'Panie Piotrze, przepraszam, zawiedliśmy. Rozumiem, że przy zagranicznych gościach to było szczególnie przykre. Wyjaśnię z kuchnią i kierowcą, co się stało, i zadzwonię do Pana przed 17:00. Magda Wójcik, 603 404 505',
      'Dziękuję. Czwartkowe zamówienie sprawdzę osobiście w środę, dostawa będzie o 11:30. W środę do 16:00 wyślę potwierdzenie z listą dań.',
    ],
    bad: [
      'Kierowca utknął w korku, kurier się spóźnił i to nie jest nasza wina. Dania wege były w drugiej torbie.',
      'Nie zgadzam się, że był to wstyd. Takie są procedury.',
    ],
    badMisses: ['excuse', 'arguing'],
  },
  'pl-missing-documents': {
    good: [
      'Dzień dobry, rozumiem, że pismo z urzędu bardzo Panią zaniepokoiło. Sprawdzę zaległość i jeszcze dziś do 16:00 wyślę wyliczenie z odsetkami. Potrzebuję też faktur kosztowych za marzec do środy. Barbara Nowicka, 22 100 20 30',
      'Dziękuję. Przygotuję wyliczenie odsetek i zadzwonię w poniedziałek rano, jak już będą faktury.',
    ],
    bad: [
      'To Pani wina, nie przysłała Pani faktur. Gdyby Pani wysłała dokumenty na czas, nie byłoby zaległości.',
      'Jak już mówiłam, bez dokumentów nic nie zrobimy. To Pani problem.',
    ],
    badMisses: ['blaming', 'condescension'],
  },
};
