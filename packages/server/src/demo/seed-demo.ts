import { toMinor } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { escalateOverdue } from '../alerts/alerts.service.ts';
import type { Actor } from '../auth/actor.ts';
import { createToken } from '../auth/auth.service.ts';
import { newSecret } from '../auth/secrets.ts';
import { createCase, updateCase } from '../cases/cases.service.ts';
import { addInteraction } from '../cases/interactions.service.ts';
import { setCommitmentStatus } from '../commitments/commitments.service.ts';
import { decideCompensation, proposeCompensation } from '../compensations/compensations.service.ts';
import { backdateCustomersToFirstCase, createCustomer } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { addPrepaidPackage, importRecords } from '../imports/imports.service.ts';
import type { SourceRecord } from '../imports/records.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { markNotificationsReadBefore } from '../notifications/notifications.service.ts';
import { DAY_MS, HOUR_MS } from '../profiles/customer-history.ts';
import { createCannedReply } from '../replies/replies.service.ts';
import { DEFAULT_SETTINGS, saveSettings } from '../settings/settings.service.ts';
import { addUser, countUsers } from '../users/users.service.ts';
import { type DemoCase, type DemoData, type DemoStep, loadDemoData, type StaffKey } from './demo-data.ts';

export interface DemoAccount {
  name: string;
  email: string;
  role: Role;
  password: string;
}

export interface DemoResult {
  seeded: boolean;
  accounts: DemoAccount[];
  customers: number;
  cases: number;
}

/**
 * Seeds the demo organisation on an empty database, through the same services as the API so the
 * analyses, priorities, hash chains and commitments are real. Never touches a database that has
 * users or cases. Passwords are random and returned once, for the caller to print.
 */
export async function seedDemo(
  db: Db,
  now: Date = new Date(),
  data: DemoData = loadDemoData(),
): Promise<DemoResult> {
  const hasCases = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if ((await countUsers(db)) > 0 || hasCases) return { seeded: false, accounts: [], customers: 0, cases: 0 };

  const accounts: DemoAccount[] = [];
  const staff = {} as Record<StaffKey, Actor>;
  for (const member of data.staff) {
    const password = newSecret(12);
    const user = await addUser(db, CLI_ACTOR, {
      name: member.name,
      email: member.email,
      role: member.role,
      password,
      signature: member.signature,
    });
    staff[member.key] = { kind: 'user', via: 'session', ...user };
    accounts.push({ name: user.name, email: user.email, role: user.role, password });
  }
  await saveSettings(
    db,
    CLI_ACTOR,
    {
      name: data.settings.name,
      timeZone: data.settings.timeZone,
      compensationPolicy: {
        ...DEFAULT_SETTINGS.compensationPolicy,
        currency: data.settings.currency,
        cashRefundLimit: data.settings.cashRefundLimit,
      },
    },
    now,
  );
  // Messages that came by e-mail, the web form, chat or a review site arrive through an integration.
  const mailImport = await createToken(db, 'agent', 'demo mail import');
  const integration: Actor = { kind: 'token', id: mailImport.id, role: 'agent' };

  const customers = new Map(data.customers.map((c) => [c.key, c]));
  for (const customer of data.customers) {
    await createCustomer(db, staff.agent1, {
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      language: customer.language,
      addressForm: customer.addressForm,
      tags: customer.tags,
      notes: customer.notes,
    });
  }

  const ordered = [...data.cases].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const demoCase of ordered) {
    const customer = customers.get(demoCase.customer);
    if (!customer) throw new Error(`demo case names unknown customer ${demoCase.customer}`);
    await seedCase(db, demoCase, { customer, staff, integration, now });
  }
  // Customers are created by the seed today; their history starts with their first case.
  await backdateCustomersToFirstCase(db);
  await seedProfiles(db, data, now);
  for (const reply of data.replies) {
    const { owner, ...text } = reply;
    await createCannedReply(
      db,
      staff[owner ?? 'owner'],
      { ...text, scope: owner ? 'personal' : 'shared' },
      now,
    );
  }
  // What fell due while the demo's history ran was escalated back then: the first sweep after the
  // start finds nothing new. The history's notifications are listed as read; the bells start quiet.
  await escalateOverdue(db, now);
  await markNotificationsReadBefore(db, new Date(now.getTime() + 1), now);
  return { seeded: true, accounts, customers: data.customers.length, cases: data.cases.length };
}

