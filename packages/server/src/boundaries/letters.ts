import type { Lang } from '@calmdesk/analysis';
import type { BoundaryLevel, BoundaryRule, SentenceParams } from '@calmdesk/contracts';

type LetterLevel = Exclude<BoundaryLevel, 'note'>;
type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Which reason paragraph a rule uses; decisions made without a rule quote the person's reason. */
const REASON_OF: Record<BoundaryRule, 'cancellations' | 'abuse' | 'violence' | 'overdue'> = {
  cancellations_deposit: 'cancellations',
  cancellations_block: 'cancellations',
  abuse_warning: 'abuse',
  abuse_end: 'abuse',
  violence_end: 'violence',
  overdue_prepayment: 'overdue',
};

interface LetterPack {
  /** Intl locale for dates and money. */
  locale: string;
  dateStyle: Intl.DateTimeFormatOptions;
  greeting: string;
  subjects: Record<LetterLevel, string>;
  reasons: Record<'cancellations' | 'abuse' | 'violence' | 'overdue' | 'manual', string>;
  changes: Record<LetterLevel, string>;
  until: string;
  closing: string;
  signOff: string;
  /** `{n}` is the number; chosen by Intl.PluralRules of the locale. */
  plurals: { times: Plural; hours: Plural; days: Plural; months: Plural };
}

/**
 * The letters a confirmed boundary produces: polite, firm, naming the reason and what changes.
 * Placeholders in braces; `{countTimes}`, `{notice}` and `{period}` are built from the plurals.
 */
