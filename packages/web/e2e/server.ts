import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  addInteraction,
  addMailbox,
  addUser,
  createCase,
  type Db,
  loadConfig,
  MAX_ATTACHMENT_BYTES,
  markMailboxFailing,
  markMailboxSynced,
  type NewCase,
  newId,
  OVER_LIMIT_NOTE,
  type ParsedMail,
  type PublicUser,
  parseMail,
  processMail,
  processMailAsParsed,
  type RunningServer,
  saveSettings,
  startServer,
  storeRawMail,
} from '@calmdesk/server/testing';

const CLI: Actor = { kind: 'cli', role: 'owner' };

export interface Staff {
  owner: PublicUser;
  supervisor: PublicUser;
  agent: PublicUser;
}

export const PASSWORD = 'calm-e2e-password';

export interface E2eServer {
  server: RunningServer;
  url: string;
  db: Db;
  staff: Staff;
  close(): Promise<void>;
}

/** A real CalmDesk server on a free port and an empty embedded database in a temp folder. */
export async function startE2eServer(): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-e2e-'));
  // Our own environment object: the browser tests always use a fresh PGlite, never DATABASE_URL.
  const server = await startServer(loadConfig({ LOG_LEVEL: 'silent' }, { dataDir, port: '0' }));
  const db = server.database.db;
  const add = (name: string, email: string, role: PublicUser['role']) =>
    addUser(db, CLI, { name, email, password: PASSWORD, role });
  const staff = {
    owner: await add('Olga Właścicielka', 'owner@salon.test', 'owner'),
    supervisor: await add('Sebastian Kierownik', 'supervisor@salon.test', 'supervisor'),
    agent: await add('Anna Nowak', 'agent@salon.test', 'agent'),
  };
  // Open around the clock: the reply deadlines the tests read do not depend on the day and hour they run.
  const allDay: [string, string] = ['00:00', '24:00'];
  await saveSettings(
    db,
    CLI,
    {
      businessHours: {
        days: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
      },
    },
    new Date(),
  );
  return {
    server,
    url: server.url,
    db,
    staff,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** One case as it arrives, its first message through the real analysis; returns its id. */
export async function seedCase(db: Db, input: NewCase, ago = 30): Promise<string> {
  return (await createCase(db, CLI, input, minutesAgo(ago))).id;
}

/** A handful of cases as they arrive: each first message goes through the real analysis. */
export async function seedCases(db: Db): Promise<Record<string, string>> {
  const cases: Array<[key: string, NewCase, ago: number]> = [
    [
      'hostile',
      {
        customer: { name: 'Katarzyna Wiśniewska', email: 'k.wisniewska@example.test', language: 'pl' },
        channel: 'email',
        subject: 'Zniszczone włosy po koloryzacji',
        message: {
          body: 'Jesteście złodziejami, k*rwa! Piszę już trzeci raz. Oddajcie kasę NATYCHMIAST, bo idę do UOKiK i opiszę was na Facebooku.',
        },
      },
      20,
    ],
    [
      'upset',
      {
        customer: { name: 'Mari Tamm', email: 'mari.tamm@example.test', language: 'et' },
        channel: 'web',
        subject: 'Broneering tühistati ilma teavitamata',
        message: { body: 'Minu broneering tühistati ja keegi ei teavitanud mind. Olen väga pettunud.' },
      },
      90,
    ],
    [
      'calm',
      {
        customer: { name: 'John Smith', email: 'john@example.test', language: 'en' },
        channel: 'phone',
        subject: 'Question about an invoice',
        message: { body: 'Could you please send me a corrected invoice for March? Thank you.' },
      },
      240,
    ],
    [
      'script',
      {
        customer: { name: '<img src=x onerror=alert(1)> Tomasz', phone: '+48 600 100 200', language: 'pl' },
        channel: 'visit',
        subject: 'Reklamacja <b>butów</b>',
        // Overdue by the time a test looks, so escalated: with a flag beside its level, the row's
        // narrowest case (mark, level and flag in one cell).
        message: {
          body: 'Buty rozkleiły się po tygodniu. <script>alert("x")</script> Proszę o zwrot pieniędzy.',
        },
      },
      600,
    ],
  ];
  const ids: Record<string, string> = {};
  for (const [key, input, ago] of cases) ids[key] = (await createCase(db, CLI, input, minutesAgo(ago))).id;
  return ids;
}

const DAY_MS = 86_400_000;
const LEVELS = ['calm', 'upset', 'angry'] as const;
const CHANNELS = ['email', 'phone', 'web', 'visit', 'chat', 'review'] as const;

/**
 * Writes `count` calm-to-angry cases straight into the database, a thousand rows per statement. Their
 * first replies are due in a month: thousands of cases already late would have the deadline sweep
 * escalate them all in one transaction, and the embedded database answers nothing else meanwhile (over
 * 20 s on a busy 2-core machine), which is not what a test of the inbox measures.
 */
export async function bulkInsertCases(db: Db, count: number): Promise<number> {
  const started = performance.now();
  const customers = Array.from({ length: 500 }, (_, i) => ({
    id: newId(),
    name: `Klient testowy ${i + 1}`,
    emails: [`bulk${i}@example.test`],
    phones: [],
    tags: [],
    updated_at: new Date(),
  }));
  await db.insertInto('customers').values(customers).execute();
  const now = Date.now();
  for (let from = 0; from < count; from += 1000) {
    const rows = [];
    for (let i = from; i < Math.min(from + 1000, count); i++) {
      const level = LEVELS[i % LEVELS.length] ?? 'calm';
      const created = new Date(now - (i + 1) * 60_000);
      rows.push({
        id: newId(),
        customer_id: customers[i % customers.length]?.id ?? '',
        subject: `Sprawa masowa nr ${i + 1}`,
        channel: CHANNELS[i % CHANNELS.length] ?? 'email',
        status: 'open' as const,
        level,
        peak_level: level,
        flags: i % 7 === 0 ? ['urgency', 'repeat_contact'] : [],
        problems: i % 5 === 0 ? ['delay'] : [],
        priority: (i * 7919) % 50,
        first_response_due_at: new Date(created.getTime() + 30 * DAY_MS),
        created_at: created,
        updated_at: created,
      });
    }
    await db.insertInto('cases').values(rows).execute();
  }
  return performance.now() - started;
}

const daysAgo = (days: number, hour = 10) => {
  const at = new Date(Date.now() - days * DAY_MS);
  at.setUTCHours(hour, 0, 0, 0);
  return at;
};

/**
 * Seed 003: a customer who cancels late, does not pay on time and insulted the staff — bookings and
 * invoices written as an import would, the insult through the real analysis — plus a few paying
 * customers so the revenue curve has a shape. Returns the difficult customer's id.
 */
export async function seedDifficultCustomer(db: Db): Promise<string> {
  const created = await createCase(
    db,
    CLI,
    {
      customer: { name: 'Magdalena Kowalczyk', email: 'm.kowalczyk@example.test', language: 'pl' },
      channel: 'email',
      subject: 'Znowu przepadła mi wizyta',
      message: { body: 'Jesteście bandą idiotów i złodziei! Odwołałam wizytę, a wy mi liczycie opłatę?!' },
    },
    daysAgo(3),
  );
  const customerId = created.customer.id;
  const booking = (
    days: number,
    status: 'attended' | 'late_cancelled' | 'no_show',
    cancelHoursBefore?: number,
  ) => {
    const startsAt = daysAgo(days, 9);
    return {
      id: newId(),
      customer_id: customerId,
      service: 'Koloryzacja',
      staff: 'Anna Nowak',
      starts_at: startsAt,
      status,
      cancelled_at: cancelHoursBefore ? new Date(startsAt.getTime() - cancelHoursBefore * 3_600_000) : null,
      updated_at: new Date(),
    };
  };
  await db
    .insertInto('bookings')
    .values([
      booking(150, 'attended'),
      booking(90, 'late_cancelled', 3),
      booking(60, 'late_cancelled', 5),
      booking(30, 'no_show'),
      booking(10, 'late_cancelled', 2),
    ])
    .execute();
  const others = ['Ewa Zając', 'Tõnu Kask', 'Laura Mets', 'Piotr Wójcik', 'Jan Lewandowski'].map((name) => ({
    id: newId(),
    name,
    emails: [],
    phones: [],
    tags: [],
    updated_at: new Date(),
  }));
  await db.insertInto('customers').values(others).execute();
  const invoice = (customer: string, amount: number, issuedDaysAgo: number, paid: boolean) => ({
    id: newId(),
    external_id: `FV/${issuedDaysAgo}/${Math.round(amount)}`,
    customer_id: customer,
    // Grosze: the database keeps whole minor units.
    amount_minor: Math.round(amount * 100),
    currency: 'PLN',
    issued_at: daysAgo(issuedDaysAgo),
    due_at: daysAgo(issuedDaysAgo - 14),
    paid_at: paid ? daysAgo(issuedDaysAgo - 7) : null,
    updated_at: new Date(),
  });
  await db
    .insertInto('invoices')
    .values([
      invoice(customerId, 320, 140, true),
      invoice(customerId, 450, 60, false),
      ...others.flatMap((c, i) => [
        invoice(c.id, 4200 / (i + 1), 100 - i * 10, true),
        invoice(c.id, 900 / (i + 1), 40, true),
      ]),
    ])
    .execute();
  return customerId;
}

// A 24×24 picture of warm and purple stripes, as a customer's photo of a colour gone wrong.
const PICTURE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAEkElEQVR42u3UsQa9egAA4P+DRURERERERG5KOSklIiIiIqK/FNGR4jc0NDQ0nOEMDQ0NDQ0NDQ0NDQ09wT1vcF/gvsA3fn/+QiCDmgKq3lBZQwWA8hZKOyjpoXiAog8UfqFghPwJ8mbIXSBnhewNsnbIOCDthF4XJN+Q+ED//PkLgwxuCrh6w2UNFwDOWzjt4KSH4wGOPnD4hYMR9ifYm2F3gZ0VtjfY2mHjgLUTfl2wfMPiA/8gBGRIUyDVGylrpABI3iJphyQ9Eg9I9EHCLxKMiD8h3oy4C+KsiL0h1o4YB6KdyOtC5BsRH+QHoSBDmwKt3mhZowVA8xZNOzTp0XhAow8aftFgRP0J9WbUXVBnRe0NtXbUOFDtRF8XKt+o+KA/CAMZ1hRY9cbKGisAlrdY2mFJj8UDFn2w8IsFI+ZPmDdj7oI5K2ZvmLVjxoFpJ/a6MPnGxAf7QTjI8KbAqzde1ngB8LzF0w5Pejwe8OiDh188GHF/wr0ZdxfcWXF7w60dNw5cO/HXhcs3Lj74DyJARjQFUb2JsiYKQOQtkXZE0hPxQEQfIvwSwUj4E+HNhLsQzkrYG2HthHEQ2km8LkK+CfEhfhAJMrIpyOpNljVZADJvybQjk56MBzL6kOGXDEbSn0hvJt2FdFbS3khrJ42D1E7ydZHyTYoP+YMokFFNQVVvqqypAlB5S6UdlfRUPFDRhwq/VDBS/kR5M+UulLNS9kZZO2UclHZSr4uSb0p8qB9Eg4xuCrp602VNF4DOWzrt6KSn44GOPnT4pYOR9ifam2l3oZ2Vtjfa2mnjoLWTfl20fNPiQ/8gBmRMUzDVmylrpgBM3jJpxyQ9Ew9M9GHCLxOMjD8x3sy4C+OsjL0x1s4YB6OdzOti5JsRH+YHsSBjm4Kt3mxZswVg85ZNOzbp2Xhgow8bftlgZP2J9WbWXVhnZe2NtXbWOFjtZF8XK9+s+LA/iAMZ1xRc9ebKmisAl7dc2nFJz8UDF3248MsFI+dPnDdz7sI5K2dvnLVzxsFpJ/e6OPnmxIf7QTzI+Kbgqzdf1nwB+Lzl045Pej4e+OjDh18+GHl/4r2ZdxfeWXl7462dNw5eO/nXxcs3Lz78DxJAJjSFUL2FshYKIOStkHZC0gvxIEQfIfwKwSj4k+DNgrsIzirYm2DtgnEI2im8LkG+BfERfpAEMqkppOotlbVUAClvpbSTkl6KByn6SOFXCkbJnyRvltxFclbJ3iRrl4xD0k7pdUnyLYmP9IMUkClNoVRvpayVAih5q6SdkvRKPCjRRwm/SjAq/qR4s+IuirMq9qZYu2IcinYqr0uRb0V8lB+kgkxtCrV6q2WtFkDNWzXt1KRX40GNPmr4VYNR9SfVm1V3UZ1VtTfV2lXjULVTfV2qfKvio/4gHWR6U+jVWy9rvQB63upppye9Hg969NHDrx6Muj/p3qy7i+6sur3p1q4bh66d+uvS5VsXH/0HmSAzm8Ks3mZZmwUw89ZMOzPpzXgwo48Zfs1gNP3J9GbTXUxnNe3NtHbTOEztNF+XKd+m+Jg/6P+z/+vsfwHTkqguHHt4EwAAAABJRU5ErkJggg==',
  'base64',
);