/**
 * Bookings and invoices go through the import, as a business's own exports would; the prepaid
 * package is written directly (nothing imports packages yet). Their history may predate the cases.
 */
async function seedProfiles(db: Db, data: DemoData, now: Date): Promise<void> {
  const emailOf = new Map(data.customers.map((c) => [c.key, c.email ?? '']));
  const daysAgo = (days: number, hour = 0) => new Date(now.getTime() - days * DAY_MS + hour * HOUR_MS);
  // Visits at 10:00 UTC: 11:00 or 12:00 in Warsaw.
  const visitAt = (days: number) => {
    const day = daysAgo(days);
    day.setUTCHours(10, 0, 0, 0);
    return day;
  };
  const bookings: SourceRecord[] = [];
  for (const series of data.profiles.bookingSeries) {
    series.statuses.forEach((status, i) => {
      const planned = visitAt(series.firstDaysAgo - i * series.everyDays);
      // A visit still booked lies ahead, whenever the seed runs.
      const startsAt = status === 'booked' && planned <= now ? visitAt(-3 - i) : planned;
      const cancelledAt =
        status === 'late_cancelled'
          ? new Date(startsAt.getTime() - 2 * HOUR_MS)
          : status === 'cancelled'
            ? new Date(startsAt.getTime() - 3 * DAY_MS)
            : null;
      bookings.push({
        row: bookings.length + 2,
        line: bookings.length + 2,
        values: {
          external_id: `demo-booking-${series.customer}-${i + 1}`,
          customer_email: emailOf.get(series.customer) ?? '',
          service: series.service,
          staff: series.staff,
          starts_at: startsAt.toISOString(),
          status,
          cancelled_at: cancelledAt?.toISOString() ?? '',
          deposit: series.deposit ? String(series.deposit) : '',
        },
      });
    });
  }
  const invoices: SourceRecord[] = [];
  for (const invoice of data.profiles.invoices) {
    for (let i = 0; i < (invoice.repeat ?? 1); i++) {
      const issued = invoice.issuedDaysAgo - i * (invoice.everyDays ?? 30);
      const paid = invoice.paidAfterDays === undefined ? null : issued - invoice.paidAfterDays;
      invoices.push({
        row: invoices.length + 2,
        line: invoices.length + 2,
        values: {
          external_id: `demo-invoice-${invoice.customer}-${invoice.issuedDaysAgo}-${i + 1}`,
          customer_email: emailOf.get(invoice.customer) ?? '',
          amount: String(invoice.amount),
          currency: invoice.currency,
          issued_at: daysAgo(issued, 0).toISOString(),
          due_at: daysAgo(issued - invoice.dueAfterDays).toISOString(),
          paid_at: paid === null || paid < 0 ? '' : daysAgo(paid).toISOString(),
        },
      });
    }
  }
  for (const [kind, records] of [
    ['bookings', bookings],
    ['invoices', invoices],
  ] as const) {
    const result = await importRecords(db, CLI_ACTOR, kind, records, now);
    const [error] = result.errors;
    if (error) throw new Error(`demo ${kind} row ${error.row}: ${error.column ?? ''} ${error.message}`);
  }
  for (const pack of data.profiles.packages) {
    const customer = await db
      .selectFrom('customers')
      .select('id')
      .where(sql<boolean>`emails @> ARRAY[${emailOf.get(pack.customer) ?? ''}]::text[]`)
      .executeTakeFirstOrThrow();
    await addPrepaidPackage(db, {
      external_id: `demo-package-${pack.customer}`,
      customer_id: customer.id,
      name: pack.name,
      sessions_bought: pack.sessionsBought,
      sessions_used: pack.sessionsUsed,
      price_minor: minorOf(pack.price, pack.currency),
      currency: pack.currency,
      bought_at: daysAgo(pack.boughtDaysAgo),
      expires_at: pack.expiresInDays === undefined ? null : daysAgo(-pack.expiresInDays),
    });
  }
}

interface SeedContext {
  customer: DemoData['customers'][number];
  staff: Record<StaffKey, Actor>;
  integration: Actor;
  now: Date;
}

