import { describe, expect, it } from 'vitest';
import type { Element } from '../vocabulary.ts';
import { coachReply } from './coach-reply.ts';
import { COACH_PACKS } from './packs.ts';

type Lang = 'pl' | 'et' | 'en';
const rules = (draft: string, lang: Lang) => coachReply(draft, { lang }).findings.map((f) => f.rule);
const has = (draft: string, lang: Lang): Element[] => coachReply(draft, { lang, fault: 'ours' }).has;

describe('the coach finds excuses by their structure: a cause next to a circumstance', () => {
  it.each([
    ['We were short-staffed last week, which is why nobody answered.', 'en'],
    ['Unfortunately this happened because of the Christmas rush in our warehouse.', 'en'],
    ['The installation slipped owing to our subcontractor, who cancelled twice.', 'en'],
    ['Our courier partner ran late on Tuesday, hence the missed slot.', 'en'],
    ['The booking vanished due to a system outage on our side.', 'en'],
    ['Termin przesunął się z powodu urlopów w naszym serwisie.', 'pl'],
    ['Zamówienie utknęło, ponieważ podwykonawca nie dowiózł płytek.', 'pl'],
    ['Niestety w sezonie mamy nawał pracy i dlatego trwało to dłużej.', 'pl'],
    ['Opóźnienie było spowodowane awarią systemu rezerwacji.', 'pl'],
    ['Przewoźnik spóźnił się z odbiorem, stąd zwłoka.', 'pl'],
    ['Remont venis alltöövõtja tõttu, kes ei tulnud kokkulepitud ajal.', 'et'],
    ['Vastus hilines, kuna meil on praegu tipphooaeg.', 'et'],
    ['Broneering kadus süsteemi tõrke tõttu.', 'et'],
    ['Kullerfirma hilines ja seetõttu ei jõudnud pakk õigel ajal.', 'et'],
    ['Pool meeskonda oli haige, sellepärast jäi kõne tegemata.', 'et'],
  ] as const)('"%s" (%s) is an excuse', (draft, lang) => {
    expect(rules(draft, lang)).toContain('excuse');
  });

  it.each([
    ['I will contact the supplier today and call you back by 5 pm.', 'en'],
    ['Skontaktuję się z dostawcą i oddzwonię jutro.', 'pl'],
    ['Võtan tarnijaga ühendust ja helistan Teile homme.', 'et'],
  ] as const)('naming a supplier as our next step is no excuse: "%s"', (draft, lang) => {
    expect(rules(draft, lang)).not.toContain('excuse');
  });
});

describe('the coach finds hostility in sarcasm, mock praise and an ultimatum that closes the topic', () => {
  it.each([
    ['Well done, you finally found the on switch.', 'en'],
    ['Bravo. Another return from you this month.', 'en'],
    ['Take it or leave it.', 'en'],
    ['The matter is closed and we will not respond to further emails.', 'en'],
    ['Brawo, znowu zgubił Pan paragon.', 'pl'],
    ['Gratulacje, kolejny raz nie przeczytał Pan instrukcji.', 'pl'],
    ['Uważamy sprawę za zamkniętą. Proszę już do nas nie pisać.', 'pl'],
    ['To nasze ostatnie słowo w tej sprawie.', 'pl'],
    ['Tubli, te jälle unustasite koodi.', 'et'],
    ['Küsimus on suletud ja me ei vasta enam.', 'et'],
    ['Võtke või jätke, muud pakkumist ei tule.', 'et'],
  ] as const)('"%s" (%s) is hostile', (draft, lang) => {
    const coaching = coachReply(draft, { lang });
    const hostile = coaching.findings.find((f) => f.rule === 'hostility');
    expect(hostile?.severity).toBe('block');
  });

  it.each([
    ['Congratulations on your new home – your sofa will arrive on Friday.', 'en'],
    ['Gratulujemy zakupu, mebel przyjedzie w piątek.', 'pl'],
    ['Congratulations, and thank you for choosing us again.', 'en'],
    ['Gratulujemy Panu wygranej w konkursie.', 'pl'],
    ['Palju õnne Teile sünnipäevaks!', 'et'],
  ] as const)('sincere congratulations are not hostile: "%s"', (draft, lang) => {
    expect(rules(draft, lang)).not.toContain('hostility');
  });

  it.each([
    ['Nobody here is a thief, sir; the charge was a deposit.', 'en'],
    ['Nikt tu nie jest złodziejem, kaucja wróci na konto.', 'pl'],
    ['Keegi ei ole siin petis, tagatisraha tuleb tagasi.', 'et'],
  ] as const)('an insult denied of everyone is not hostile: "%s"', (draft, lang) => {
    expect(rules(draft, lang)).not.toContain('hostility');
  });
});