function customerMail(fields: { from?: string; subject: string; body: string; id: string }): string {
  const part = (headers: string[], body: string) => ['--part', ...headers, '', body].join('\r\n');
  return [
    ...(fields.from ? [`From: ${fields.from}`] : []),
    'To: kontakt@salon.test',
    `Subject: ${fields.subject}`,
    `Message-ID: <${fields.id}@customer.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="part"',
    '',
    part(['Content-Type: text/plain; charset=utf-8'], fields.body),
    part(
      [
        'Content-Type: image/png',
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename*=UTF-8''w%C5%82osy-po-koloryzacji.png`,
      ],
      PICTURE.toString('base64'),
    ),
    part(
      [
        'Content-Type: application/pdf',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="paragon-2026-03.pdf"',
      ],
      Buffer.from('%PDF-1.4\n% CalmDesk test receipt\n').toString('base64'),
    ),
    '--part--',
    '',
  ].join('\r\n');
}

/**
 * The mail as parsing would give it had it also carried a 48 MB video: listed with its size, its
 * content not kept. Writing such a video into the raw mail would make the fixture 64 MB of base64.
 */
function withOverLimitVideo(mail: ParsedMail): ParsedMail {
  const size = 48 * 1024 * 1024;
  if (size <= MAX_ATTACHMENT_BYTES) throw new Error('the video must be over the attachment limit');
  const video = {
    filename: 'film-z-salonu.mov',
    contentType: 'video/quicktime',
    disposition: 'attachment',
    contentId: null,
    size,
    content: null,
    note: OVER_LIMIT_NOTE,
  };
  return { ...mail, attachments: [...mail.attachments, video] };
}