async function seedCase(db: Db, demoCase: DemoCase, ctx: SeedContext): Promise<void> {
  const start = ctx.now.getTime() - demoCase.daysAgo * DAY_MS;
  let last = start - 1;
  // Entries keep their order and never land in the future, whatever the data says.
  const at = (after: number) => {
    last = Math.min(Math.max(start + after * HOUR_MS, last + 60_000), ctx.now.getTime() - 60_000);
    return new Date(last);
  };
  const assignee = demoCase.assignee ? ctx.staff[demoCase.assignee] : undefined;
  const [first, ...rest] = demoCase.steps;
  const opensWithMessage = first !== undefined && 'kind' in first && first.kind === 'inbound';
  const openedAt = at(first?.after ?? 0);
  const created = await createCase(
    db,
    inboundActor(demoCase, ctx),
    {
      customer: {
        name: ctx.customer.name,
        email: ctx.customer.email,
        phone: ctx.customer.phone,
        language: ctx.customer.language,
      },
      channel: demoCase.channel,
      subject: demoCase.subject,
      ...(opensWithMessage ? { message: { body: first.body } } : {}),
    },
    openedAt,
  );
  if (assignee && assignee.kind === 'user') {
    await updateCase(db, ctx.staff.supervisor, created.id, { assignee: assignee.id }, at(0.05));
  }
  for (const step of opensWithMessage ? rest : demoCase.steps) {
    await seedStep(db, created.id, demoCase, step, at(step.after), ctx);
  }
  if (demoCase.status || demoCase.fault || demoCase.stage) {
    await updateCase(
      db,
      assignee ?? ctx.staff.supervisor,
      created.id,
      {
        ...(demoCase.status ? { status: demoCase.status } : {}),
        ...(demoCase.fault ? { fault: demoCase.fault } : {}),
        ...(demoCase.stage ? { stage: demoCase.stage } : {}),
      },
      at(last === start ? 1 : (last - start) / HOUR_MS + 0.5),
    );
  }
}

function inboundActor(demoCase: DemoCase, ctx: SeedContext, by?: StaffKey): Actor {
  if (by) return ctx.staff[by];
  if (demoCase.channel === 'phone' || demoCase.channel === 'visit') {
    return ctx.staff[demoCase.assignee ?? 'agent1'];
  }
  return ctx.integration;
}

async function seedStep(
  db: Db,
  caseId: string,
  demoCase: DemoCase,
  step: DemoStep,
  when: Date,
  ctx: SeedContext,
): Promise<void> {
  if ('kind' in step) {
    const actor =
      step.kind === 'inbound'
        ? inboundActor(demoCase, ctx, step.by)
        : ctx.staff[step.by ?? demoCase.assignee ?? 'agent1'];
    await addInteraction(db, actor, caseId, { kind: step.kind, body: step.body }, when);
  } else if ('compensation' in step) {
    const { kind, amount, currency, statutory, note } = step.compensation;
    const proposed = await proposeCompensation(
      db,
      ctx.staff[step.by],
      caseId,
      { kind, amount, currency, statutory: statutory ?? false, note },
      when,
    );
    const supervisor = ctx.staff.supervisor;
    if (step.decision === 'reject') {
      await decideCompensation(db, supervisor, proposed.id, { decision: 'reject' }, when);
    } else if (step.decision) {
      if (proposed.status === 'proposed') {
        await decideCompensation(db, supervisor, proposed.id, { decision: 'approve' }, when);
      }
      if (step.decision === 'issue') {
        await decideCompensation(db, supervisor, proposed.id, { decision: 'issue' }, when);
      }
    }
  } else if ('commitments' in step) {
    const open = await db
      .selectFrom('commitments')
      .select('id')
      .where('case_id', '=', caseId)
      .where('status', '=', 'open')
      .execute();
    for (const { id } of open) await setCommitmentStatus(db, ctx.staff[step.by], id, step.commitments, when);
  } else {
    await updateCase(db, ctx.staff[step.by], caseId, { escalate: true }, when);
  }
}

/** A demo amount in minor units; the demo data is ours, so an amount that does not fit is a bug. */
function minorOf(amount: number, currency: string): number {
  const read = toMinor(amount, currency);
  if ('problem' in read) throw new Error(`demo amount ${amount} ${currency} ${read.problem}`);
  return read.minor;
}
