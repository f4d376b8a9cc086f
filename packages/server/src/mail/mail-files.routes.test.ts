import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { processMail, storeRawMail } from './ingest-mail.ts';
import { contentDisposition } from './mail-files.ts';

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const HOSTILE_NAME = 'faktura"\r\nSet-Cookie: stolen=1; x="../../etc/passwd;.html';

function mailWithAttachments(): string {
  const part = (headers: string[], body: string) => ['--b1', ...headers, '', body].join('\r\n');
  return [
    'From: Katarzyna Wiśniewska <k.wisniewska@example.test>',
    'To: support@salon.example',
    'Subject: Zdjęcia włosów po koloryzacji',
    'Message-ID: <files-1@customer.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    part(['Content-Type: text/plain; charset=utf-8'], 'W załączniku zdjęcie i faktura.'),
    part(
      [
        'Content-Type: image/png',
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename*=UTF-8''w%C5%82osy%20po%20zabiegu.png`,
      ],
      PNG.toString('base64'),
    ),
    part(
      [
        'Content-Type: text/html',
        `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(HOSTILE_NAME)}`,
      ],
      '<script>alert(1)</script>',
    ),
    part(
      ['Content-Type: image/png', 'Content-Disposition: attachment; filename="not-really.png"'],
      '<html><script>alert(2)</script></html>',
    ),
    '--b1--',
    '',
  ].join('\r\n');
}

describe('contentDisposition', () => {
  it('keeps a Polish name in filename* and gives an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'włosy po zabiegu.png')).toBe(
      `attachment; filename="wlosy po zabiegu.png"; filename*=UTF-8''w%C5%82osy%20po%20zabiegu.png`,
    );
    expect(contentDisposition('inline', 'Zażółć (1).jpg')).toBe(
      `inline; filename="Zazolc (1).jpg"; filename*=UTF-8''Za%C5%BC%C3%B3%C5%82%C4%87%20%281%29.jpg`,
    );
    expect(contentDisposition('attachment', 'Tõnu arve 😀.pdf')).toBe(
      `attachment; filename="Tonu arve __.pdf"; filename*=UTF-8''T%C3%B5nu%20arve%20%F0%9F%98%80.pdf`,
    );
  });

  it('leaves no line break, quote, semicolon or path in a hostile name', () => {
    const header = contentDisposition('attachment', HOSTILE_NAME);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="faktura_Set-Cookie: stolen=1_ x=_.._.._etc_passwd_.html"; filename*=UTF-8''` +
        'faktura%22Set-Cookie%3A%20stolen%3D1%3B%20x%3D%22.._.._etc_passwd%3B.html',
    );
    expect(contentDisposition('attachment', '\r\n')).toBe(
      `attachment; filename="file"; filename*=UTF-8''file`,
    );
  });
});

describe.each(TEST_DATABASES)('attachments and raw mail on %s', (kind) => {
  let t: TestApp;
  let mailId = '';
  const attachments = new Map<string, { id: string; stored: boolean }>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    const added = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: 'support@salon.example', imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    const mailboxId = added.json().id;
    const db = t.database.db;
    await storeRawMail(
      db,
      mailboxId,
      { uidValidity: '1', uid: '1', raw: new TextEncoder().encode(mailWithAttachments()) },
      t.clock.now,
    );
    const stored = await db.selectFrom('mail_messages').select('id').executeTakeFirstOrThrow();
    mailId = stored.id;
    const outcome = await processMail(db, mailId, t.clock.now);
    expect(outcome.state).toBe('processed');
    // An attachment over the size limit is listed without its bytes.
    await db
      .insertInto('mail_attachments')
      .values({
        id: newId(),
        message_id: mailId,
        filename: 'film.mov',
        content_type: 'video/quicktime',
        disposition: 'attachment',
        content_id: null,
        size: 40 * 1024 * 1024,
        content: null,
        note: 'over the 25 MB limit: listed, not kept (it stays in the raw mail)',
      })
      .execute();
    const detail = await t.as('agent', { method: 'GET', url: `/api/cases/${outcome.caseId}` });
    const entry = detail.json().interactions.find((i: { mail: unknown }) => i.mail);
    expect(entry.mail.id).toBe(mailId);
    for (const a of entry.mail.attachments) attachments.set(a.filename, a);
  }, 120_000);
  afterAll(() => t?.close());

  const get = (url: string) => t.as('agent', { method: 'GET', url });

  it('shows a real picture in place with its own type, and as a download when asked', async () => {
    const id = attachments.get('włosy po zabiegu.png')?.id;
    const shown = await get(`/api/attachments/${id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toBe(
      `inline; filename="wlosy po zabiegu.png"; filename*=UTF-8''w%C5%82osy%20po%20zabiegu.png`,
    );
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(shown.headers['content-security-policy']).toContain('sandbox');
    expect(shown.rawPayload.equals(PNG)).toBe(true);
    const saved = await get(`/api/attachments/${id}?download=1`);
    expect(saved.headers['content-type']).toBe('image/png');
    expect(saved.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('serves HTML and a mislabelled picture as bytes to save, never to render', async () => {
    for (const name of ['faktura', 'not-really.png']) {
      const id = [...attachments.entries()].find(([n]) => n.startsWith(name))?.[1].id;
      expect(id, name).toBeDefined();
      const answer = await get(`/api/attachments/${id}`);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="/);
      expect(answer.headers['content-security-policy']).toContain('sandbox');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.body).toContain('<script>');
    }
  });

  it('lets no hostile file name inject a header', async () => {
    const [name, attachment] = [...attachments.entries()].find(([n]) => n.startsWith('faktura')) ?? [];
    // The mail parser has already made the line break a space; the header cleans what is left.
    expect(name).toBe('faktura" Set-Cookie: stolen=1; x="../../etc/passwd;.html');
    const answer = await get(`/api/attachments/${attachment?.id}`);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="faktura_ Set-Cookie: stolen=1_ x=_.._.._etc_passwd_.html"; ` +
        "filename*=UTF-8''faktura%22%20Set-Cookie%3A%20stolen%3D1%3B%20x%3D%22.._.._etc_passwd%3B.html",
    );
    expect(String(answer.headers['content-disposition'])).not.toMatch(/[\r\n]/);
  });

  it('says an attachment over the size limit was not kept, and where it is', async () => {
    const film = attachments.get('film.mov');
    expect(film?.stored).toBe(false);
    const answer = await get(`/api/attachments/${film?.id}`);
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error.message).toMatch(/film\.mov.*was not kept.*original mail/);
    expect((await get('/api/attachments/nope')).statusCode).toBe(404);
  });

  it('gives the whole mail as it arrived, as an .eml download', async () => {
    const answer = await get(`/api/mail/${mailId}/raw`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('message/rfc822');
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="2026-03-02 Zdjecia wlosow po koloryzacji.eml"; ` +
        `filename*=UTF-8''2026-03-02%20Zdj%C4%99cia%20w%C5%82os%C3%B3w%20po%20koloryzacji.eml`,
    );
    expect(answer.body).toBe(mailWithAttachments());
    expect((await get('/api/mail/nope/raw')).statusCode).toBe(404);
  });

  it('asks who is asking', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/mail/${mailId}/raw` });
    expect(anonymous.statusCode).toBe(401);
    const query = await get(`/api/attachments/${attachments.get('film.mov')?.id}?download=yes`);
    expect(query.statusCode).toBe(400);
    expect(query.json().error.path).toBe('query.download');
  });
});
