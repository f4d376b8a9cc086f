import type { StepTexts } from '../../guide/steps.ts';

export const steps: StepTexts = {
  set_boundary: {
    title: 'Sea rahulik piir',
    why: 'Klient solvab töötajaid: ütle rahulikult, et solvavaid sõnu ei aktsepteerita, ja pöördu tagasi asja juurde.',
  },
  escalate: {
    title: 'Anna juhtum juhile üle',
    why: 'Ähvardused (kohtu, avalikustamise või vägivallaga) vajavad juhi otsust ja kiiret reageerimist.',
  },
  keep_commitment: {
    title: 'Täida hilinenud lubadus',
    why: 'Lubatud vastuse tähtaeg on möödas: vabanda ja täida lubadus esimesena.',
  },
  let_vent: {
    title: 'Lase kliendil end tühjaks rääkida',
    why: 'Vihane klient vajab esmalt ärakuulamist; ära katkesta ega vaidle.',
  },
  acknowledge: {
    title: 'Näita mõistmist',
    why: 'Nimeta kliendi tundeid – see vähendab pinget ja loob usaldust.',
  },
  apologise: { title: 'Vabanda', why: 'Süü on meie või klient ootas kaua: vabanda, ära otsi vabandusi.' },
  list_problems_back: {
    title: 'Loetle kõik probleemid järjest',
    why: 'Viha taga on sageli mitu äpardust korraga – vasta igaühele.',
  },
  review_history: {
    title: 'Vaata üle varasem kirjavahetus',
    why: 'Hiline ja üldine kaebus raha tagasinõudega: kontrolli, kas klient oli varem rahul.',
  },
  ask_specifics: {
    title: 'Küsi täpsustusi',
    why: 'Pole selge, mis täpselt on valesti: küsi üksikasju enne paranduse pakkumist.',
  },
  verify: {
    title: 'Kontrolli fakte',
    why: 'Süü ei ole selge: kontrolli, kas asi on nii, nagu klient kirjeldab, enne kui midagi lubad.',
  },
  propose_solution: {
    title: 'Paku lahendust',
    why: 'Küsi, mis olukorra parandaks; eelista parandust, asendust või kinkekaarti rahalisele tagastusele.',
  },
  commit: {
    title: 'Ütle, mida ja millal teed',
    why: 'Anna oma nimi ja kontakt ning tähtaeg, millal vastusega tagasi tuled.',
  },
};