describe('the coach reads mock praise and a closed topic by their structure, not by the sentence', () => {
  it.each([
    ['Thanks for eventually answering the question we asked in March.', 'en'],
    ['Great job reading the confirmation email, only took you a week.', 'en'],
    ['Congrats on realising the plug was not in.', 'en'],
    ['As of today the correspondence on this refund is closed.', 'en'],
    ['We are not going to argue about this again.', 'en'],
    ['Dziękuję, że łaskawie oddzwonił Pan po tygodniu.', 'pl'],
    ['Gratuluję refleksu, faktura leżała w skrzynce od maja.', 'pl'],
    ['Tu zamykam temat reklamacji.', 'pl'],
    ['Nie zamierzam więcej z Panią o tym rozmawiać.', 'pl'],
    ['Täname, et lõpuks ka arve tasusite.', 'et'],
    ['Õnnitleme, lugesite juhendi lõpuks läbi.', 'et'],
    ['See teema on meie poolt suletud.', 'et'],
    ['Me ei soovi seda küsimust enam arutada.', 'et'],
  ] as const)('"%s" (%s) is hostile', (draft, lang) => {
    expect(rules(draft, lang)).toContain('hostility');
  });

  it.each([
    ['Thank you for your patience, the part has finally arrived and I will fit it on Monday.', 'en'],
    ['Congratulations on the new shop – the sign will be ready on Friday.', 'en'],
    ['We will not share your details with anyone, and I will reply again tomorrow.', 'en'],
    ['Our conversation over the phone is logged, so you need not repeat anything.', 'en'],
    ['If the insults go on, I will have to end this conversation.', 'en'],
    ['Dziękujemy za cierpliwość, część w końcu dotarła i w poniedziałek ją zamontujemy.', 'pl'],
    ['Nie będziemy już obciążać Pana karty, zwrot jest w drodze.', 'pl'],
    ['Jeśli obelgi się powtórzą, zakończę rozmowę.', 'pl'],
    ['Aitäh kannatlikkuse eest, detail jõudis lõpuks kohale ja paigaldame selle esmaspäeval.', 'et'],
    ['Me ei hakka enam arvet saatma, raha on tagastatud.', 'et'],
    ['Vaatame vestluse salvestise läbi ja anname teada.', 'et'],
  ] as const)('"%s" (%s) is not hostile', (draft, lang) => {
    expect(rules(draft, lang)).not.toContain('hostility');
  });
});

describe('the coach finds blame stated as a fact about the customer', () => {
  it.each([
    ['You did not attach the receipt, so nothing could be done.', 'en'],
    ['The client clearly ignored the care label.', 'en'],
    ['You entered the wrong postcode at checkout.', 'en'],
    ['Pani nie dołączyła zdjęć, więc reklamacja czeka.', 'pl'],
    ['Nie sprawdził Pan rozmiaru w tabeli przed zakupem.', 'pl'],
    ['Klientka zignorowała zalecenia po zabiegu.', 'pl'],
    ['Te ei lisanud tšekki, seega ei saanud me midagi teha.', 'et'],
    ['Sisestasite vale postiindeksi.', 'et'],
    ['Klient eiras hooldusjuhendit.', 'et'],
  ] as const)('"%s" (%s) blames the customer', (draft, lang) => {
    expect(rules(draft, lang)).toContain('blaming');
  });

  it.each([
    ["You didn't receive the parcel, and that is on us.", 'en'],
    ['Nie otrzymała Pani paczki – to nasze niedopatrzenie.', 'pl'],
  ] as const)('a failure that was ours is no blame: "%s"', (draft, lang) => {
    expect(rules(draft, lang)).not.toContain('blaming');
  });
});

describe('the coach finds arguing that defends staff', () => {
  it.each([
    ['Our technician is fully trained and followed the procedure.', 'en'],
    ['Our chefs are professionals with years of experience.', 'en'],
    ['Nasz mechanik ma 20 lat doświadczenia i zna się na rzeczy.', 'pl'],
    ['Fryzjerka, która Panią obsługiwała, jest bardzo sumienna.', 'pl'],
    ['Meie juuksur on kvalifitseeritud ja toimis õigesti.', 'et'],
    ['Meie teenindaja on väga asjatundlik.', 'et'],
  ] as const)('"%s" (%s) argues', (draft, lang) => {
    expect(rules(draft, lang)).toContain('arguing');
  });

  it('asking an experienced technician to help is not arguing', () => {
    expect(rules('I have asked our most experienced technician to call you today.', 'en')).not.toContain(
      'arguing',
    );
  });
});

