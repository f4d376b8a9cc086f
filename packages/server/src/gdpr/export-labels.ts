import type { Lang } from '@calmdesk/analysis';

/** The headings and field names of the export's HTML summary, per language (data, not code). */
export interface ExportLabels {
  title: string;
  intro: string;
  customer: string;
  name: string;
  emails: string;
  phones: string;
  notes: string;
  createdAt: string;
  cases: string;
  status: string;
  messages: string;
  commitments: string;
  compensations: string;
  bookings: string;
  invoices: string;
  prepaidPackages: string;
  profile: string;
  boundaries: string;
  none: string;
  files: string;
}

export const EXPORT_LABELS: Record<Lang, ExportLabels> = {
  pl: {
    title: 'Dane klienta',
    intro: 'Kopia danych osobowych (RODO art. 15 i 20). Pełne dane są w pliku customer.json.',
    customer: 'Klient',
    name: 'Imię i nazwisko',
    emails: 'E-mail',
    phones: 'Telefon',
    notes: 'Notatki',
    createdAt: 'Od',
    cases: 'Sprawy',
    status: 'Status',
    messages: 'Wiadomości',
    commitments: 'Zobowiązania',
    compensations: 'Rekompensaty',
    bookings: 'Rezerwacje',
    invoices: 'Faktury',
    prepaidPackages: 'Pakiety przedpłacone',
    profile: 'Typ klienta i dowody',
    boundaries: 'Decyzje o granicach',
    none: 'brak',
    files: 'Załączniki i oryginalne wiadomości są w folderach attachments/ i mail/.',
  },
  et: {
    title: 'Kliendi andmed',
    intro: 'Isikuandmete koopia (GDPR art 15 ja 20). Täielikud andmed on failis customer.json.',
    customer: 'Klient',
    name: 'Nimi',
    emails: 'E-post',
    phones: 'Telefon',
    notes: 'Märkmed',
    createdAt: 'Alates',
    cases: 'Juhtumid',
    status: 'Olek',
    messages: 'Sõnumid',
    commitments: 'Lubadused',
    compensations: 'Hüvitised',
    bookings: 'Broneeringud',
    invoices: 'Arved',
    prepaidPackages: 'Ettemaksupaketid',
    profile: 'Kliendi tüüp ja tõendid',
    boundaries: 'Piiride otsused',
    none: 'puudub',
    files: 'Manused ja algsed kirjad on kaustades attachments/ ja mail/.',
  },
  en: {
    title: 'Customer data',
    intro: 'A copy of the personal data (GDPR Art. 15 and 20). The full data is in customer.json.',
    customer: 'Customer',
    name: 'Name',
    emails: 'E-mail',
    phones: 'Phone',
    notes: 'Notes',
    createdAt: 'Since',
    cases: 'Cases',
    status: 'Status',
    messages: 'Messages',
    commitments: 'Commitments',
    compensations: 'Compensations',
    bookings: 'Bookings',
    invoices: 'Invoices',
    prepaidPackages: 'Prepaid packages',
    profile: 'Client type and evidence',
    boundaries: 'Boundary decisions',
    none: 'none',
    files: 'Attachments and the original mails are in the folders attachments/ and mail/.',
  },
};
