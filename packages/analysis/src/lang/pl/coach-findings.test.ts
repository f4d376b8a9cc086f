import { describe, expect, it } from 'vitest';
import { coachReply } from '../../core.ts';

const rules = (draft: string): string[] => coachReply(draft, { lang: 'pl' }).findings.map((f) => f.rule);

// Each group: drafts that must raise the finding, and close look-alikes (a good reply with the same
// words) that must not. Written for these tests, not taken from the corpus.
const cases: Record<string, { raises: string[]; not: string[] }> = {
  arguing: {
    raises: [
      'Z całym szacunkiem, ale to Pani źle zapamiętała godzinę.',
      'Nie pobraliśmy od Pana żadnej dodatkowej opłaty.',
      'Nasza recepcjonistka działała zgodnie z procedurą rejestracji.',
      'Kelner nie mógł być niemiły, znamy go dobrze.',
      'Wszystko zrobiliśmy poprawnie i zgodnie z zamówieniem.',
      'Felga była już porysowana przy przyjęciu auta.',
      'To Pan zapomniał zabrać paragon.',
      'Opłata za dostawę była wyraźnie opisana w regulaminie.',
      'Pani przesadza, to tylko drobna rysa.',
      'Godzina czekania w sobotę to norma.',
    ],
    not: [
      'Z szacunkiem dla Pani czasu od razu proponuję nowy termin.',
      'Przepraszam, pobraliśmy opłatę dwa razy – zwrot już zleciłem.',
      'Recepcjonistka zadzwoni do Pani jutro rano.',
      'Przepraszam, że kelner nie mógł podejść wcześniej.',
      'Zrobiliśmy błąd i poprawimy go jutro.',
      'Felga została porysowana u nas – pokryjemy koszt naprawy.',
      'To Pan zdecyduje, który termin wybrać.',
      'Opiszę w regulaminie dokładniej opłatę za dostawę.',
      'Przesadzanie roślin jest wliczone w cenę.',
      'Godzina czekania to za długo, przepraszam.',
    ],
  },
  blaming: {
    raises: [
      'Zamówienie anulowano, bo nie opłacił Pan faktury.',
      'Wizyta się skróciła, bo spóźniła się Pani.',
      'Paczka wróciła, bo nie odebrał jej Pan z punktu.',
      'Zamówił Pan niewłaściwy model filtra.',
      'Pęknięcie to skutek nieprzestrzegania instrukcji montażu.',
      'Następnym razem proszę uważnie sprawdzać rozmiar.',
      'Sam Pan zdecydował o tym kolorze.',
      'Dokumenty od Pani przyszły dopiero po terminie.',
      'Błąd leży po Pana stronie.',
    ],
    not: [
      'Przepraszam, że nie opłaciliśmy kuriera na czas.',
      'Kurier spóźnił się do Pani o godzinę, przepraszamy.',
      'Przepraszam, że nikt nie odebrał Pani telefonu.',
      'Zamówiliśmy dla Pana właściwy model filtra.',
      'Pęknięcie to skutek naszego błędu przy montażu.',
      'Następnym razem damy Panu znać wcześniej.',
      'Sam osobiście dopilnuję wymiany.',
      'Dokumenty od Pani już do nas dotarły, dziękuję.',
      'Błąd leży po naszej stronie, przepraszam.',
    ],
  },
  excuse: {
    raises: [
      'Nasz serwisant miał wtedy mnóstwo zgłoszeń.',
      'Instruktorka była na zwolnieniu, stąd odwołane zajęcia.',
      'W sobotę mieliśmy bardzo dużo rezerwacji.',
      'W recepcji pracuje rano tylko jedna osoba.',
      'Przed świętami kurierzy nie nadążają z paczkami.',
      'To wina banku, a nie sklepu.',
      'Montaż wykonywała zewnętrzna firma.',
      'Producent zmienił recepturę bez uprzedzenia.',
      'Kierowca stał w korku przez godzinę.',
      'Jesteśmy w trakcie migracji danych, dlatego faktura się opóźnia.',
      'Hałas z ulicy nie jest od nas zależny.',
    ],
    not: [
      'Nasz serwisant ma dla Pana wolny termin w piątek.',
      'Instruktorka wróciła i poprowadzi zajęcia w środę.',
      'Mamy dużo wolnych terminów w przyszłym tygodniu.',
      'W recepcji pracuje Pani Ania, która oddzwoni.',
      'Przed świętami dostarczymy nowy zestaw.',
      'To nasza wina, przepraszamy.',
      'Zleciliśmy naprawę zewnętrznej firmie na nasz koszt.',
      'Zmieniliśmy producenta, żeby to się nie powtórzyło.',
      'Kierowca przyjedzie do Pana o 9:00.',
      'W trakcie wizyty technik sprawdzi instalację.',
      'Zrobimy wszystko, co od nas zależy.',
    ],
  },
  condescension: {
    raises: [
      'Nie ma co płakać nad jedną rysą.',
      'Wiem, że to dla Pana zbyt skomplikowane.',
      'Proszę przeczytać umowę jeszcze raz.',
      'Diagnozę proszę zostawić specjalistom.',
      'Wiem, że emocje ponoszą, ale proszę pisać spokojnie.',
      'Wytłumaczę to jeszcze raz, bardzo powoli.',
      'Droga Pani, wszystko jest opisane na stronie.',
    ],
    not: [
      'Nie ma co ukrywać – zawiedliśmy.',
      'Wiem, że to dla Pana trudna sytuacja.',
      'Przeczytałem dokładnie Pana wiadomość.',
      'Proszę zostawić kluczyki w recepcji.',
      'Rozumiem Pana emocje i przepraszam.',
      'Wytłumaczę krok po kroku, jak złożyć wniosek.',
      'Szanowna Pani, przesyłam opis usługi.',
    ],
  },
  hostility: {
    raises: [
      'W mieście jest wiele innych kwiaciarni.',
      'Życzymy powodzenia u konkurencji.',
      'Jak się nie podoba, to prosimy nie zamawiać.',
      'Jesteśmy pod wrażeniem Pana znajomości przepisów.',
      'Dziękujemy za tak miły wpis w internecie.',
      'Z ulgą przyjmujemy Pani rezygnację z abonamentu.',
      'Pani recenzje niczego nie zmienią w tej sprawie.',
      'Nie będę dyskutować o tym z Panem.',
      'Nie będziemy do tej sprawy wracać.',
      'Prosimy nie pisać już do nas w tej sprawie.',
      'Widać, że lubi Pani narzekać.',
      'Zanim zacznie Pan straszyć sądem, proszę przeczytać umowę.',
      'Nie potrzebujemy Pana porad.',
      'Może tym razem zrozumie Pan odpowiedź.',
      'Nikogo nie zatrzymujemy na siłę.',
    ],
    not: [
      'Proszę wybrać inny termin w kalendarzu.',
      'Nasze ceny są niższe niż u konkurencji, sprawdziłem.',
      'Jeśli kolor się nie podoba, to poprawimy go bez opłaty.',
      'Jesteśmy pod wrażeniem, jak szybko Pan to zauważył – dziękujemy.',
      'Dziękujemy za szczegółowy opis problemu.',
      'Z przyjemnością przygotujemy nowy tort.',
      'Pani recenzja pomoże nam poprawić obsługę.',
      'Nie będę Pana dłużej trzymać w niepewności – zwrot wysłany.',
      'Nie będziemy obciążać Pana kosztami.',
      'Prosimy nie pisać numeru karty w wiadomościach.',
      'Lubi Pani ciemne kolory? Mamy nową kolekcję.',
      'Zanim technik zacznie pracę, zadzwoni do Pana.',
      'Nie potrzebujemy od Pana dodatkowych dokumentów.',
      'Tym razem wszystko przygotujemy dzień wcześniej.',
      'Nie zatrzymujemy kaucji po zwrocie auta.',
    ],
  },
  impossible_promise: {
    raises: [
      'Od jutra każde zamówienie wyjdzie w ciągu godziny.',
      'Obiecuję, że żaden tort już się nie spóźni.',
      'Każda kolejna wizyta będzie idealna.',
      'Dajemy dożywotnią gwarancję na naprawę.',
    ],
    not: [
      'Od jutra kuchnia wraca do zwykłych godzin.',
      'Obiecuję, że oddzwonię jutro do 12.',
      'Wizyta będzie w czwartek o 10.',
      'Dajemy 12 miesięcy gwarancji na naprawę.',
    ],
  },
};

describe('Polish coach findings by structure', () => {
  for (const [rule, { raises, not }] of Object.entries(cases)) {
    it.each(raises)(`"%s" → ${rule}`, (draft) => {
      expect(rules(draft)).toContain(rule);
    });
    it.each(not)(`"%s" → no ${rule}`, (draft) => {
      expect(rules(draft)).not.toContain(rule);
    });
  }
});