describe('the coach finds condescension: calm-down, pet names, "as you surely understand"', () => {
  it.each([
    ['Relax, the parcel is not lost.', 'en'],
    ['As you surely understand, refunds take time.', 'en'],
    ['Honey, the voucher is in your inbox.', 'en'],
    ["There's no need to get worked up about a late pizza.", 'en'],
    ['Proszę ochłonąć, paczka dotrze.', 'pl'],
    ['Jak Pani zapewne wie, zwroty trwają 14 dni.', 'pl'],
    ['Złotko, voucher jest w skrzynce.', 'pl'],
    ['Nie ma co się denerwować o spóźnioną pizzę.', 'pl'],
    ['Ärge närvitsege, pakk ei ole kadunud.', 'et'],
    ['Nagu te kindlasti mõistate, võtab tagastus aega.', 'et'],
    ['Kallike, kinkekaart on Teie postkastis.', 'et'],
  ] as const)('"%s" (%s) is condescending', (draft, lang) => {
    expect(rules(draft, lang)).toContain('condescension');
  });
});

describe('a non-apology is neither apology nor empathy', () => {
  it.each([
    ["We're sorry you see it that way.", 'en'],
    ['Apologies if anyone was offended by the remark.', 'en'],
    ['Przepraszam, jeśli Pani poczuła się urażona.', 'pl'],
    ['Przykro nam, że Państwo tak to odbierają.', 'pl'],
    ['Vabandame, kui Te solvusite.', 'et'],
    ['Kahju, et Te nii arvate.', 'et'],
  ] as const)('"%s" (%s)', (draft, lang) => {
    const found = has(draft, lang);
    expect(found).not.toContain('apology');
    expect(found).not.toContain('empathy');
  });

  it.each([
    ["I'm sorry you had to wait so long for an answer.", 'en', 'apology'],
    ['Przepraszam, że musiała Pani tak długo czekać.', 'pl', 'apology'],
    ['Vabandame, et pidite nii kaua ootama.', 'et', 'apology'],
  ] as const)('a real apology still counts: "%s"', (draft, lang, element) => {
    expect(has(draft, lang)).toContain(element);
  });
});

describe('empathy said about the feeling', () => {
  it.each([
    ["I can see why you're disappointed.", 'en'],
    ['Your annoyance is completely understandable.', 'en'],
    ['Widzę, jak bardzo to Panią zdenerwowało.', 'pl'],
    ['Pana frustracja jest w pełni zrozumiała.', 'pl'],
    ['Saan Teie pettumusest aru.', 'et'],
    ['Mõistan Teie meelehärmi.', 'et'],
    ['Teie pahameel on täiesti arusaadav.', 'et'],
  ] as const)('"%s" (%s) has empathy', (draft, lang) => {
    expect(has(draft, lang)).toContain('empathy');
  });
});

describe('informal address by morphology: possessives, second-person verbs and pronouns', () => {
  it.each([
    ['Czekasz na kuriera od rana?', 'pl', 'Czekasz'],
    ['Wiem, że zapłaciłaś z góry.', 'pl', 'zapłaciłaś'],
    ['Gdybyś chciał, wymienimy kurtkę.', 'pl', 'Gdybyś'],
    ['Otrzymujesz od nas rabat.', 'pl', 'Otrzymujesz'],
    ['Sprawdzę to dla ciebie.', 'pl', 'ciebie'],
    ['Twoi goście dostaną deser gratis.', 'pl', 'Twoi'],
    ['Su broneering on kinnitatud.', 'et', 'Su'],
    ['Ootad juba nädal, ma tean.', 'et', 'Ootad'],
    ['Kas sinuga võib homme ühendust võtta?', 'et', 'sinuga'],
    ['Ära muretse, pakk on teel.', 'et', 'Ära muretse'],
  ] as const)('"%s" (%s) addresses the customer as ty/sina', (draft, lang, word) => {
    const f = coachReply(draft, { lang }).findings.find((x) => x.rule === 'informal_address');
    expect(f?.text).toBe(word);
  });

  it.each([
    ['Nasz kosz prezentowy kosztuje 50 groszy mniej niż wasz zestaw.', 'pl'],
    ['Czy mógłby Pan przesłać zdjęcie? Pana zamówienie wyślemy w piątek.', 'pl'],
    ['Przekazałam sprawę kierownikowi, odpiszę jutro.', 'pl'],
    ['Kas saaksite saata pildi? Teie tellimuse saadame reedel.', 'et'],
    ['Meie tooted ja teenused on Teile kättesaadavad.', 'et'],
  ] as const)('a formal draft has none: "%s"', (draft, lang) => {
    expect(rules(draft, lang)).not.toContain('informal_address');
  });
});

