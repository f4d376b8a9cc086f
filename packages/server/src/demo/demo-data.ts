import { readFileSync } from 'node:fs';
import { CurrencySchema } from '@calmdesk/contracts';
import {
  ADDRESS_FORMS,
  CASE_STATUSES,
  CHANNELS,
  COMPENSATION_KINDS,
  FAULTS,
  INTERACTION_KINDS,
  LANGS,
  ROLES,
} from '@calmdesk/contracts/enums';
import { z } from 'zod';
import { packageFile } from '../package-root.ts';

const StaffKey = z.enum(['owner', 'supervisor', 'agent1', 'agent2']);
export type StaffKey = z.infer<typeof StaffKey>;

const StaffSchema = z.strictObject({
  key: StaffKey,
  name: z.string(),
  email: z.email(),
  role: z.enum(ROLES),
  signature: z.string().optional(),
});

const CustomerSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  email: z.email().optional(),
  phone: z.string().optional(),
  language: z.enum(LANGS),
  addressForm: z.enum(ADDRESS_FORMS).optional(),
  tags: z.array(z.string()).optional(),
  notes: z.string().optional(),
});

/** Hours after the case opened; an entry never lands in the future (the seed clamps it). */
const After = z.number().min(0);

const MessageStep = z.strictObject({
  after: After,
  kind: z.enum(INTERACTION_KINDS),
  /** Who typed it; inbound e-mail, web, chat and review messages arrive through the mail import. */
  by: StaffKey.optional(),
  body: z.string().min(1),
});

const CompensationStep = z.strictObject({
  after: After,
  by: StaffKey,
  compensation: z.strictObject({
    kind: z.enum(COMPENSATION_KINDS),
    amount: z.number().optional(),
    currency: CurrencySchema.optional(),
    statutory: z.boolean().optional(),
    note: z.string().optional(),
  }),
  /** A later decision by a supervisor or owner: approve a held refund, or mark it issued. */
  decision: z.enum(['approve', 'issue', 'reject']).optional(),
});

const CommitmentsStep = z.strictObject({
  after: After,
  by: StaffKey,
  /** Marks every open commitment of the case so far. */
  commitments: z.enum(['kept', 'missed']),
});

const EscalateStep = z.strictObject({ after: After, by: StaffKey, escalate: z.literal(true) });

const StepSchema = z.union([MessageStep, CompensationStep, CommitmentsStep, EscalateStep]);
export type DemoStep = z.infer<typeof StepSchema>;

const CaseSchema = z.strictObject({
  customer: z.string(),
  channel: z.enum(CHANNELS),
  subject: z.string().min(1),
  /** When the case opened, in days before the seed runs. */
  daysAgo: z.number().min(0),
  assignee: StaffKey.optional(),
  fault: z.enum(FAULTS).optional(),
  /** The status at the end; left out, it is what the log made it (new, open, waiting_customer). */
  status: z.enum(CASE_STATUSES).exclude(['new']).optional(),
  stage: z.string().optional(),
  steps: z.array(StepSchema).min(1),
});
export type DemoCase = z.infer<typeof CaseSchema>;

const SettingsSchema = z.strictObject({
  name: z.string(),
  timeZone: z.string(),
  currency: CurrencySchema,
  cashRefundLimit: z.number(),
});

/** Visits at a fixed interval, oldest first; a cancelled one is cancelled days ahead, a late one hours ahead. */
const BookingSeriesSchema = z.strictObject({
  customer: z.string(),
  service: z.string(),
  staff: z.string(),
  firstDaysAgo: z.number().min(0),
  everyDays: z.number().positive(),
  statuses: z.array(z.enum(['booked', 'attended', 'cancelled', 'late_cancelled', 'no_show'])).min(1),
  deposit: z.number().positive().optional(),
});

/** An invoice, or `repeat` of them `everyDays` apart; without paidAfterDays it is unpaid. */
const InvoiceSchema = z.strictObject({
  customer: z.string(),
  amount: z.number().positive(),
  currency: CurrencySchema,
  issuedDaysAgo: z.number().min(0),
  dueAfterDays: z.number().min(0),
  paidAfterDays: z.number().min(0).optional(),
  repeat: z.number().int().min(1).optional(),
  everyDays: z.number().positive().optional(),
});

const PackageSchema = z.strictObject({
  customer: z.string(),
  name: z.string(),
  sessionsBought: z.number().int().min(1),
  sessionsUsed: z.number().int().min(0),
  price: z.number().min(0),
  currency: CurrencySchema,
  boughtDaysAgo: z.number().min(0),
  expiresInDays: z.number().optional(),
});

const ProfilesSchema = z.strictObject({
  bookingSeries: z.array(BookingSeriesSchema),
  invoices: z.array(InvoiceSchema),
  packages: z.array(PackageSchema),
});
export type DemoProfiles = z.infer<typeof ProfilesSchema>;

/** A saved reply: shared with the team, or one staff member's own when `owner` names them. */
const ReplySchema = z.strictObject({
  lang: z.enum(LANGS),
  title: z.string().min(1),
  body: z.string().min(1),
  owner: StaffKey.optional(),
});
export type DemoReply = z.infer<typeof ReplySchema>;

export interface DemoData {
  settings: z.infer<typeof SettingsSchema>;
  staff: Array<z.infer<typeof StaffSchema>>;
  customers: Array<z.infer<typeof CustomerSchema>>;
  cases: DemoCase[];
  /** Bookings, invoices and prepaid packages for the profile, boundary and analytics pages. */
  profiles: DemoProfiles;
  replies: DemoReply[];
}

const CASE_FILES = ['cases-pl.json', 'cases-et.json', 'cases-en.json'];

function readData<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const text = readFileSync(packageFile(`src/demo/content/${file}`), 'utf8');
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`demo data ${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The demo organisation as written in `content/`: checked, and every case's customer exists. */
export function loadDemoData(): DemoData {
  const org = readData(
    'organisation.json',
    z.strictObject({ settings: SettingsSchema, staff: z.array(StaffSchema) }),
  );
  const customers = readData('customers.json', z.array(CustomerSchema));
  const cases = CASE_FILES.flatMap((file) => readData(file, z.array(CaseSchema)));
  const keys = new Set(customers.map((c) => c.key));
  for (const c of cases) {
    if (!keys.has(c.customer))
      throw new Error(`demo case "${c.subject}" names unknown customer ${c.customer}`);
  }
  const profiles = readData('profiles.json', ProfilesSchema);
  for (const entry of [...profiles.bookingSeries, ...profiles.invoices, ...profiles.packages]) {
    const customer = customers.find((c) => c.key === entry.customer);
    if (!customer) throw new Error(`demo profiles name unknown customer ${entry.customer}`);
    // Bookings and invoices are imported, and the import finds their customer by e-mail.
    if (!customer.email) throw new Error(`demo profiles need an e-mail for customer ${entry.customer}`);
  }
  const replies = readData('replies.json', z.array(ReplySchema));
  return { settings: org.settings, staff: org.staff, customers, cases, profiles, replies };
}