export const LETTERS: Record<Lang, LetterPack> = {
  pl: {
    locale: 'pl-PL',
    dateStyle: { day: '2-digit', month: '2-digit', year: 'numeric' },
    greeting: 'Dzień dobry,',
    subjects: {
      warning: 'Upomnienie dotyczące naszej współpracy',
      deposit_required: 'Zadatek przy kolejnych rezerwacjach',
      prepayment_required: 'Płatność z góry za kolejne usługi',
      booking_blocked: 'Wstrzymanie przyjmowania rezerwacji',
      ended: 'Zakończenie współpracy',
    },
    reasons: {
      cancellations:
        'W ciągu ostatnich {period} {countTimes} zdarzyło się, że wizyta została odwołana później niż ' +
        '{notice} przed terminem albo nie doszła do skutku bez uprzedzenia. Rozumiemy, że plany czasem ' +
        'się zmieniają, ale każda taka sytuacja to zarezerwowany czas, którego nie możemy już ' +
        'zaproponować innym klientom.',
      abuse:
        'W rozmowach z naszym zespołem {countTimes} padły słowa obraźliwe wobec naszych pracowników, ' +
        'ostatnio {date}. Rozumiemy, że sytuacja mogła wywołać duże emocje, jednak nasi pracownicy mają ' +
        'prawo wykonywać swoją pracę bez obelg.',
      violence:
        'W wiadomości z {date} padła groźba użycia przemocy wobec naszych pracowników lub mienia. ' +
        'Bezpieczeństwo zespołu jest dla nas najważniejsze i takich słów nie możemy pominąć.',
      overdue:
        'Faktura {invoice} na kwotę {amount}, płatna do {dueDate}, pozostaje nieopłacona od {overdueDays} ' +
        'dni. Prosimy o jej uregulowanie.',
      manual: 'Powód naszej decyzji: {reason}',
    },
    changes: {
      warning:
        'Prosimy potraktować tę wiadomość jako formalne upomnienie. Nadal chętnie pomożemy w każdej ' +
        'sprawie, jednak jeśli sytuacja się powtórzy, będziemy zmuszeni ograniczyć lub zakończyć współpracę.',
      deposit_required:
        'Dlatego przy każdej kolejnej rezerwacji prosimy o wpłatę zadatku w wysokości {percent}% ceny ' +
        'usługi. Zadatek zaliczamy na poczet zapłaty za wizytę.',
      prepayment_required:
        'Dlatego kolejne usługi będziemy realizować wyłącznie po wcześniejszej wpłacie całej kwoty.',
      booking_blocked:
        'Dlatego nie możemy już przyjmować od Państwa kolejnych rezerwacji — ani przez internet, ani ' +
        'telefonicznie.',
      ended:
        'Z tego powodu podjęliśmy decyzję o zakończeniu współpracy. Sprawy, które są w toku, zamkniemy ' +
        'zgodnie z obowiązującymi zasadami i przepisami.',
    },
    until: 'Zasada ta obowiązuje do {until}.',
    closing:
      'Jeśli mają Państwo pytania albo uważają, że doszło do pomyłki, prosimy o odpowiedź na tę ' +
      'wiadomość — każdą sprawę rozpatrzymy rzetelnie.',
    signOff: 'Z poważaniem\n{business}',
    plurals: {
      times: { one: 'raz', few: '{n} razy', many: '{n} razy', other: '{n} razy' },
      hours: { one: '{n} godzinę', few: '{n} godziny', many: '{n} godzin', other: '{n} godziny' },
      // Genitive after "ostatnich": the same form for every number above one.
      days: { one: '{n} dnia', other: '{n} dni' },
      months: { one: '{n} miesiąca', other: '{n} miesięcy' },
    },
  },
  et: {
    locale: 'et-EE',
    dateStyle: { day: '2-digit', month: '2-digit', year: 'numeric' },
    greeting: 'Tere, {name}!',
    subjects: {
      warning: 'Hoiatus seoses meie koostööga',
      deposit_required: 'Tagatisraha edaspidistel broneeringutel',
      prepayment_required: 'Ettemaks edaspidiste teenuste eest',
      booking_blocked: 'Broneeringute vastuvõtmise lõpetamine',
      ended: 'Koostöö lõpetamine',
    },
    reasons: {
      cancellations:
        'Viimase {period} jooksul on teie broneeritud aeg {countTimes} tühistatud vähem kui {notice} ' +
        'enne algust või olete jätnud ette teatamata tulemata. Mõistame, et plaanid võivad muutuda, kuid ' +
        'iga selline juhtum tähendab aega, mida me ei saa enam teistele klientidele pakkuda.',
      abuse:
        'Suhtluses meie meeskonnaga on {countTimes} kasutatud meie töötajate suhtes solvavaid väljendeid, ' +
        'viimati {date}. Mõistame, et olukord võis tekitada tugevaid tundeid, kuid meie töötajatel on ' +
        'õigus teha oma tööd ilma solvanguteta.',
      violence:
        'Teie {date} saadetud sõnumis ähvardati vägivallaga meie töötajaid või vara. Meie meeskonna ' +
        'turvalisus on esmatähtis ja sellist ähvardust ei saa me tähelepanuta jätta.',
      overdue:
        'Arve {invoice} summas {amount}, maksetähtajaga {dueDate}, on olnud tasumata juba {overdueDays} ' +
        'päeva. Palume arve esimesel võimalusel tasuda.',
      manual: 'Otsuse põhjus: {reason}',
    },
    changes: {
      warning:
        'Palume käsitleda seda kirja ametliku hoiatusena. Aitame teid edaspidi hea meelega, kuid kui ' +
        'olukord kordub, oleme sunnitud koostööd piirama või selle lõpetama.',
      deposit_required:
        'Seetõttu palume edaspidi iga broneeringu juures tasuda tagatisraha {percent}% teenuse hinnast. ' +
        'Tagatisraha arvestatakse teenuse hinna sisse.',
      prepayment_required: 'Seetõttu osutame edaspidi teenuseid ainult täieliku ettemaksu alusel.',
      booking_blocked:
        'Seetõttu ei saa me teilt enam uusi broneeringuid vastu võtta – ei veebis ega telefoni teel.',
      ended:
        'Seetõttu oleme otsustanud koostöö lõpetada. Pooleliolevad küsimused lahendame kehtivate ' +
        'tingimuste ja seaduse kohaselt.',
    },
    until: 'See otsus kehtib kuni {until}.',
    closing:
      'Kui teil on küsimusi või arvate, et tegemist on eksitusega, vastake palun sellele kirjale – ' +
      'vaatame asja kindlasti üle.',
    signOff: 'Lugupidamisega\n{business}',
    plurals: {
      times: { one: 'ühel korral', other: '{n} korral' },
      hours: { one: '{n} tund', other: '{n} tundi' },
      // Genitive after "viimase … jooksul".
      days: { one: '{n} päeva', other: '{n} päeva' },
      months: { one: '{n} kuu', other: '{n} kuu' },
    },
  },
  en: {
    locale: 'en-GB',
    dateStyle: { day: 'numeric', month: 'long', year: 'numeric' },
    greeting: 'Dear {name},',
    subjects: {
      warning: 'A formal warning about our cooperation',
      deposit_required: 'A deposit for future bookings',
      prepayment_required: 'Payment in advance for further services',
      booking_blocked: 'We can no longer accept your bookings',
      ended: 'The end of our cooperation',
    },
    reasons: {
      cancellations:
        'In the last {period}, a booking was cancelled less than {notice} before its start, or missed ' +
        'without notice, {countTimes}. We understand that plans change, but each time the reserved slot ' +
        'could no longer be offered to anyone else.',
      abuse:
        'In your messages to our team, our staff were addressed with insulting language {countTimes}, ' +
        'most recently on {date}. We understand the situation may have been upsetting, but our staff ' +
        'have the right to do their work without being insulted.',
      violence:
        'Your message of {date} contained a threat of violence against our staff or property. The safety ' +
        'of our team comes first, and we cannot overlook such a threat.',
      overdue:
        'Invoice {invoice} for {amount}, due on {dueDate}, has been unpaid for {overdueDays} days. Please ' +
        'settle it as soon as possible.',
      manual: 'The reason for our decision: {reason}',
    },
    changes: {
      warning:
        'Please treat this message as a formal warning. We are still glad to help you with anything, but ' +
        'if this happens again we will have to limit or end our cooperation.',
      deposit_required:
        'For every future booking we will therefore ask for a deposit of {percent}% of the service price. ' +
        'The deposit counts towards the price of the visit.',
      prepayment_required:
        'From now on we will therefore provide further services only against full payment in advance.',
      booking_blocked: 'We are therefore no longer able to accept new bookings from you, online or by phone.',
      ended:
        'We have therefore decided to end our cooperation. Any matters still open will be settled in line ' +
        'with our terms and the law.',
    },
    until: 'This applies until {until}.',
    closing:
      'If you have any questions, or believe this is a mistake, please reply to this message and we will ' +
      'look into it carefully.',
    signOff: 'Kind regards,\n{business}',
    plurals: {
      times: { one: 'once', other: '{n} times' },
      hours: { one: '{n} hour', other: '{n} hours' },
      days: { one: '{n} day', other: '{n} days' },
      months: { one: '{n} month', other: '{n} months' },
    },
  },
};