describe('next_step said as a plan already set in motion', () => {
  it.each([
    ["I've asked the courier to collect the sofa on Thursday.", 'en'],
    ['We have booked a technician for your boiler.', 'en'],
    ['Your complaint has been forwarded to the quality team.', 'en'],
    ['Przekazałam sprawę do działu reklamacji.', 'pl'],
    ['Zamówiłem już nowe drzwiczki do zmywarki.', 'pl'],
    ['Sprawa została przekazana kierownikowi zmiany.', 'pl'],
    ['Edastasin Teie kaebuse kvaliteediosakonnale.', 'et'],
    ['Annan Teile homme teada, kuidas asi edeneb.', 'et'],
    ['Broneerisin Teile uue aja neljapäevaks.', 'et'],
  ] as const)('"%s" (%s) has a next step', (draft, lang) => {
    expect(has(draft, lang)).toContain('next_step');
  });

  it.each([
    ['The product you ordered is out of stock.', 'en'],
    ['Produkt, który Pani zamówiła, jest niedostępny.', 'pl'],
  ] as const)('what the customer did is no next step: "%s"', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('next_step');
  });
});

describe('a vague "soon" is no deadline', () => {
  it.each([
    ["We'll get back to you soon.", 'en'],
    ['Odezwiemy się wkrótce.', 'pl'],
    ['Võtame Teiega peagi ühendust.', 'et'],
    ['Wrócimy do Pani niebawem.', 'pl'],
    ['Anname varsti teada.', 'et'],
  ] as const)('"%s" (%s) names no deadline', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('deadline');
  });
});

describe('coach frames and endings are data with an example each', () => {
  for (const [lang, pack] of Object.entries(COACH_PACKS) as [Lang, (typeof COACH_PACKS)['pl']][]) {
    it.each(pack.frames.map((frame) => [frame.makes, frame.example] as const))(
      `${lang}: the %s frame finds its example "%s"`,
      (makes, example) => {
        const coaching = coachReply(example, { lang, fault: 'ours' });
        if (makes === 'non_apology') {
          expect(coaching.has).not.toContain('apology');
          expect(coaching.has).not.toContain('empathy');
        } else if (makes === 'empathy' || makes === 'apology' || makes === 'next_step') {
          expect(coaching.has).toContain(makes);
        } else {
          expect(coaching.findings.map((f) => f.rule)).toContain(makes);
        }
      },
    );
    const endings = pack.informalEndings;
    if (endings)
      it(`${lang}: informal endings find their example`, () => {
        expect(rules(endings.example, lang)).toContain('informal_address');
      });
    it(`${lang}: a signature finds its example`, () => {
      expect(has(pack.signature.example, lang)).toContain('owner');
    });
    const actions = pack.actionEndings;
    if (actions)
      it(`${lang}: action endings find their example`, () => {
        expect(has(actions.example, lang)).toContain('next_step');
      });
  }
});

describe('drafts typed without diacritics or capitals', () => {
  it.each([
    ['opoznienie wynika z brakow kadrowych', 'pl', 'excuse'],
    ['prosze sie uspokoic kochana', 'pl', 'condescension'],
    ['czekasz juz tydzien a zamowilas ekspres', 'pl', 'informal_address'],
    ['viivitus tekkis personalipuuduse tottu', 'et', 'excuse'],
    ['rahunege kullake', 'et', 'condescension'],
    ['the delay was due to staff shortages', 'en', 'excuse'],
  ] as const)('"%s" (%s) → %s', (draft, lang, rule) => {
    expect(rules(draft, lang)).toContain(rule);
  });

  it.each([
    ['przekazalam sprawe do dzialu reklamacji', 'pl'],
    ['edastasin teie kaebuse juhatajale', 'et'],
  ] as const)('"%s" (%s) has a next step', (draft, lang) => {
    expect(has(draft, lang)).toContain('next_step');
  });

  it.each([
    ['przykro mi ze pan tak to odbiera', 'pl'],
    ['kahju et te nii tunnete', 'et'],
  ] as const)('"%s" (%s) is no apology', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('apology');
    expect(has(draft, lang)).not.toContain('empathy');
  });
});
