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
  'et-late-cancels': {
    good: [
      'Tere, Kadri! Saan aru, et töö pani plaanid sassi. Kontrollin laupäeva vabad ajad ja saadan Teile täna kella 16-ks SMS-i. Ettemaks kehtib nüüd kõigile klientidele, sest tühjad ajad graafikus on salongile kulukad. Eva, 5123 4567',
      'Mõistan Teid. Kui annate tühistamisest teada hiljemalt eelmisel päeval lõunaks, kanname ettemaksu uuele ajale üle. Saadan homme tingimused SMS-iga.',
    ],
    bad: [
      'Te oleksite pidanud varem tühistama, siis poleks probleemi. Sellised on reeglid.',
      'Nagu ma juba ütlesin, ettemaks on kohustuslik. Me ei saa midagi teha.',
    ],
    badMisses: ['blaming', 'excuse', 'condescension'],
  },
  'et-unpaid-invoice': {
    good: [
      'Tere! Saan aru, et kliendi hilinenud makse on Teile ebameeldiv. Kontrollin, millal käibedeklaratsiooni dokumendid meieni jõudsid, ja saadan Teile reedeks kuupäevade nimekirja. Pakun ka võla tasumist kahes osas. Triin Tamm, 640 1234',
      'Mõistan, aitäh. Valmistan lisa ette: esimene osa 25. mail, teine 25. juunil. Saadan selle Teile homme lõunaks.',
    ],
    bad: [
      'Teil ei ole õigus, deklaratsioon esitati tähtajaks. Te oleksite pidanud dokumendid varem saatma.',
      'See pole meie süü, et Teie klient ei maksa. Garanteerin, et asi läheb inkassosse.',
    ],
    badMisses: ['arguing', 'blaming', 'excuse', 'impossible_promise'],
  },
  'et-refund-after-praise': {
    good: [
      'Tere! Mul on kahju, et värv Teile ei meeldi. Kas saaksite saata foto ja kirjutada, mis täpselt valesti on? Stilist vaatab selle üle ja võtan Teiega neljapäeval ühendust. Anu, 5300 4000',
      'Aitäh, saan aru, vasekarva toon pole see, mida soovisite. Pakun tasuta korrektsiooni – saan Teid broneerida kolmapäevaks kell 10. Helistan homme hommikul, et aeg kinnitada.',
    ],
    bad: [
      'Pärast visiiti kirjutasite ju, et olete vaimustuses. Kõik oli korras.',
      'Nagu juba kirjutasin, ilma konkreetse põhjuseta me raha ei tagasta. See ei vasta tõele, et värv oli halb.',
    ],
    badMisses: ['arguing', 'condescension'],
  },
  'et-insults-and-threats': {
    good: [
      'Tere! Saan aru, et maksite remondi eest ja kliima ei tööta ikka – kontrollime selle üle. Palun siiski suhelda ilma solvangute ja ähvardusteta. Ootame Teid homme kell 8, teeninduse juht tegeleb autoga isiklikult. Tarmo Lepp, 5222 3333',
      'Selge. Homme kell 8 võtab Teid vastu teeninduse juht Marek. Helistan diagnoosi tulemusega kella 12-ks.',
    ],
    bad: ['Rahunege maha. See on Teie probleem, et sõidate lekkiva süsteemiga, mitte meie oma.'],
    badMisses: ['condescension', 'blaming'],
  },
  'et-wants-it-now': {
    good: [
      'Tere! Saan aru, et messi ettetõstmine on Teile suur mure. Kontrollin trükikojaga kiirtöö võimalust ja helistan Teile täna kella 13-ks. Peeter Kask, 5511 1222',
      'Mõistan. Trükikoda jõuab 500 flaierit teha homme kella 8-ks, ülejäänud esmaspäevaks. Saadan Teile täna pärastlõunal kinnituse kiirtöö hinnaga.',
    ],
    bad: [
      'See on võimatu. Te oleksite pidanud varem tellima, meil on järjekord ja teised kliendid.',
      'Meist ei sõltu midagi, sellised on trükikoja reeglid.',
    ],
    badMisses: ['arguing', 'blaming', 'excuse'],
  },
  'et-many-complaints': {
    good: [
      'Lugupeetud härra Saar, vabandame väga selle õhtu pärast ja saan aru, et see pidi olema eriline. Uurin iga asja: supi ja ootamise köögiga, ettekandja käitumise saalijuhatajaga ning arve menüüga. Vastan Teile reedeks. Kristiina Mets, 5698 7654',
      'Aitäh kannatlikkuse eest. Kontrollisin arve – 9-eurose vahe kanname Teie kaardile tagasi ja ülejäänu eest pakume õhtusööki kahele meie kulul. Helistan homme enne lõunat.',
    ],
    bad: [
      'Supp serveeriti õige temperatuuriga, see pole tõsi. Laupäeval oli palju külalisi, see ei ole meie süü, et pidite ootama.',
      'Nagu juba kirjutasin, allahindlust ei tule. Ärge liialdage.',
    ],
    badMisses: ['arguing', 'excuse', 'condescension'],
  },
  'et-ruined-order': {
    good: [
      'Priit, vabandan, me vedasime Teid alt. Saan aru, et välismaa külaliste ees oli see eriti ebameeldiv. Uurin köögi ja autojuhiga, mis juhtus, ja helistan Teile enne kella 17. Maarja Kivi, 5340 4050',
      'Aitäh. Neljapäevase tellimuse kontrollin kolmapäeval isiklikult, toit jõuab kohale kell 11.30. Saadan kolmapäeval kella 16-ks kinnituse roogade nimekirjaga.',
    ],
    bad: [
      'Kuller on süüdi, ta jäi ummikusse, see pole meie süü. Taimetoidud olid teises kotis.',
      'Ma ei nõustu, et see oli häbi. Sellised on reeglid.',
    ],
    badMisses: ['excuse', 'arguing'],
  },
  'et-missing-documents': {
    good: [
      'Tere! Saan aru, et maksuameti kiri tegi Teid murelikuks. Kontrollin võla üle ja saadan Teile täna kella 16-ks arvutuse koos intressiga. Vajan ka märtsi kuluarveid kolmapäevaks. Piret Saar, 610 2030',
      'Aitäh. Valmistan intressi arvutuse ette ja helistan esmaspäeva hommikul, kui arved on käes.',
    ],
    bad: [
      'See on Teie süü, Te ei saatnud arveid. Kui Te oleksite dokumendid õigel ajal saatnud, poleks võlga.',
      'Nagu ma juba ütlesin, ilma dokumentideta me midagi teha ei saa. See on Teie probleem.',
    ],
    badMisses: ['blaming', 'condescension'],
  },
  'en-late-cancels': {
    good: [
      "Hi Hannah, I understand work got in the way. I'll look at Saturday's free slots and text you by 4 pm today. The deposit now applies to everyone, because empty slots in the diary cost the salon a lot. Emma, reception, 020 7946 0321",
      "I understand. If you let us know by noon the day before, the deposit moves to your next appointment. I'll text you the terms tomorrow.",
    ],
    bad: [
      "You should have cancelled earlier, then there wouldn't be a problem. That's the policy.",
      'As I already said, the deposit is compulsory. It is out of our hands.',
    ],
    badMisses: ['blaming', 'excuse', 'condescension'],
  },
  'en-unpaid-invoice': {
    good: [
      "Hello Mr Hughes, I understand a client paying late is a real headache. I'll check when your VAT records reached us and send you the dates by Friday. We could also split the balance into two instalments. Sarah Wood, 0161 496 0123",
      "I understand, thank you. I'll draw up a short agreement: first instalment 25 May, second 25 June, and email it to you tomorrow morning.",
    ],
    bad: [
      'You are wrong, the return was filed on time. You should have sent your records earlier.',
      "It's not our fault your client doesn't pay you. I guarantee this will go to debt collection.",
    ],
    badMisses: ['arguing', 'blaming', 'excuse', 'impossible_promise'],
  },
  'en-refund-after-praise': {
    good: [
      "Hello, I'm sorry to hear the colour isn't right for you. Could you send a photo and tell me what exactly is wrong? Your stylist will have a look and I'll get back to you on Thursday. Amy, 0117 496 0555",
      "Thanks for the photos, I understand why you're unhappy with the copper tone. I'd like to offer you a free correction – I can book you in on Wednesday at 10. I'll ring you tomorrow morning to confirm.",
    ],
    bad: [
      'But after your visit you wrote that you loved it. Everything was fine.',
      "As I mentioned, we can't refund without a reason. That's not true that the colour was bad.",
    ],
    badMisses: ['arguing', 'condescension'],
  },
  'en-insults-and-threats': {
    good: [
      "Hello, I understand you paid for a repair and the air con still isn't working – we'll look at it. I do ask you to keep this free of insults and threats, though. Please bring the car in tomorrow at 8 and our workshop manager will deal with it himself. Tom Fisher, 0113 496 0777",
      "Understood. Tomorrow at 8, Mark our workshop manager will see you. I'll call you with the diagnosis by 12.",
    ],
    bad: ["Calm down. It's your problem if you drive around with a leaking system, not ours."],
    badMisses: ['condescension', 'blaming'],
  },
  'en-wants-it-now': {
    good: [
      "Hello Mr Patel, I understand the fair moving is a real problem for you. I'll check an express run with the printers and call you back today by 1 pm. Paul Carter, 0121 496 0222",
      "I understand. The printers can do 500 flyers for 8 am tomorrow and the rest on Monday. I'll send you a confirmation with the express price this afternoon.",
    ],
    bad: [
      "That's impossible. You should have ordered earlier, there's a queue and other clients.",
      "It's beyond our control, that's the printers' company policy.",
    ],
    badMisses: ['arguing', 'blaming', 'excuse'],
  },
  'en-many-complaints': {
    good: [
      "Dear Mr Collins, I apologise for the evening and I understand it was meant to be special. I'll look into each point: the soup and the wait with the kitchen, the waiter with the floor manager, and the bill against the menu. I'll write back by Friday. Natalie Green, 0131 496 0888",
      "Thank you for your patience. I've checked the bill – we'll refund the £12 difference to your card, and for the rest we'd like to offer you dinner for two on us. I'll call you tomorrow before noon.",
    ],
    bad: [
      "The soup was served at the right temperature, that's not true. Saturday was busy, it's not our fault you had to wait.",
      'As I already explained, there will be no discount. Obviously 50% is not an option.',
    ],
    badMisses: ['arguing', 'excuse', 'condescension'],
  },
  'en-ruined-order': {
    good: [
      "Peter, I'm sorry, we let you down. I can imagine how awkward that was with guests from abroad. I'll find out from the kitchen and the driver what happened and call you before 5 pm. Megan Hall, 0151 496 0456",
      "Thank you. I'll check Thursday's order myself on Wednesday, and the food will arrive at 11:30. I'll send you a confirmation with the menu on Wednesday by 4 pm.",
    ],
    bad: [
      "The courier was late, he got stuck in traffic, it's not our fault. The vegetarian dishes were in the other bag.",
      "I disagree that it was embarrassing. That's the policy.",
    ],
    badMisses: ['excuse', 'arguing'],
  },
  'en-missing-documents': {
    good: [
      "Hello Ms Turner, I understand the HMRC letter has worried you. I'll look into the late payment and email you the figures with interest today by 4 pm. I'll also need your March receipts by Wednesday. Rachel Moore, 0161 496 0999",
      "Thank you. I'll work out the interest and call you on Monday morning once the receipts are in.",
    ],
    bad: [
      "It's your own fault, you didn't send the receipts. If you had sent your paperwork on time, there'd be no late payment.",
      "As I said before, we can't do anything without documents. That's your problem.",
    ],
    badMisses: ['blaming', 'condescension'],
  },
};