export interface MailSeed {
  caseId: string;
  mailId: string;
  failedMailId: string;
}

/**
 * The e-mail channel as a salon runs it: a working mailbox (SMTP, acknowledgements on) whose customer
 * mail opened a case with a picture, a receipt and a video too large to keep, two replies sent by
 * e-mail (one delivered, one refused) and a mail that could not be read; and a second mailbox whose
 * server cannot be reached.
 */
export async function seedMail(db: Db): Promise<MailSeed> {
  const now = new Date();
  const mailbox = await addMailbox(
    db,
    CLI,
    {
      address: 'kontakt@salon.test',
      imap: 'imaps://kontakt%40salon.test:Imap-Haslo-1@imap.salon.test/INBOX',
      smtp: 'smtps://kontakt%40salon.test:Smtp-Haslo-1@smtp.salon.test',
      acknowledge: true,
    },
    minutesAgo(600),
  );
  const store = async (uid: number, raw: string, withParsed?: (mail: ParsedMail) => ParsedMail) => {
    const bytes = new TextEncoder().encode(raw);
    await storeRawMail(
      db,
      mailbox.id,
      { uidValidity: '1', uid: String(uid), raw: bytes },
      minutesAgo(40 - uid),
    );
    const row = await db
      .selectFrom('mail_messages')
      .select('id')
      .where('uid', '=', String(uid))
      .executeTakeFirstOrThrow();
    if (!withParsed) return processMail(db, row.id, minutesAgo(40 - uid));
    return processMailAsParsed(db, row.id, withParsed(await parseMail(bytes)), minutesAgo(40 - uid));
  };
  const taken = await store(
    1,
    customerMail({
      from: 'Ewa Zając <ewa.zajac@example.test>',
      subject: 'Kolor wyszedł zupełnie inny',
      body: 'Dzień dobry, w załączniku zdjęcie włosów po wczorajszej koloryzacji i paragon. Kolor miał być miedziany, a wyszedł fioletowy. Proszę o kontakt.',
      id: 'ewa-1',
    }),
    withOverLimitVideo,
  );
  const broken = await store(
    2,
    customerMail({ subject: 'Bez nadawcy', body: 'Wiadomość bez adresu nadawcy.', id: 'anon-1' }),
  );
  if (!taken.caseId || !taken.interactionId)
    throw new Error(`the seeded mail was not taken: ${taken.reason}`);
  const reply = async (
    body: string,
    delivery: { state: 'sent' | 'failed'; error?: { reason: string; problem: 'refused'; detail: string } },
    ago: number,
  ) => {
    const entry = await addInteraction(
      db,
      CLI,
      taken.caseId ?? '',
      { kind: 'outbound', body },
      minutesAgo(ago),
    );
    await db
      .insertInto('mail_outbox')
      .values({
        id: newId(),
        mailbox_id: mailbox.id,
        case_id: taken.caseId,
        interaction_id: entry.id,
        kind: 'reply',
        to_address: 'ewa.zajac@example.test',
        subject: 'Re: Kolor wyszedł zupełnie inny',
        body,
        message_id: `${entry.id}@salon.test`,
        state: delivery.state,
        attempts: delivery.state === 'sent' ? 1 : 5,
        next_attempt_at: minutesAgo(ago),
        last_error: delivery.error?.reason ?? null,
        last_problem: delivery.error?.problem ?? null,
        last_detail: delivery.error?.detail ?? null,
        sent_at: delivery.state === 'sent' ? minutesAgo(ago - 1) : null,
      })
      .execute();
  };
  await reply(
    'Dzień dobry, bardzo przepraszam za ten kolor. Zapraszam jutro o 10:00 na bezpłatną korektę. Anna Nowak',
    { state: 'sent' },
    20,
  );
  await reply(
    'Dzień dobry, potwierdzam wizytę jutro o 10:00. Anna Nowak',
    {
      state: 'failed',
      error: {
        reason:
          'the SMTP server refused the mail: 550 5.1.1 <ewa.zajac@example.test>: Recipient address rejected: mailbox full',
        problem: 'refused',
        detail: '550 5.1.1 <ewa.zajac@example.test>: Recipient address rejected: mailbox full',
      },
    },
    10,
  );
  await markMailboxSynced(db, mailbox.id, now);
  const unreachable = await addMailbox(
    db,
    CLI,
    { address: 'biuro@salon.test', imap: 'imap://biuro:Haslo-2@127.0.0.1:1/INBOX' },
    minutesAgo(300),
  );
  await markMailboxFailing(
    db,
    unreachable.id,
    {
      problem: 'unreachable',
      reason: 'host unreachable: connection refused',
      detail: 'connect ECONNREFUSED 127.0.0.1:1',
    },
    now,
  );
  return { caseId: taken.caseId, mailId: taken.id, failedMailId: broken.id };
}