export interface Letter {
  lang: Lang;
  subject: string;
  body: string;
}

export interface LetterInput {
  lang: Lang;
  level: BoundaryLevel;
  /** The recommending rule and its params; without one the letter quotes `reason`. */
  rule: BoundaryRule | null;
  params: SentenceParams;
  reason: string;
  customerName: string;
  business: string;
  depositPercent: number;
  expiresAt: Date | null;
  timeZone: string;
}

/** The letter to the customer for a confirmed decision; a `note` is internal and has none. */
export function writeLetter(input: LetterInput): Letter | null {
  if (input.level === 'note') return null;
  const pack = LETTERS[input.lang];
  const dates = new Intl.DateTimeFormat(pack.locale, { ...pack.dateStyle, timeZone: input.timeZone });
  const formatDate = (value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? dates.format(new Date(`${value}T12:00:00Z`))
      : String(value ?? '');
  const p = input.params;
  const windowDays = typeof p.windowDays === 'number' ? p.windowDays : 0;
  const values: Record<string, string> = {
    name: input.customerName,
    business: input.business,
    reason: input.reason,
    percent: String(typeof p.depositPercent === 'number' ? p.depositPercent : input.depositPercent),
    countTimes: plural(pack, 'times', Number(p.count ?? 0)),
    notice: plural(pack, 'hours', Number(p.noticeHours ?? 24)),
    period:
      windowDays % 30 === 0 && windowDays >= 60
        ? plural(pack, 'months', windowDays / 30)
        : plural(pack, 'days', windowDays),
    date: formatDate(p.date),
    dueDate: formatDate(p.dueDate),
    invoice: String(p.invoice ?? ''),
    overdueDays: String(p.overdueDays ?? ''),
    amount:
      typeof p.amount === 'number' && typeof p.currency === 'string'
        ? new Intl.NumberFormat(pack.locale, { style: 'currency', currency: p.currency }).format(p.amount)
        : String(p.amount ?? ''),
    until: input.expiresAt ? dates.format(input.expiresAt) : '',
  };
  const reason = pack.reasons[input.rule ? REASON_OF[input.rule] : 'manual'];
  const paragraphs = [
    fill(pack.greeting, values),
    fill(reason, values),
    fill(pack.changes[input.level], values) + (input.expiresAt ? ` ${fill(pack.until, values)}` : ''),
    fill(pack.closing, values),
    fill(pack.signOff, values),
  ];
  return { lang: input.lang, subject: pack.subjects[input.level], body: paragraphs.join('\n\n') };
}

function plural(pack: LetterPack, word: keyof LetterPack['plurals'], n: number): string {
  const forms = pack.plurals[word];
  const form = forms[new Intl.PluralRules(pack.locale).select(n)] ?? forms.other;
  return form.replace('{n}', String(n));
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
