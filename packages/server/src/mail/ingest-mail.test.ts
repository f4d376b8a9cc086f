import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseLog } from '../cases/evidence.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { processReceivedMail, storeRawMail } from './ingest-mail.ts';
import { getReplySecret } from './mailboxes.service.ts';
import { ourMessageId, replyAddress } from './reply-tokens.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A plain mail as a customer's client would send it. */
function composeMail(fields: {
  from: string;
  to?: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
}): Uint8Array {
  const lines = [
    `From: ${fields.from}`,
    `To: ${fields.to ?? 'support@salon.example'}`,
    `Subject: ${fields.subject}`,
    'Date: Mon, 30 Nov 2026 10:00:00 +0000',
    fields.messageId ? `Message-ID: <${fields.messageId}>` : '',
    fields.inReplyTo ? `In-Reply-To: <${fields.inReplyTo}>` : '',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ].filter((line) => line !== '');
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n${fields.body}\r\n`);
}

describe.each(TEST_DATABASES)('mail into cases on %s', (kind) => {
  let t: TestApp;
  let mailboxId = '';
  let secret = '';
  let uid = 0;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    mailboxId = added.json().id;
    secret = (await getReplySecret(t.database.db, mailboxId)).secret;
  }, 120_000);
  afterAll(() => t.close());

  /** Stores raw mail under the next UID and processes what is waiting. */
  async function deliver(raw: Uint8Array) {
    uid += 1;
    const isNew = await storeRawMail(
      t.database.db,
      mailboxId,
      { uidValidity: '7', uid: String(uid), raw },
      t.clock.now,
    );
    const [outcome] = await processReceivedMail(t.database.db, mailboxId, () => t.clock.now);
    return { isNew, outcome };
  }
  const getCase = async (id: string) =>
    (await t.as('owner', { method: 'GET', url: `/api/cases/${id}` })).json();
  const countCases = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('opens a case for a new customer from a Windows-1250 mail, once however often it is seen', async () => {
    const raw = new Uint8Array(fixture('windows-1250-8bit.eml'));
    const { isNew, outcome } = await deliver(raw);
    expect(isNew).toBe(true);
    expect(outcome).toMatchObject({ state: 'processed', kind: 'mail', reason: null });
    const opened = await getCase(outcome?.caseId ?? '');
    expect(opened).toMatchObject({
      subject: 'Reklamacja kremu – uczulenie',
      channel: 'email',
      customer: { name: 'Zofia Żółkiewska' },
    });
    expect(opened.interactions).toHaveLength(1);
    expect(opened.interactions[0].body).toContain('Źle się czuję');

    // The same message again under its UID, and under another UID (copied back by another client).
    const cases = await countCases();
    expect(
      await storeRawMail(t.database.db, mailboxId, { uidValidity: '7', uid: String(uid), raw }, t.clock.now),
    ).toBe(false);
    expect((await deliver(raw)).isNew).toBe(false);
    expect(await countCases()).toBe(cases);
  });

  it('logs the customer’s own words: the quoted history and the signature stay in the stored mail only', async () => {
    const { outcome } = await deliver(new Uint8Array(fixture('gmail-reply.eml')));
    const [entry] = (await getCase(outcome?.caseId ?? '')).interactions;
    expect(entry.body.endsWith('Please sort this out today.\n\nMark')).toBe(true);
    expect(entry.body).not.toContain('wrote:');
    // The abuse is in the quote of an earlier mail, not in what the customer wrote.
    expect(entry.analysis.flags).not.toContain('insult');
    expect(entry.mail.id).toBe(
      (
        await t.database.db
          .selectFrom('mail_messages')
          .select('id')
          .where('interaction_id', '=', entry.id)
          .executeTakeFirstOrThrow()
      ).id,
    );
  });

  it('threads a reply by our signed reply address, whatever its subject', async () => {
    const first = (
      await deliver(
        composeMail({
          from: 'Ewa Lis <ewa@example.pl>',
          subject: 'Wizyta',
          body: 'Chcę zmienić termin.',
          messageId: 'w1@example.pl',
        }),
      )
    ).outcome;
    const caseId = first?.caseId ?? '';
    const to = replyAddress('support@salon.example', secret, caseId);
    const reply = (
      await deliver(
        composeMail({
          from: 'Ewa <ewa.private@gmail.com>',
          to,
          subject: 'coś innego',
          body: 'Pasuje mi piątek.',
        }),
      )
    ).outcome;
    expect(reply).toMatchObject({ state: 'processed', caseId });
    expect((await getCase(caseId)).interactions).toHaveLength(2);
  });

  it('threads a reply by our Message-ID, and a bounce of our reply is recorded against it', async () => {
    const first = (
      await deliver(
        composeMail({
          from: 'Olaf <olaf@example.ee>',
          subject: 'Arve',
          body: 'Arve on vale.',
          messageId: 'o1@example.ee',
        }),
      )
    ).outcome;
    const caseId = first?.caseId ?? '';
    const sent = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'outbound', body: 'Tere! Vabandame, parandame arve homseks.' },
    });
    expect(sent.statusCode).toBe(201);
    const ourId = ourMessageId('support@salon.example', secret, caseId, sent.json().id);
    const reply = await deliver(
      composeMail({ from: 'Olaf <olaf@example.ee>', subject: 'Re: Arve', body: 'Aitäh.', inReplyTo: ourId }),
    );
    expect(reply.outcome).toMatchObject({ state: 'processed', caseId });

    const cases = await countCases();
    const dsn = fixture('dsn-bounce.eml')
      .toString('latin1')
      .replace(/<aaaa[^>]+>/, `<${ourId}>`);
    const bounce = await deliver(new Uint8Array(Buffer.from(dsn, 'latin1')));
    expect(bounce.outcome).toMatchObject({ state: 'ignored', kind: 'bounce', caseId: null });
    expect(bounce.outcome?.reason).toMatch(/^status 5\.1\.1/);
    const row = await t.database.db
      .selectFrom('mail_messages')
      .select('bounced_interaction_id')
      .where('id', '=', bounce.outcome?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.bounced_interaction_id).toBe(sent.json().id);
    expect(await countCases()).toBe(cases);
  });

  it('threads by a case reference in the subject only for that case’s customer', async () => {
    const first = (
      await deliver(
        composeMail({ from: 'Marta <marta@example.pl>', subject: 'Fwd: Zwrot', body: 'Proszę o zwrot.' }),
      )
    ).outcome;
    const caseId = first?.caseId ?? '';
    expect((await getCase(caseId)).subject).toBe('Zwrot');
    const reference = `[#${caseId.slice(0, 8)}]`;
    const own = await deliver(
      composeMail({
        from: 'marta@example.pl',
        subject: `Odp: RE: Zwrot ${reference}`,
        body: 'Czekam dalej.',
      }),
    );
    expect(own.outcome?.caseId).toBe(caseId);
    const stranger = await deliver(
      composeMail({ from: 'intruz@example.com', subject: `Re: Zwrot ${reference}`, body: 'Też chcę zwrot.' }),
    );
    expect(stranger.outcome?.caseId).not.toBe(caseId);
    expect(stranger.outcome?.state).toBe('processed');
  });

  it('opens nothing for an auto-reply or an out-of-office notice', async () => {
    const cases = await countCases();
    for (const name of ['auto-reply.eml', 'out-of-office.eml']) {
      const { outcome } = await deliver(new Uint8Array(fixture(name)));
      expect(outcome, name).toMatchObject({ state: 'ignored', kind: 'auto_reply', caseId: null });
    }
    expect(await countCases()).toBe(cases);
  });

  it('keeps a malformed mail with its reason while the next one goes through, and can retry it', async () => {
    const broken = await deliver(new Uint8Array(fixture('no-sender.eml')));
    expect(broken.outcome).toMatchObject({
      state: 'failed',
      reason: 'the mail has no sender address (From)',
      problem: 'no_sender',
    });
    const next = await deliver(new Uint8Array(fixture('no-message-id.eml')));
    expect(next.outcome).toMatchObject({ state: 'processed', problem: null });

    const detail = (await t.as('owner', { method: 'GET', url: `/api/mailboxes/${mailboxId}` })).json();
    expect(detail.failed).toEqual([
      expect.objectContaining({
        id: broken.outcome?.id,
        reason: 'the mail has no sender address (From)',
        problem: 'no_sender',
        detail: null,
      }),
    ]);
    expect(detail.counts.failed).toBe(1);
    const retried = await t.as('supervisor', {
      method: 'POST',
      url: `/api/mail/${broken.outcome?.id}/retry`,
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({
      state: 'failed',
      reason: 'the mail has no sender address (From)',
      problem: 'no_sender',
    });
    const raw = await t.database.db
      .selectFrom('mail_messages')
      .select(['raw', 'attempts'])
      .where('id', '=', broken.outcome?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(raw.raw).equals(fixture('no-sender.eml'))).toBe(true);
    expect(raw.attempts).toBe(2);
  });

  it('keeps a mail the parser cannot read as unreadable, with the parser’s own words apart', async () => {
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'unreadable@salon.example', imap: 'imap://u:pw@127.0.0.1:1/INBOX' },
    });
    const otherMailbox = added.json().id;
    // Headers past the parser's 2 MB limit: postal-mime refuses the whole mail.
    const raw = composeMail({ from: 'ola@example.pl', subject: 'Długi nagłówek', body: 'Treść.' });
    const padded = new Uint8Array([
      ...new TextEncoder().encode(`X-Padding: ${'a'.repeat(2_200_000)}\r\n`),
      ...raw,
    ]);
    await storeRawMail(t.database.db, otherMailbox, { uidValidity: '7', uid: '1', raw: padded }, t.clock.now);
    const [outcome] = await processReceivedMail(t.database.db, otherMailbox, () => t.clock.now);
    expect(outcome).toMatchObject({ state: 'failed', problem: 'unreadable' });
    expect(outcome?.reason).toMatch(/^could not process the mail: Maximum header size/);

    const detail = (await t.as('owner', { method: 'GET', url: `/api/mailboxes/${otherMailbox}` })).json();
    expect(detail.failed).toEqual([
      expect.objectContaining({
        problem: 'unreadable',
        detail: 'Maximum header size of 2097152 bytes exceeded',
      }),
    ]);
  });

  it('chains the attachments into the log entry, so one swapped afterwards shows', async () => {
    const { outcome } = await deliver(new Uint8Array(fixture('attachment.eml')));
    const db = t.database.db;
    const caseId = outcome?.caseId ?? '';
    const entry = await db
      .selectFrom('interactions')
      .select(['attachments_digest'])
      .where('id', '=', outcome?.interactionId ?? '')
      .executeTakeFirstOrThrow();
    expect(entry.attachments_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyCaseLog(db, caseId)).toMatchObject({ ok: true });
    await db
      .updateTable('mail_attachments')
      .set({ content: new TextEncoder().encode('another file') })
      .where('message_id', '=', outcome?.id ?? '')
      .execute();
    expect(await verifyCaseLog(db, caseId)).toMatchObject({ ok: false, brokenAt: 1, problem: 'altered' });
  });

  it('stores attachments and inline images with the message', async () => {
    const { outcome } = await deliver(new Uint8Array(fixture('inline-image.eml')));
    const stored = await t.database.db
      .selectFrom('mail_attachments')
      .selectAll()
      .where('message_id', '=', outcome?.id ?? '')
      .execute();
    expect(stored).toEqual([
      expect.objectContaining({
        filename: 'paczka.png',
        content_type: 'image/png',
        content_id: 'photo1@interia.pl',
        size: 70,
        note: null,
      }),
    ]);
    expect((await getCase(outcome?.caseId ?? '')).interactions[0].body).toContain(
      'Paczka przyszła zgnieciona',
    );
  });
});
