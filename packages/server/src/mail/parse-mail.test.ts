import { readFileSync } from 'node:fs';
import { analyzeMessage } from '@calmdesk/analysis';
import { describe, expect, it } from 'vitest';
import { classifyMail } from './classify-mail.ts';
import { type ParsedMail, parseMail, peekMessageId } from './parse-mail.ts';
import { stripReplyPrefixes } from './reply-prefixes.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const parse = (name: string) => parseMail(fixture(name));

describe('parseMail on the fixture corpus', () => {
  it('decodes a Gmail reply: quoted-printable UTF-8, its ids and the sender', async () => {
    const mail = await parse('gmail-reply.eml');
    expect(mail.from).toEqual({ name: 'Mark Thompson', address: 'mark.thompson@gmail.com' });
    expect(mail.messageId).toBe('CAJ8x2bQ7kL1vN0pZ=r4tW6yD3mS9fH5gK2uE@mail.gmail.com');
    expect(mail.inReplyTo).toEqual(['external-thread-1@salon.example']);
    expect(mail.text).toContain('nobody answers the phone');
    expect(mail.isHtmlOnly).toBe(false);
    expect(classifyMail(mail)).toEqual({ kind: 'mail' });
  });

  it('decodes Windows-1250 quoted-printable and encoded-word headers from Outlook', async () => {
    const mail = await parse('outlook-reply-pl.eml');
    expect(mail.subject).toBe('RE: Reklamacja usługi');
    expect(mail.from?.name).toBe('Katarzyna Wiśniewska');
    expect(mail.text).toContain('nadal czekam na zwrot pieniędzy za nieudane farbowanie');
  });

  it('decodes ISO-8859-2 base64 bodies and subjects from Polish webmail', async () => {
    const mail = await parse('polish-webmail-iso-8859-2.eml');
    expect(mail.subject).toBe('Odp: Zepsuta suszarka, żądam zwrotu');
    expect(mail.from?.name).toBe('Grzegorz Łukasiewicz');
    expect(mail.text).toContain('Żądam zwrotu pieniędzy.');
    expect(mail.text).toContain('W dniu 2026-11-02 o 10:15, Salon Support napisał(a):');
  });

  it('decodes an 8-bit Windows-1250 body and a base64 Windows-1250 display name', async () => {
    const mail = await parse('windows-1250-8bit.eml');
    expect(mail.from).toEqual({ name: 'Zofia Żółkiewska', address: 'zofia.z@onet.pl' });
    expect(mail.subject).toBe('Reklamacja kremu – uczulenie');
    expect(mail.text).toContain('Źle się czuję i jestem bardzo zawiedziona obsługą.');
  });

  it('decodes a UTF-8 Q-encoded Estonian subject', async () => {
    const mail = await parse('estonian-webmail.eml');
    expect(mail.subject).toBe('Vs: Tellimus nr 1182 – pakk hilineb, õige aadress');
    expect(mail.text).toContain('pakk ei ole siiani kohale jõudnud');
  });

  it('turns HTML-only mail into text without scripts, styles or tags', async () => {
    const mail = await parse('html-only.eml');
    expect(mail.isHtmlOnly).toBe(true);
    expect(mail.text).toContain('the invoice you sent is wrong & the amount is €120 instead of €80.');
    expect(mail.text).not.toMatch(/<|alert|color: red/);
  });

  it('keeps an attachment with its decoded file name and bytes', async () => {
    const mail = await parse('attachment.eml');
    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf).toMatchObject({
      filename: 'arve_nr_55 õige.pdf',
      contentType: 'application/pdf',
      note: null,
    });
    expect(new TextDecoder().decode(pdf?.content ?? new Uint8Array()).startsWith('%PDF-1.4')).toBe(true);
    expect(mail.text).toBe('Tere, lisan arve koopia. Summa on vale, palun parandage see ära.');
  });

  it('keeps an inline image with its Content-ID', async () => {
    const mail = await parse('inline-image.eml');
    expect(mail.subject).toBe('Zdjęcie uszkodzonej paczki');
    expect(mail.attachments[0]).toMatchObject({
      filename: 'paczka.png',
      contentType: 'image/png',
      contentId: 'photo1@interia.pl',
      size: 70,
    });
    expect(mail.text).toContain('Paczka przyszła zgnieciona');
  });

  it('parses a mail without Message-ID, and peeks ids without parsing', async () => {
    const mail = await parse('no-message-id.eml');
    expect(mail.messageId).toBeNull();
    expect(peekMessageId(fixture('no-message-id.eml'))).toBeNull();
    expect(peekMessageId(fixture('apple-mail-reply.eml'))).toBe(
      '7A1C2E3F-4B5D-6E7F-8A9B-0C1D2E3F4A5B@icloud.com',
    );
    expect(peekMessageId(new Uint8Array([0xff, 0xfe, 0]))).toBeNull();
  });
});

