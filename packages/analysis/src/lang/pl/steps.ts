import type { StepTexts } from '../../guide/steps.ts';

export const steps: StepTexts = {
  set_boundary: {
    title: 'Postaw spokojną granicę',
    why: 'Klient obraża pracowników: spokojnie zaznacz, że obraźliwe słowa nie będą tolerowane, i wróć do meritum.',
  },
  escalate: {
    title: 'Przekaż sprawę przełożonemu',
    why: 'Groźby (prawne, publiczne lub przemocy) wymagają decyzji przełożonego i szybkiej reakcji.',
  },
  keep_commitment: {
    title: 'Dotrzymaj zaległego zobowiązania',
    why: 'Minął termin obiecanej odpowiedzi: najpierw przeproś i wykonaj obietnicę.',
  },
  let_vent: {
    title: 'Pozwól klientowi się wygadać',
    why: 'Zdenerwowany klient potrzebuje najpierw zostać wysłuchany; nie przerywaj i nie polemizuj.',
  },
  acknowledge: {
    title: 'Okaż zrozumienie',
    why: 'Nazwij emocje klienta – to obniża napięcie i buduje zaufanie.',
  },
  apologise: {
    title: 'Przeproś',
    why: 'Wina leży po naszej stronie albo klient długo czekał: przeproś zamiast się tłumaczyć.',
  },
  list_problems_back: {
    title: 'Wymień po kolei wszystkie problemy',
    why: 'Za złością często stoi kilka wpadek naraz – odnieś się do każdej z nich.',
  },
  review_history: {
    title: 'Przejrzyj wcześniejszą korespondencję',
    why: 'Późna, ogólna reklamacja z żądaniem zwrotu: sprawdź, czy klient był wcześniej zadowolony.',
  },
  ask_specifics: {
    title: 'Zapytaj o konkrety',
    why: 'Nie wiadomo dokładnie, co jest nie tak: poproś o szczegóły, zanim zaproponujesz naprawę.',
  },
  verify: {
    title: 'Sprawdź fakty',
    why: 'Wina nie jest ustalona: sprawdź, czy jest tak, jak opisuje klient, zanim coś obiecasz.',
  },
  propose_solution: {
    title: 'Zaproponuj rozwiązanie',
    why: 'Zapytaj, co naprawi sytuację; najpierw naprawa, wymiana lub bon, zwrot gotówki tylko gdy to konieczne.',
  },
  commit: {
    title: 'Powiedz, co zrobisz i kiedy',
    why: 'Podaj swoje imię i kontakt oraz termin, w którym wrócisz z odpowiedzią.',
  },
};
