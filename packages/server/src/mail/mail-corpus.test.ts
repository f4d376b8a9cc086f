import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { processReceivedMail, storeRawMail } from './ingest-mail.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

interface CaseView {
  subject: string;
  language: string | null;
  flags: string[];
  customer: { name: string };
  interactions: Array<{
    body: string;
    analysis: { lang: string; flags: string[]; evidence: Array<{ start: number; text: string }> } | null;
    mail: {
      id: string;
      attachments: Array<{ filename: string | null; contentType: string; size: number }>;
    } | null;
  }>;
}

/**
 * Replies from the mail programs customers use, each with earlier mail quoted under the customer's
 * words: what the case shows, and where the customer's own text ends (the quote header).
 */
const REPLIES = [
  {
    file: 'gmail-reply.eml',
    customer: 'Mark Thompson',
    subject: 'Refund for cancelled appointment',
    own: 'nobody answers the phone',
    quoteHeader: 'On Mon, 2 Nov 2026 at 10:15, Salon Support <support@salon.example> wrote:',
    lang: 'en',
  },
  {
    file: 'outlook-reply-pl.eml',
    customer: 'Katarzyna Wiśniewska',
    subject: 'Reklamacja usługi',
    own: 'nadal czekam na zwrot pieniędzy za nieudane farbowanie',
    quoteHeader: '-----Oryginalna wiadomość-----',
    lang: 'pl',
  },
  {
    file: 'apple-mail-reply.eml',
    customer: 'Laura Green',
    subject: 'Your repair is ready',
    own: 'the screen is still cracked after the repair',
    quoteHeader: 'On 20 Nov 2026, at 14:03, Salon Support <support@salon.example> wrote:',
    lang: 'en',
  },
  {
    file: 'polish-webmail-iso-8859-2.eml',
    customer: 'Grzegorz Łukasiewicz',
    subject: 'Zepsuta suszarka, żądam zwrotu',
    own: 'Żądam zwrotu pieniędzy.',
    quoteHeader: 'W dniu 2026-11-02 o 10:15, Salon Support napisał(a):',
    lang: 'pl',
  },
  {
    file: 'onet-reply.eml',
    customer: 'Tomasz Wróbel',
    subject: 'Naprawa pralki – trzeci raz',
    own: 'pralka znowu przestała wirować',
    quoteHeader: 'W dniu 3.11.2026 o 14:22, Salon Support <support@salon.example> napisał(a):',
    lang: 'pl',
  },
  {
    file: 'interia-reply.eml',
    customer: 'Magdalena Kowalczyk',
    subject: 'Przesyłka nr 55821',
    own: 'co się dzieje z przesyłką nr 55821',
    quoteHeader: 'Dnia 2 listopada 2026 16:05 Salon Support <support@salon.example> napisał(a):',
    lang: 'pl',
  },
  {
    file: 'estonian-webmail.eml',
    customer: 'Mari Tamm',
    subject: 'Tellimus nr 1182 – pakk hilineb, õige aadress',
    own: 'pakk ei ole siiani kohale jõudnud',
    quoteHeader: 'kirjutas:',
    lang: 'et',
  },
] as const;

