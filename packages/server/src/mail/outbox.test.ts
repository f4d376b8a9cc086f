import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { processReceivedMail, storeRawMail } from './ingest-mail.ts';
import { getReplySecret } from './mailboxes.service.ts';
import { claimDueMail } from './outbox.service.ts';
import { deliverDueMail, MAX_ATTEMPTS, TransportCache } from './outbox-sender.ts';
import { ourMessageId, replyAddress } from './reply-tokens.ts';

const quiet = { info() {}, warn() {} };

function customerMail(fields: {
  from: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
}): Uint8Array {
  const lines = [
    `From: ${fields.from}`,
    'To: support@salon.example',
    `Subject: ${fields.subject}`,
    'Date: Mon, 02 Mar 2026 08:00:00 +0000',
    fields.messageId ? `Message-ID: <${fields.messageId}>` : '',
    fields.inReplyTo ? `In-Reply-To: <${fields.inReplyTo}>` : '',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ].filter((line) => line !== '');
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n${fields.body}\r\n`);
}

/** A DSN as Postfix writes it, giving back the headers of the mail it could not deliver. */
function bounceOf(returnedMessageId: string, references: string[]): Uint8Array {
  const text = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.salon.example>',
    'To: support@salon.example',
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <dsn-1@mx.salon.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.salon.example',
    '',
    'Final-Recipient: rfc822; anna@example.pl',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <anna@example.pl>: Recipient address rejected',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Salon <support@salon.example>',
    'To: anna@example.pl',
    `Message-ID: <${returnedMessageId}>`,
    `References: ${references.map((id) => `<${id}>`).join(' ')}`,
    'Subject: Re: Zniszczona paczka',
    '--B--',
    '',
  ].join('\r\n');
  return new TextEncoder().encode(text);
}

describe.each(TEST_DATABASES)('replies leave by mail through the outbox on %s', (kind) => {
  let t: TestApp;
  let sink: SmtpSink;
  let transports: TransportCache;
  let mailboxId = '';
  let secret = '';
  let uid = 0;
  const settings = () => ({ now: () => t.clock.now, leaseMs: 120_000, firstRetryMs: 30_000, log: quiet });
  const deliver = () => deliverDueMail(t.database.db, transports, settings());

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(kind);
    transports = new TransportCache();
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: {
        address: 'support@salon.example',
        imap: 'imap://support:pw@127.0.0.1:1/INBOX',
        smtp: sink.url,
      },
    });
    expect(added.statusCode).toBe(201);
    mailboxId = added.json().id;
    secret = (await getReplySecret(t.database.db, mailboxId)).secret;
  }, 120_000);
  afterAll(async () => {
    transports.close();
    await t.close();
    await sink.close();
  });

  const later = () => {
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
  };
  async function receive(raw: Uint8Array) {
    later();
    uid += 1;
    await storeRawMail(t.database.db, mailboxId, { uidValidity: '1', uid: String(uid), raw }, t.clock.now);
    const outcomes = await processReceivedMail(t.database.db, mailboxId, () => t.clock.now);
    return outcomes.at(-1);
  }
  const getCase = async (id: string) =>
    (await t.as('owner', { method: 'GET', url: `/api/cases/${id}` })).json();
  function reply(caseId: string, body: string) {
    later();
    return t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'outbound', body },
    });
  }
  async function openCaseByMail(messageId: string, from = 'Anna Nowak <anna@example.pl>') {
    const opened = await receive(
      customerMail({
        from,
        subject: 'Zniszczona paczka',
        body: 'Paczka przyszła zniszczona, proszę o wymianę.',
        messageId,
      }),
    );
    expect(opened?.state).toBe('processed');
    return opened?.caseId ?? '';
  }

  it('sends the reply threaded, signed and with a reply address, and the customer’s answer comes back to the case', async () => {
    const caseId = await openCaseByMail(`first-${kind}@example.pl`);
    const sent = await reply(caseId, 'Dzień dobry, przepraszamy. Wymienimy produkt do piątku.');
    expect(sent.statusCode).toBe(201);
    const interaction = sent.json();
    expect(interaction.delivery).toEqual({
      state: 'queued',
      to: 'anna@example.pl',
      reason: null,
      problem: null,
      detail: null,
      attempts: 0,
      sentAt: null,
    });

    const before = sink.received.length;
    expect(await deliver()).toBe(1);
    const mail = await sink.nth(before + 1);
    expect(mail.to).toEqual(['anna@example.pl']);
    const parsed = await PostalMime.parse(mail.raw);
    const messageId = ourMessageId('support@salon.example', secret, caseId, interaction.id);
    expect(parsed.messageId).toBe(`<${messageId}>`);
    expect(parsed.inReplyTo).toBe(`<first-${kind}@example.pl>`);
    expect(parsed.references).toContain(`<first-${kind}@example.pl>`);
    expect(parsed.subject).toBe(`Re: Zniszczona paczka [#${caseId.slice(0, 8)}]`);
    expect(parsed.from?.address).toBe('support@salon.example');
    expect(parsed.replyTo?.[0]?.address).toBe(replyAddress('support@salon.example', secret, caseId));
    expect(parsed.text).toContain('Wymienimy produkt do piątku.');
    // Sent with a role's API token, so the signature is the business's name.
    expect(parsed.text?.trim()).toMatch(/\n-- \nCalmDesk$/);
    expect(parsed.html).toContain('<p>Dzień dobry, przepraszamy. Wymienimy produkt do piątku.</p>');
    expect(parsed.headers.find((h) => h.key === 'auto-submitted')).toBeUndefined();

    const shown = (await getCase(caseId)).interactions.at(-1);
    expect(shown.delivery).toMatchObject({
      state: 'sent',
      attempts: 1,
      reason: null,
      problem: null,
      detail: null,
      sentAt: t.clock.now.toISOString(),
    });

    // The customer answers our mail: it threads by our Message-ID into the same case.
    const answer = await receive(
      customerMail({
        from: 'Anna Nowak <anna@example.pl>',
        subject: 'Re: Zniszczona paczka',
        body: 'Dziękuję, czekam.',
        messageId: `second-${kind}@example.pl`,
        inReplyTo: messageId,
      }),
    );
    expect(answer).toMatchObject({ state: 'processed', caseId });

    // The next reply carries the whole thread: the customer's two mails and our first reply.
    const second = await reply(caseId, 'Dziękujemy za cierpliwość, wysyłka jutro.');
    expect(await deliver()).toBe(1);
    const next = await PostalMime.parse((await sink.nth(before + 2)).raw);
    expect(next.inReplyTo).toBe(`<second-${kind}@example.pl>`);
    expect(next.references?.split(/\s+/)).toEqual([
      `<first-${kind}@example.pl>`,
      `<${messageId}>`,
      `<second-${kind}@example.pl>`,
    ]);
    expect(second.json().delivery.state).toBe('queued');
  });

  it('marks a reply failed when its bounce comes back, and only that reply', async () => {
    const caseId = await openCaseByMail(`bounce-${kind}@example.pl`);
    const first = (await reply(caseId, 'Dzień dobry, sprawdzamy to dzisiaj.')).json();
    const second = (await reply(caseId, 'Wymiana wysłana, numer przesyłki w załączeniu jutro.')).json();
    expect(await deliver()).toBe(2);
    const firstId = ourMessageId('support@salon.example', secret, caseId, first.id);
    const secondId = ourMessageId('support@salon.example', secret, caseId, second.id);

    // The DSN gives back the second reply, whose References name the first: only the second failed.
    const bounce = await receive(bounceOf(secondId, [`bounce-${kind}@example.pl`, firstId]));
    expect(bounce).toMatchObject({ state: 'ignored', kind: 'bounce' });
    const entries = (await getCase(caseId)).interactions;
    const shown = (id: string) => entries.find((e: { id: string }) => e.id === id).delivery;
    expect(shown(first.id).state).toBe('sent');
    expect(shown(second.id)).toMatchObject({ state: 'failed' });
    expect(shown(second.id).reason).toMatch(/^bounced: status 5\.1\.1: smtp; 550 5\.1\.1/);
    expect(shown(second.id).problem).toBe('bounced');
    expect(shown(second.id).detail).toMatch(/^status 5\.1\.1: smtp; 550 5\.1\.1 <anna@example\.pl>/);
    expect(shown(first.id)).toMatchObject({ problem: null, detail: null });
  });

  it('fails a refused recipient at once with the server’s words, and retries a lost connection with backoff', async () => {
    const caseId = await openCaseByMail(`refused-${kind}@example.pl`);
    sink.refuseRecipients({ code: 550, text: 'No such user here' });
    const refused = (await reply(caseId, 'Dzień dobry, dziękujemy za wiadomość.')).json();
    expect(await deliver()).toBe(1);
    sink.refuseRecipients(null);
    const refusedShown = (await getCase(caseId)).interactions.find(
      (e: { id: string }) => e.id === refused.id,
    );
    expect(refusedShown.delivery).toMatchObject({ state: 'failed', attempts: 1 });
    expect(refusedShown.delivery.reason).toMatch(/refused the mail: 550.*No such user here/);
    expect(refusedShown.delivery.problem).toBe('refused');
    expect(refusedShown.delivery.detail).toMatch(/^550.*No such user here/);

    // A server that cannot be reached: the mail waits and is tried again, then given up on with the reason.
    await t.database.db
      .updateTable('mailboxes')
      .set({ smtp_url: 'smtp://sender@127.0.0.1:1' })
      .where('id', '=', mailboxId)
      .execute();
    const waiting = (await reply(caseId, 'Prosimy o numer zamówienia.')).json();
    try {
      expect(await deliver()).toBe(1);
      let shown = (await getCase(caseId)).interactions.find((e: { id: string }) => e.id === waiting.id);
      expect(shown.delivery).toMatchObject({ state: 'queued', attempts: 1 });
      expect(shown.delivery.reason).toMatch(/unreachable: connection refused/);
      expect(shown.delivery.problem).toBe('unreachable');
      expect(shown.delivery.detail).toMatch(/ECONNREFUSED/);
      // Not again before its backoff has passed.
      expect(await deliver()).toBe(0);
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        t.clock.now = new Date(t.clock.now.getTime() + 2 * 60 * 60_000);
        expect(await deliver()).toBe(1);
      }
      shown = (await getCase(caseId)).interactions.find((e: { id: string }) => e.id === waiting.id);
      expect(shown.delivery).toMatchObject({
        state: 'failed',
        attempts: MAX_ATTEMPTS,
        problem: 'unreachable',
      });
      expect(shown.delivery.reason).toMatch(/unreachable/);
    } finally {
      await t.database.db
        .updateTable('mailboxes')
        .set({ smtp_url: sink.url.replace(/:[^:@/]+@/, '@') })
        .where('id', '=', mailboxId)
        .execute();
    }
  });

  it('stores why each attempt failed as a code beside the server’s words, and clears it once the mail goes', async () => {
    const caseId = await openCaseByMail(`codes-${kind}@example.pl`);
    const deliveryOf = async (id: string) =>
      (await getCase(caseId)).interactions.find((e: { id: string }) => e.id === id).delivery;
    const setMailbox = (fields: { smtp_url?: string | null; smtp_password?: string | null }) =>
      t.database.db.updateTable('mailboxes').set(fields).where('id', '=', mailboxId).execute();
    const { smtp_url: smtpUrl, smtp_password: smtpPassword } = await t.database.db
      .selectFrom('mailboxes')
      .select(['smtp_url', 'smtp_password'])
      .where('id', '=', mailboxId)
      .executeTakeFirstOrThrow();
    try {
      // A wrong password: tried again later, the server's 535 kept as the detail.
      await setMailbox({ smtp_password: 'not-the-password' });
      const denied = (await reply(caseId, 'Dzień dobry, sprawdzamy.')).json();
      expect(await deliver()).toBe(1);
      expect(await deliveryOf(denied.id)).toMatchObject({
        state: 'queued',
        problem: 'auth',
        reason: 'SMTP server: wrong user name or password',
        detail: expect.stringMatching(/535/),
      });
      await setMailbox({ smtp_password: smtpPassword });
      later();
      expect(await deliver()).toBe(1);
      expect(await deliveryOf(denied.id)).toMatchObject({
        state: 'sent',
        problem: null,
        reason: null,
        detail: null,
      });

      // A 4xx: the server puts the mail off, so it waits with the server's words.
      sink.refuseRecipients({ code: 450, text: 'Mailbox busy, try again later' });
      const deferred = (await reply(caseId, 'Dzień dobry, odpowiemy jutro.')).json();
      expect(await deliver()).toBe(1);
      sink.refuseRecipients(null);
      expect(await deliveryOf(deferred.id)).toMatchObject({
        state: 'queued',
        problem: 'deferred',
        detail: expect.stringMatching(/^450 .*Mailbox busy, try again later/),
      });
      later();
      expect(await deliver()).toBe(1);
      expect(await deliveryOf(deferred.id)).toMatchObject({ state: 'sent', problem: null });

      // The SMTP server taken away after the reply was queued: failed at once, with no server's words.
      const unsent = (await reply(caseId, 'Dzień dobry, dziękujemy.')).json();
      await setMailbox({ smtp_url: null, smtp_password: null });
      expect(await deliver()).toBe(1);
      expect(await deliveryOf(unsent.id)).toMatchObject({
        state: 'failed',
        problem: 'no_smtp',
        reason: 'the mailbox has no outgoing server (SMTP) set',
        detail: null,
      });
    } finally {
      sink.refuseRecipients(null);
      await setMailbox({ smtp_url: smtpUrl, smtp_password: smtpPassword });
    }
  });

  it('delivers a mail whose sender died after claiming it once its lease runs out, with the same Message-ID', async () => {
    const caseId = await openCaseByMail(`lease-${kind}@example.pl`);
    const sent = (await reply(caseId, 'Dzień dobry, oddzwonimy dziś do 16:00.')).json();
    // A sender claims the mail and dies before delivering it.
    expect(await claimDueMail(t.database.db, t.clock.now, 120_000, 10)).toHaveLength(1);
    expect(await deliver()).toBe(0);
    t.clock.now = new Date(t.clock.now.getTime() + 121_000);
    const before = sink.received.length;
    expect(await deliver()).toBe(1);
    const parsed = await PostalMime.parse((await sink.nth(before + 1)).raw);
    expect(parsed.messageId).toBe(`<${ourMessageId('support@salon.example', secret, caseId, sent.id)}>`);
    expect(await deliver()).toBe(0);
    expect(sink.received.length).toBe(before + 1);
  });

  it('acknowledges a new case in the customer’s language when the mailbox asks for it, once a day per sender and never to robots', async () => {
    await t.database.db
      .updateTable('mailboxes')
      .set({ acknowledge: true })
      .where('id', '=', mailboxId)
      .execute();
    const acknowledgements = () =>
      t.database.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'acknowledgement').execute();
    try {
      const before = sink.received.length;
      const opened = await receive(
        customerMail({
          from: 'Mari Tamm <mari@example.ee>',
          subject: 'Broneering',
          body: 'Tere! Minu broneering kadus ära ja keegi ei vasta telefonile. Palun aidake.',
          messageId: `ack-${kind}@example.ee`,
        }),
      );
      expect(await deliver()).toBe(1);
      const parsed = await PostalMime.parse((await sink.nth(before + 1)).raw);
      expect(parsed.to?.[0]?.address).toBe('mari@example.ee');
      expect(parsed.inReplyTo).toBe(`<ack-${kind}@example.ee>`);
      expect(parsed.subject).toBe(`Re: Broneering [#${opened?.caseId?.slice(0, 8)}]`);
      expect(parsed.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');
      expect(parsed.text).toContain(
        `Aitäh kirja eest. See jõudis meieni ja sai numbri [#${opened?.caseId?.slice(0, 8)}]`,
      );

      // Her next new mail the same day, her answer into the case, and a sender asking for no automatic
      // answers get none.
      await receive(
        customerMail({ from: 'mari@example.ee', subject: 'Teine asi', body: 'Veel üks küsimus arve kohta.' }),
      );
      await receive(
        customerMail({
          from: 'mari@example.ee',
          subject: 'Re: Broneering',
          body: 'Kas saite kätte?',
          inReplyTo: `ack-${kind}@example.ee`,
        }),
      );
      const suppressing = customerMail({
        from: 'ops@partner.example',
        subject: 'Order 77',
        body: 'Order status?',
      });
      await receive(
        new Uint8Array([...new TextEncoder().encode('X-Auto-Response-Suppress: All\r\n'), ...suppressing]),
      );
      expect((await acknowledgements()).map((a) => a.to_address)).toEqual(['mari@example.ee']);
    } finally {
      await t.database.db
        .updateTable('mailboxes')
        .set({ acknowledge: false })
        .where('id', '=', mailboxId)
        .execute();
    }
  });

  it('sends a boundary letter on the customer’s mail thread once, and says why when it cannot', async () => {
    const caseId = await openCaseByMail(`letter-${kind}@example.pl`, 'Piotr Kowal <piotr@example.pl>');
    const customerId = (await getCase(caseId)).customer.id;
    const decided = await t.as('supervisor', {
      method: 'POST',
      url: `/api/customers/${customerId}/boundaries`,
      payload: { level: 'warning', reason: 'Obraźliwe wiadomości do pracowników', language: 'pl' },
    });
    expect(decided.statusCode).toBe(201);
    const decision = decided.json();
    expect(decision.letterDelivery).toBeNull();
    const send = () =>
      t.as('supervisor', { method: 'POST', url: `/api/boundaries/${decision.id}/letter/send` });

    const agentTry = await t.as('agent', {
      method: 'POST',
      url: `/api/boundaries/${decision.id}/letter/send`,
    });
    expect(agentTry.statusCode).toBe(403);
    const sent = await send();
    expect(sent.statusCode).toBe(200);
    expect(sent.json().letterDelivery).toMatchObject({ state: 'queued', to: 'piotr@example.pl' });
    const before = sink.received.length;
    expect(await deliver()).toBe(1);
    const parsed = await PostalMime.parse((await sink.nth(before + 1)).raw);
    expect(parsed.subject).toBe(decision.letter.subject);
    expect(parsed.text).toContain(decision.letter.body.split('\n')[0]);
    expect(parsed.inReplyTo).toBe(`<letter-${kind}@example.pl>`);
    expect(parsed.replyTo?.[0]?.address).toBe(replyAddress('support@salon.example', secret, caseId));

    const again = await send();
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('the letter was already sent to piotr@example.pl');
    const listed = await t.as('supervisor', {
      method: 'GET',
      url: `/api/customers/${customerId}/boundaries`,
    });
    expect(listed.json().items[0].letterDelivery).toMatchObject({ state: 'sent', to: 'piotr@example.pl' });

    // A customer with no e-mail address at all: the letter can only be copied.
    const phoneOnly = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Bez Maila', phone: '+48 600 100 200' },
        channel: 'phone',
        subject: 'Telefon',
        message: { body: 'Dzwonię w sprawie wizyty.' },
      },
    });
    expect(phoneOnly.statusCode).toBe(201);
    const noMail = await t.as('supervisor', {
      method: 'POST',
      url: `/api/customers/${phoneOnly.json().customer.id}/boundaries`,
      payload: { level: 'warning', reason: 'Nie przychodzi na wizyty', language: 'pl' },
    });
    const refused = await t.as('supervisor', {
      method: 'POST',
      url: `/api/boundaries/${noMail.json().id}/letter/send`,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/has no e-mail address/);
  });

  it('logs a reply on a case that never had mail without mailing it, and a blocked reply queues nothing', async () => {
    const created = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Jan Telefon', email: 'jan@example.pl' },
        channel: 'phone',
        subject: 'Telefon',
        message: { body: 'Dzwonię w sprawie rezerwacji.' },
      },
    });
    const phoneCase = created.json().id;
    const logged = await reply(phoneCase, 'Dzień dobry, rezerwacja jest potwierdzona.');
    expect(logged.statusCode).toBe(201);
    expect(logged.json().delivery).toBeNull();

    const mailCase = await openCaseByMail(`blocked-${kind}@example.pl`);
    const queued = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('mail_outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('case_id', '=', mailCase)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const blocked = await reply(mailCase, 'Jest Pani idiotką.');
    expect(blocked.statusCode).toBe(422);
    expect(await queued()).toBe(0);
  });
});
