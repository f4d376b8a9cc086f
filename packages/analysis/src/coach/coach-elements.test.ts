import { describe, expect, it } from 'vitest';
import type { Element } from '../vocabulary.ts';
import { coachReply } from './coach-reply.ts';

type Lang = 'pl' | 'et' | 'en';
const has = (draft: string, lang: Lang): Element[] => coachReply(draft, { lang, fault: 'ours' }).has;

describe('next step by the verb ending of the firm’s own action', () => {
  it.each([
    ['Jutro odbierzemy wadliwą pralkę od Pana.', 'pl'],
    ['W poniedziałek przemalujemy ścianę w salonie.', 'pl'],
    ['Homme paigaldame uue kapi Teile koju.', 'et'],
    ['Esmaspäeval värvime seina uuesti üle.', 'et'],
  ] as const)('"%s" (%s) has a next step', (draft, lang) => {
    expect(has(draft, lang)).toContain('next_step');
  });

  it.each([
    ['Nie odbierzemy pralki bez paragonu.', 'pl'],
    ['Przepraszamy i dziękujemy za cierpliwość.', 'pl'],
    ['Mamy nadzieję, że wszystko w porządku.', 'pl'],
    ['Tak bywa, gdy malujemy ściany zimą.', 'pl'],
    ['Vabandame ja täname kannatlikkuse eest.', 'et'],
    ['Meie värvisime seina korrektselt.', 'et'],
  ] as const)('"%s" (%s) has no next step', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('next_step');
  });

  it('does not count a step the customer is quoted as promising', () => {
    expect(has('Napisał Pan: „wyślemy to jutro”.', 'pl')).not.toContain('next_step');
  });
});

describe('next step in Polish and Estonian: someone named acts next, or the customer is asked to', () => {
  it.each([
    ['Hydraulik przyjedzie do Państwa w piątek rano.', 'pl'],
    ['Faktura korygująca zostanie wystawiona w tym tygodniu.', 'pl'],
    ['Proszę przesłać numer zamówienia i zdjęcie etykiety.', 'pl'],
    ['Reklamacją zajmie się kierownik działu.', 'pl'],
    ['Torumees tuleb Teie juurde reedel.', 'et'],
    ['Vigane kapp vahetatakse välja.', 'et'],
    ['Palun saatke meile foto ostutšekist.', 'et'],
    ['Oleme tarnijale juba kirjutanud.', 'et'],
    ['Kandsime summa Teie kontole tagasi.', 'et'],
  ] as const)('"%s" (%s) has a next step', (draft, lang) => {
    expect(has(draft, lang)).toContain('next_step');
  });

  it.each([
    ['Technik był u Pana w zeszłym tygodniu.', 'pl'],
    ['Proszę nie pisać do nas wielkimi literami.', 'pl'],
    ['Meister käis eile objektil.', 'et'],
    ['Palun ärge helistage õhtuti.', 'et'],
    ['Oleme seda juba mitu korda selgitanud.', 'et'],
  ] as const)('"%s" (%s) has no next step', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('next_step');
  });
});

describe('next step in English: what happens next and who asks for what', () => {
  it.each([
    'A plumber will call you within the hour.',
    'Your replacement will be delivered on Tuesday.',
    "I'm looking into the missing parcel now.",
    'The engineer is on his way to you.',
    'Please send us the receipt number.',
    "I'd like to offer you a free trim next week.",
    "I've refunded the delivery charge to your card.",
    'We can arrange a second fitting on Saturday.',
  ])('"%s" has a next step', (draft) => {
    expect(has(draft, 'en')).toContain('next_step');
  });

  it.each(['It will never break again.', 'The parcel left our depot on time.', 'Thank you for the photos.'])(
    '"%s" has no next step',
    (draft) => {
      expect(has(draft, 'en')).not.toContain('next_step');
    },
  );
});

describe('empathy in English: a feeling owned, or sorry for what the customer went through', () => {
  it.each([
    'I know how stressful a late delivery is before a party.',
    'That sounds exhausting after a long day.',
    "I'm sorry your evening was spoiled.",
    'You deserved better from us.',
    "I'd be annoyed too if my car still squeaked.",
    'Two cancelled lessons in a row is really disruptive, I know.',
    "Waiting a month for a reply isn't good enough.",
  ])('"%s" has empathy', (draft) => {
    expect(has(draft, 'en')).toContain('empathy');
  });

  it.each([
    'Sorry about the delay with the invoice.',
    'The repair is finished.',
    "I'm sorry you feel that way about our service.",
    'I know how frustrating it is, but the policy is clear.',
  ])('"%s" has no empathy', (draft) => {
    expect(has(draft, 'en')).not.toContain('empathy');
  });
});

describe('owner: a person’s name signing the draft', () => {
  it.each([
    ['Wymienimy zamek w czwartek.\nJoanna Kowal, serwis', 'pl'],
    ['Sprawdzę to jeszcze dziś. – Bartek, magazyn', 'pl'],
    ['Helistan Teile homme. Mart Tamm, hoolduse juht', 'et'],
    ['Parandame selle homme.\nLugupidamisega,\nPiret', 'et'],
    ['I have refunded the fee. — Olivia, front desk', 'en'],
    ['Thanks for waiting.\nCheers, Theo @ The Bike Shed', 'en'],
    ['Your table is ready. Dr Amara Obi, Clinic Lead', 'en'],
  ] as const)('%j (%s) has an owner', (draft, lang) => {
    expect(has(draft, lang)).toContain('owner');
  });

  it.each([
    ['Szanowna Pani, przepraszamy za opóźnienie', 'pl'],
    ['Przepraszamy za kłopot.\nZespół Obsługi Klienta', 'pl'],
    ['Tere, Mari! Vabandame hilinemise pärast', 'et'],
    ['Vabandame.\nKlienditeenindus', 'et'],
    ['Sorry for the delay.\nCustomer Support', 'en'],
    ['We will fix it. Unfortunately, the part is late', 'en'],
  ] as const)('%j (%s) has no owner', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('owner');
  });
});

describe('empathy in Polish and Estonian: a feeling named and owned, regret for what happened', () => {
  it.each([
    ['Bardzo mi przykro, że remont się przeciągnął.', 'pl'],
    ['Słyszę, że to był dla Pana bardzo stresujący tydzień.', 'pl'],
    ['Szczerze współczuję tej sytuacji.', 'pl'],
    ['Mul on väga kahju, et pidite nii kaua ootama.', 'et'],
    ['Tean, kui tüütu on ilma soojaveeta olla.', 'et'],
    ['Tunneme Teile kaasa.', 'et'],
  ] as const)('"%s" (%s) has empathy', (draft, lang) => {
    expect(has(draft, lang)).toContain('empathy');
  });

  it.each([
    ['Bardzo mi przykro, że Pani tak to odbiera.', 'pl'],
    ['Wiem, że faktura jest w systemie.', 'pl'],
    ['Mul on väga kahju, et Te nii tunnete.', 'et'],
    ['Tean, et arve on saadetud.', 'et'],
    ['Wiemy, że to stresujące, jednak regulamin jest jasny.', 'pl'],
    ['Tean, kui tüütu see on, aga tingimused on selged.', 'et'],
  ] as const)('"%s" (%s) has no empathy', (draft, lang) => {
    expect(has(draft, lang)).not.toContain('empathy');
  });
});
