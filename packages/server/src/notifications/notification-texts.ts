import type { Lang } from '@calmdesk/analysis';
import type { NotificationKind } from '@calmdesk/contracts';

type Details = Record<string, string | number | null>;
type Sentence = (title: string, details: Details) => string;

/** The e-mail sentence of each notification, per language; the app writes its own from the same details. */
export const NOTIFICATION_TEXTS: Record<Lang, Record<NotificationKind, Sentence>> = {
  pl: {
    case_assigned: (t, d) => `Przydzielono Ci sprawę „${t}”${d.by ? ` (przydzielił(a): ${d.by})` : ''}.`,
    customer_wrote: (t) => `Klient napisał ponownie w Twojej sprawie „${t}”.`,
    case_escalated: (t, d) =>
      `Sprawa „${t}” została eskalowana: ${REASONS.pl[String(d.reason)] ?? d.reason}.`,
    refund_to_approve: (t, d) => `Rekompensata czeka na Twoją zgodę w sprawie „${t}”${money(d)}.`,
    refund_decided: (t, d) =>
      `Rekompensata w sprawie „${t}”${money(d)} została ${d.decision === 'rejected' ? 'odrzucona' : 'zatwierdzona'}.`,
    commitment_due_soon: (t, d) => `Nasza obietnica w sprawie „${t}” mija w ciągu godziny: ${d.promise}`,
    commitment_overdue: (t, d) => `Minął termin naszej obietnicy w sprawie „${t}”: ${d.promise}`,
    boundary_recommended: (t, d) => `Reguły zalecają granicę dla klienta ${t}: ${levelText('pl', d)}.`,
    mailbox_failing: (t, d) => `Skrzynka ${t} nie działa: ${problemText('pl', d)}`,
  },
  et: {
    case_assigned: (t, d) => `Sulle määrati juhtum „${t}”${d.by ? ` (määras: ${d.by})` : ''}.`,
    customer_wrote: (t) => `Klient kirjutas uuesti sinu juhtumis „${t}”.`,
    case_escalated: (t, d) => `Juhtum „${t}” eskaleeriti: ${REASONS.et[String(d.reason)] ?? d.reason}.`,
    refund_to_approve: (t, d) => `Hüvitis ootab sinu kinnitust juhtumis „${t}”${money(d)}.`,
    refund_decided: (t, d) =>
      `Hüvitis juhtumis „${t}”${money(d)} ${d.decision === 'rejected' ? 'lükati tagasi' : 'kinnitati'}.`,
    commitment_due_soon: (t, d) => `Meie lubadus juhtumis „${t}” aegub tunni jooksul: ${d.promise}`,
    commitment_overdue: (t, d) => `Meie lubaduse tähtaeg juhtumis „${t}” on möödas: ${d.promise}`,
    boundary_recommended: (t, d) => `Reeglid soovitavad kliendile ${t} piiri: ${levelText('et', d)}.`,
    mailbox_failing: (t, d) => `Postkast ${t} ei tööta: ${problemText('et', d)}`,
  },
  en: {
    case_assigned: (t, d) => `The case “${t}” was assigned to you${d.by ? ` by ${d.by}` : ''}.`,
    customer_wrote: (t) => `The customer wrote again on your case “${t}”.`,
    case_escalated: (t, d) => `The case “${t}” was escalated: ${REASONS.en[String(d.reason)] ?? d.reason}.`,
    refund_to_approve: (t, d) => `A compensation waits for your approval on “${t}”${money(d)}.`,
    refund_decided: (t, d) =>
      `The compensation on “${t}”${money(d)} was ${d.decision === 'rejected' ? 'rejected' : 'approved'}.`,
    commitment_due_soon: (t, d) => `Our promise on “${t}” falls due within the hour: ${d.promise}`,
    commitment_overdue: (t, d) => `Our promise on “${t}” is overdue: ${d.promise}`,
    boundary_recommended: (t, d) => `The rules recommend a boundary for ${t}: ${levelText('en', d)}.`,
    mailbox_failing: (t, d) => `The mailbox ${t} is failing: ${problemText('en', d)}`,
  },
};

const REASONS: Record<Lang, Record<string, string>> = {
  pl: {
    first_response_missed: 'minął czas na pierwszą odpowiedź',
    next_response_missed: 'minął czas na odpowiedź na kolejną wiadomość klienta',
    commitment_overdue: 'minął termin naszej obietnicy',
    manual: 'decyzja pracownika',
  },
  et: {
    first_response_missed: 'esimese vastuse aeg on möödas',
    next_response_missed: 'kliendi uuele sõnumile vastamise aeg on möödas',
    commitment_overdue: 'meie lubaduse tähtaeg on möödas',
    manual: 'töötaja otsus',
  },
  en: {
    first_response_missed: 'the first response is overdue',
    next_response_missed: "the reply to the customer's latest message is overdue",
    commitment_overdue: 'our promise is overdue',
    manual: 'a staff member escalated it',
  },
};

export const NOTIFICATION_SUBJECT: Record<Lang, string> = {
  pl: 'CalmDesk: powiadomienie',
  et: 'CalmDesk: teavitus',
  en: 'CalmDesk: notification',
};

function money(details: Details): string {
  return details.amount !== null && details.amount !== undefined
    ? ` (${details.amount} ${details.currency ?? ''})`.replace(' )', ')')
    : '';
}

/** Why a mailbox fails, in the reader's language, the server's own words after it. */
const PROBLEMS: Record<Lang, Record<string, string>> = {
  pl: {
    auth: 'serwer nie przyjmuje nazwy użytkownika lub hasła',
    tls: 'problem z szyfrowaniem (TLS)',
    unreachable: 'serwer jest nieosiągalny',
    timeout: 'serwer nie odpowiada',
    folder: 'nie ma takiego folderu',
    other: 'serwer zgłasza błąd',
  },
  et: {
    auth: 'server ei võta kasutajanime või parooli vastu',
    tls: 'krüpteerimise (TLS) probleem',
    unreachable: 'server ei ole kättesaadav',
    timeout: 'server ei vasta',
    folder: 'sellist kausta ei ole',
    other: 'server teatab veast',
  },
  en: {
    auth: 'the server refuses the user name or password',
    tls: 'an encryption (TLS) problem',
    unreachable: 'the server cannot be reached',
    timeout: 'the server does not answer',
    folder: 'there is no such folder',
    other: 'the server reports an error',
  },
};

function problemText(lang: Lang, details: Details): string {
  const said = PROBLEMS[lang][String(details.problem)];
  if (!said) return String(details.reason ?? '');
  return details.detail ? `${said} (${details.detail})` : said;
}

const LEVELS: Record<Lang, Record<string, string>> = {
  pl: {
    note: 'notatka',
    warning: 'ostrzeżenie',
    deposit_required: 'wymagana zaliczka',
    prepayment_required: 'wymagana przedpłata',
    booking_blocked: 'rezerwacje zablokowane',
    ended: 'koniec współpracy',
  },
  et: {
    note: 'märkus',
    warning: 'hoiatus',
    deposit_required: 'nõutav tagatisraha',
    prepayment_required: 'nõutav ettemaks',
    booking_blocked: 'broneerimine blokeeritud',
    ended: 'koostöö lõpetatud',
  },
  en: {
    note: 'a note',
    warning: 'a warning',
    deposit_required: 'a deposit required',
    prepayment_required: 'prepayment required',
    booking_blocked: 'bookings blocked',
    ended: 'ending the cooperation',
  },
};

function levelText(lang: Lang, details: Details): string {
  return LEVELS[lang][String(details.level)] ?? String(details.level ?? '');
}
