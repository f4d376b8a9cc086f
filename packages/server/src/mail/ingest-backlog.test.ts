import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { processReceivedMail, storeRawMails } from './ingest-mail.ts';

function mail(fields: { n: number; from: string; subject: string; inReplyTo?: number; body?: string }) {
  return new TextEncoder().encode(
    [
      `From: ${fields.from}`,
      'To: support@salon.example',
      `Subject: ${fields.subject}`,
      `Message-ID: <backlog-${fields.n}@example.test>`,
      ...(fields.inReplyTo === undefined ? [] : [`In-Reply-To: <backlog-${fields.inReplyTo}@example.test>`]),
      'Content-Type: text/plain; charset=utf-8',
      '',
      fields.body ?? `Message number ${fields.n}.`,
      '',
    ].join('\r\n'),
  );
}

describe.each(TEST_DATABASES)('a backlog of stored mail processed in one run on %s', (kind) => {
  let t: TestApp;
  let mailboxId = '';
  beforeAll(async () => {
    t = await createTestApp(kind);
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    mailboxId = added.json().id;
  }, 120_000);
  afterAll(() => t.close());

  it('threads each reply into the case of a mail stored just before it, and keeps every mail in order', async () => {
    // 40 customers; each writes and at once replies to their own mail from another address (so only
    // the In-Reply-To ties the two), and the first one's colleague answers that reply.
    const raws: Uint8Array[] = [];
    for (let c = 0; c < 40; c++) {
      raws.push(mail({ n: c, from: `c${c}@example.test`, subject: `Order ${c}` }));
      raws.push(
        mail({ n: 100 + c, from: `c${c}.home@example.test`, subject: `Re: Order ${c}`, inReplyTo: c }),
      );
      if (c === 0) {
        raws.push(
          mail({ n: 200, from: 'colleague@example.test', subject: 'Re: Re: Order 0', inReplyTo: 100 }),
        );
      }
    }
    raws.push(mail({ n: 201, from: 'c5@example.test', subject: 'Another thing', body: 'A new question.' }));
    const stored = await storeRawMails(
      t.database.db,
      mailboxId,
      raws.map((raw, i) => ({ uidValidity: '9', uid: String(i + 1), raw })),
      t.clock.now,
    );
    expect(stored).toBe(raws.length);

    const outcomes = await processReceivedMail(t.database.db, mailboxId, () => t.clock.now);
    expect(outcomes).toHaveLength(raws.length);
    expect(outcomes.every((o) => o.state === 'processed')).toBe(true);
    const caseOf = new Map(
      (
        await t.database.db
          .selectFrom('mail_messages')
          .select(['message_id', 'case_id'])
          .where('mailbox_id', '=', mailboxId)
          .execute()
      ).map((row) => [row.message_id, row.case_id]),
    );
    for (let c = 0; c < 40; c++) {
      expect(caseOf.get(`backlog-${100 + c}@example.test`)).toBe(caseOf.get(`backlog-${c}@example.test`));
    }
    expect(caseOf.get('backlog-200@example.test')).toBe(caseOf.get('backlog-0@example.test'));
    expect(caseOf.get('backlog-201@example.test')).not.toBe(caseOf.get('backlog-5@example.test'));
    expect(new Set(caseOf.values()).size).toBe(41);
    // The first customer's case holds its three mails in the order they came.
    const first = (
      await t.as('owner', { method: 'GET', url: `/api/cases/${caseOf.get('backlog-0@example.test')}` })
    ).json();
    expect(first.interactions.map((i: { body: string }) => i.body)).toEqual([
      'Message number 0.',
      'Message number 100.',
      'Message number 200.',
    ]);
  });

  it('stores a batch once however often it comes, and a Message-ID twice in one batch once', async () => {
    const raw = mail({ n: 300, from: 'x@example.test', subject: 'Twice' });
    const again = await storeRawMails(
      t.database.db,
      mailboxId,
      [
        { uidValidity: '9', uid: '500', raw },
        { uidValidity: '9', uid: '501', raw },
      ],
      t.clock.now,
    );
    expect(again).toBe(1);
    expect(
      await storeRawMails(t.database.db, mailboxId, [{ uidValidity: '9', uid: '500', raw }], t.clock.now),
    ).toBe(0);
  });
});
