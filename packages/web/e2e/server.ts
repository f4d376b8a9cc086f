import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Actor,
  addUser,
  createCase,
  type Db,
  loadConfig,
  type NewCase,
  newId,
  type PublicUser,
  type RunningServer,
  startServer,
} from '@calmdesk/server/testing';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI: Actor = { kind: 'cli', role: 'owner' };

/** Builds the web app once into packages/web/dist, which the server then serves. */
export function buildWebApp(): number {
  const started = performance.now();
  const vite = join(WEB_ROOT, '../../node_modules/.bin/vite');
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
  execFileSync(vite, ['build', '--logLevel', 'warn'], {
    cwd: WEB_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return performance.now() - started;
}

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
        message: { body: 'Buty rozkleiły się po tygodniu. <script>alert("x")</script> Proszę o naprawę.' },
      },
      600,
    ],
  ];
  const ids: Record<string, string> = {};
  for (const [key, input, ago] of cases) ids[key] = (await createCase(db, CLI, input, minutesAgo(ago))).id;
  return ids;
}

const LEVELS = ['calm', 'upset', 'angry'] as const;
const CHANNELS = ['email', 'phone', 'web', 'visit', 'chat', 'review'] as const;

/** Writes `count` calm-to-angry cases straight into the database, a thousand rows per statement. */
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
        first_response_due_at: new Date(created.getTime() + 8 * 3_600_000),
        created_at: created,
        updated_at: created,
      });
    }
    await db.insertInto('cases').values(rows).execute();
  }
  return performance.now() - started;
}

const DAY_MS = 86_400_000;
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