describe('classifyMail', () => {
  const kindOf = async (name: string) => classifyMail(await parse(name));

  it('treats auto-replies and out-of-office notices as automatic', async () => {
    expect(await kindOf('auto-reply.eml')).toEqual({
      kind: 'auto_reply',
      reason: 'Auto-Submitted: auto-replied',
    });
    expect(await kindOf('out-of-office.eml')).toEqual({
      kind: 'auto_reply',
      reason: 'Auto-Submitted: auto-generated',
    });
  });

  it('treats a DSN as a bounce with its status and diagnostic as the reason', async () => {
    const bounce = await kindOf('dsn-bounce.eml');
    expect(bounce.kind).toBe('bounce');
    expect(bounce).toMatchObject({
      reason: expect.stringMatching(/^status 5\.1\.1: smtp; 550 5\.1\.1 .*Recipient address rejected$/),
    });
  });

  it('treats bulk precedence and X-Autorespond as automatic, a person writing as mail', async () => {
    const base: ParsedMail = await parse('no-message-id.eml');
    const withHeader = (name: string, value: string) =>
      classifyMail({ ...base, headers: new Map([...base.headers, [name, [value]]]) });
    expect(withHeader('precedence', 'bulk').kind).toBe('auto_reply');
    expect(withHeader('precedence', 'list').kind).toBe('auto_reply');
    expect(withHeader('x-autorespond', 'Auto reply').kind).toBe('auto_reply');
    expect(withHeader('auto-submitted', 'no').kind).toBe('mail');
    expect(classifyMail({ ...base, from: { name: '', address: 'mailer-daemon@mx.example' } }).kind).toBe(
      'bounce',
    );
  });
});

describe('stripReplyPrefixes', () => {
  it('removes reply and forward prefixes of every language served, however chained', () => {
    const cases: Array<[string, string]> = [
      ['Re: Zepsuta suszarka', 'Zepsuta suszarka'],
      ['RE: RE: Zepsuta suszarka', 'Zepsuta suszarka'],
      ['Odp: Fwd: Zepsuta suszarka', 'Zepsuta suszarka'],
      ['Vs: Tellimus 1182', 'Tellimus 1182'],
      ['SV: Aw: FW: PD: Tellimus 1182', 'Tellimus 1182'],
      ['Re[2]: Refund', 'Refund'],
      ['Fwd: Re: Vast: Edasi: Arve', 'Arve'],
      ['Reklamacja: zły kolor', 'Reklamacja: zły kolor'],
      ['Review of my visit', 'Review of my visit'],
    ];
    for (const [subject, expected] of cases) expect(stripReplyPrefixes(subject), subject).toBe(expected);
  });
});

describe('quoted history in replies', () => {
  it('is left out of the analysis of each client’s reply', async () => {
    const outlook = analyzeMessage((await parse('outlook-reply-pl.eml')).text);
    expect(outlook.flags).not.toContain('insult');
    const gmail = analyzeMessage((await parse('gmail-reply.eml')).text);
    expect(gmail.flags).not.toContain('insult');
    // The same quoted words as the customer's own are flagged: the quote, not the words, is ignored.
    expect(analyzeMessage('Jesteście złodziejami i oszustami.').flags).toContain('insult');
  });
});