describe('the fixture corpus taken in as CalmDesk takes mail', () => {
  let t: TestApp;
  let mailboxId = '';
  let uid = 0;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    mailboxId = added.json().id;
  }, 120_000);
  afterAll(() => t.close());

  async function take(name: string) {
    uid += 1;
    await storeRawMail(
      t.database.db,
      mailboxId,
      { uidValidity: '3', uid: String(uid), raw: fixture(name) },
      t.clock.now,
    );
    const [outcome] = await processReceivedMail(t.database.db, mailboxId, () => t.clock.now);
    if (!outcome) throw new Error(`${name} was not processed`);
    const opened = outcome.caseId
      ? ((await t.as('owner', { method: 'GET', url: `/api/cases/${outcome.caseId}` })).json() as CaseView)
      : null;
    return { outcome, opened };
  }

  it.each(REPLIES)(
    'takes $file: the customer, the subject without its prefix, the charset right, and analyses only the customer’s own words',
    async (reply) => {
      const { outcome, opened } = await take(reply.file);
      expect(outcome).toMatchObject({ state: 'processed', kind: 'mail', reason: null });
      expect(opened?.customer.name).toBe(reply.customer);
      expect(opened?.subject).toBe(reply.subject);
      const entry = opened?.interactions[0];
      const body = entry?.body ?? '';
      // The log holds the customer's own words, decoded; the quoted history stays in the stored mail only.
      expect(body).toContain(reply.own);
      expect(body).not.toContain(reply.quoteHeader);
      expect(entry?.analysis?.lang).toBe(reply.lang);
      for (const evidence of entry?.analysis?.evidence ?? [])
        expect(evidence.start).toBeLessThan(body.length);
      // The whole mail, quote included, is one click away.
      const raw = await t.as('owner', { method: 'GET', url: `/api/mail/${entry?.mail?.id}/raw` });
      expect(raw.statusCode).toBe(200);
      expect(raw.rawPayload.length).toBeGreaterThan(body.length);
      // The insults sit in the quoted earlier mail only.
      expect(entry?.analysis?.flags).not.toContain('insult');
      expect(opened?.flags).not.toContain('insult');
    },
  );

  it('takes an 8-bit Windows-1250 mail with a base64 Windows-1250 display name', async () => {
    const { opened } = await take('windows-1250-8bit.eml');
    expect(opened?.customer.name).toBe('Zofia Żółkiewska');
    expect(opened?.subject).toBe('Reklamacja kremu – uczulenie');
    expect(opened?.interactions[0]?.body).toContain('Źle się czuję i jestem bardzo zawiedziona obsługą.');
  });

  it('turns HTML-only mail into text, never markup', async () => {
    const { outcome, opened } = await take('html-only.eml');
    expect(outcome.state).toBe('processed');
    const body = opened?.interactions[0]?.body ?? '';
    expect(body).toContain('the invoice you sent is wrong & the amount is €120 instead of €80.');
    expect(body).not.toMatch(/[<>]|alert\(|color: red/);
  });

  it('keeps an attachment with its encoded-word file name, and an inline image', async () => {
    const attached = await take('attachment.eml');
    expect(attached.opened?.interactions[0]?.mail?.attachments).toEqual([
      expect.objectContaining({ filename: 'arve_nr_55 õige.pdf', contentType: 'application/pdf' }),
    ]);
    const inline = await take('inline-image.eml');
    expect(inline.opened?.subject).toBe('Zdjęcie uszkodzonej paczki');
    expect(inline.opened?.interactions[0]?.mail?.attachments).toEqual([
      expect.objectContaining({ filename: 'paczka.png', contentType: 'image/png' }),
    ]);
  });

  it('opens no case for an auto-reply, an out-of-office notice or a bounce', async () => {
    for (const [file, kind] of [
      ['auto-reply.eml', 'auto_reply'],
      ['out-of-office.eml', 'auto_reply'],
      ['dsn-bounce.eml', 'bounce'],
    ] as const) {
      const { outcome } = await take(file);
      expect(outcome, file).toMatchObject({ state: 'ignored', kind, caseId: null, interactionId: null });
      expect(outcome.reason, file).not.toBeNull();
    }
  });

  it('takes a mail without a Message-ID by its UID alone', async () => {
    const { outcome, opened } = await take('no-message-id.eml');
    expect(outcome.state).toBe('processed');
    expect(opened?.interactions[0]?.body).toBe('Can I move my Friday appointment to Saturday?');
    const stored = await t.database.db
      .selectFrom('mail_messages')
      .select('message_id')
      .where('id', '=', outcome.id)
      .executeTakeFirstOrThrow();
    expect(stored.message_id).toBeNull();
  });
});
