import { type Kysely, sql } from 'kysely';

/**
 * Money as whole minor units (bigint) with a checked ISO 4217 currency on every amount, converted from
 * the numeric(12,2) columns exactly: a row whose amount is not a whole number of its currency's minor
 * unit, or whose currency is not a known code, stops the migration with the rows named (nothing is
 * rounded or guessed). Amounts that had no currency get the organisation's. Also the index the audit
 * view's per-target filter needs.
 *
 * The currency list is frozen here as of this migration (code:exponent, ISO 4217 list one in 2026);
 * contracts' iso-4217.ts is the list the code uses, and a test keeps the two equal.
 */
const CURRENCIES =
  'AED:2 AFN:2 ALL:2 AMD:2 AOA:2 ARS:2 AUD:2 AWG:2 AZN:2 BAM:2 BBD:2 BDT:2 BGN:2 BHD:3 BIF:0 BMD:2 ' +
  'BND:2 BOB:2 BOV:2 BRL:2 BSD:2 BTN:2 BWP:2 BYN:2 BZD:2 CAD:2 CDF:2 CHE:2 CHF:2 CHW:2 CLF:4 CLP:0 ' +
  'CNY:2 COP:2 COU:2 CRC:2 CUP:2 CVE:2 CZK:2 DJF:0 DKK:2 DOP:2 DZD:2 EGP:2 ERN:2 ETB:2 EUR:2 FJD:2 ' +
  'FKP:2 GBP:2 GEL:2 GHS:2 GIP:2 GMD:2 GNF:0 GTQ:2 GYD:2 HKD:2 HNL:2 HTG:2 HUF:2 IDR:2 ILS:2 INR:2 ' +
  'IQD:3 IRR:2 ISK:0 JMD:2 JOD:3 JPY:0 KES:2 KGS:2 KHR:2 KMF:0 KPW:2 KRW:0 KWD:3 KYD:2 KZT:2 LAK:2 ' +
  'LBP:2 LKR:2 LRD:2 LSL:2 LYD:3 MAD:2 MDL:2 MGA:2 MKD:2 MMK:2 MNT:2 MOP:2 MRU:2 MUR:2 MVR:2 MWK:2 ' +
  'MXN:2 MXV:2 MYR:2 MZN:2 NAD:2 NGN:2 NIO:2 NOK:2 NPR:2 NZD:2 OMR:3 PAB:2 PEN:2 PGK:2 PHP:2 PKR:2 ' +
  'PLN:2 PYG:0 QAR:2 RON:2 RSD:2 RUB:2 RWF:0 SAR:2 SBD:2 SCR:2 SDG:2 SEK:2 SGD:2 SHP:2 SLE:2 SOS:2 ' +
  'SRD:2 SSP:2 STN:2 SVC:2 SYP:2 SZL:2 THB:2 TJS:2 TMT:2 TND:3 TOP:2 TRY:2 TTD:2 TWD:2 TZS:2 UAH:2 ' +
  'UGX:0 USD:2 USN:2 UYI:0 UYU:2 UYW:4 UZS:2 VED:2 VES:2 VND:0 VUV:0 WST:2 XAF:0 XCD:2 XCG:2 XOF:0 ' +
  'XPF:0 YER:2 ZAR:2 ZMW:2 ZWG:2';

const currencies = CURRENCIES.split(' ').map((pair) => {
  const [code = '', exponent = ''] = pair.split(':');
  return { code, exponent: Number(exponent) };
});

/** Where each amount lives before and after, and which currency column says what it is in. */
const AMOUNTS = [
  { table: 'invoices', from: 'amount', to: 'amount_minor', currency: 'currency', required: true },
  { table: 'compensations', from: 'amount', to: 'amount_minor', currency: 'currency', required: false },
  { table: 'prepaid_packages', from: 'price', to: 'price_minor', currency: 'currency', required: false },
  {
    table: 'bookings',
    from: 'deposit_amount',
    to: 'deposit_minor',
    currency: 'deposit_currency',
    required: false,
  },
] as const;

/** The ISO exponent of a currency code expression: two unless listed otherwise. */
const exponentOf = (code: string) =>
  `CASE ${code} ${currencies
    .filter((c) => c.exponent !== 2)
    .map((c) => `WHEN '${c.code}' THEN ${c.exponent}`)
    .join(' ')} ELSE 2 END`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(db);
  const organisation = await organisationCurrency(db);
  await run(
    `CREATE DOMAIN currency_code AS text CHECK (VALUE IN (${currencies.map((c) => `'${c.code}'`).join(', ')}))`,
  );
  await run('ALTER TABLE bookings ADD COLUMN deposit_currency text');
  await run('DROP INDEX invoices_paid');
  for (const a of AMOUNTS) {
    // What each amount is in: its own code tidied, else the organisation's; nothing without an amount.
    const code = `CASE WHEN ${a.from} IS NULL THEN NULL ELSE coalesce(upper(btrim(${a.currency})), '${organisation}') END`;
    await refuseUnknownCurrencies(db, a.table, a.currency, code);
    await refuseInexactAmounts(db, a.table, a.from, code);
    // One rewrite of the table: both USING expressions read the row as it was.
    await run(
      `ALTER TABLE ${a.table}
        ALTER COLUMN ${a.from} TYPE bigint USING (${a.from} * 10::numeric ^ ${exponentOf(code)})::bigint,
        ALTER COLUMN ${a.currency} TYPE currency_code USING ${code}`,
    );
    await run(`ALTER TABLE ${a.table} RENAME COLUMN ${a.from} TO ${a.to}`);
    if (a.required) {
      await run(
        `ALTER TABLE ${a.table} ALTER COLUMN ${a.to} SET NOT NULL, ALTER COLUMN ${a.currency} SET NOT NULL`,
      );
    } else {
      await run(
        `ALTER TABLE ${a.table} ADD CHECK (${a.to} >= 0), ADD CHECK ((${a.to} IS NULL) = (${a.currency} IS NULL))`,
      );
    }
  }
  await run(
    'CREATE INDEX invoices_paid ON invoices (paid_at) INCLUDE (customer_id, amount_minor, currency) WHERE paid_at IS NOT NULL',
  );
  await run('CREATE INDEX audit_log_by_target ON audit_log (target_id, id DESC)');
}

/** The organisation's currency (the settings' default, PLN, when it has none): written into SQL, so checked. */
async function organisationCurrency(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ code: string | null }>`
    SELECT upper(btrim(compensation_policy->>'currency')) AS code FROM organisation WHERE id = 1`.execute(db);
  const code = rows[0]?.code ?? 'PLN';
  if (!currencies.some((c) => c.code === code)) {
    throw new Error(
      `the organisation's currency '${code}' is not an ISO 4217 code; correct it and start again`,
    );
  }
  return code;
}

async function refuseUnknownCurrencies(
  db: Kysely<unknown>,
  table: string,
  column: string,
  code: string,
): Promise<void> {
  const known = currencies.map((c) => `'${c.code}'`).join(', ');
  const { rows } = await sql<{ code: string; n: number }>`
    SELECT code, count(*)::int AS n FROM (SELECT ${sql.raw(code)} AS code FROM ${sql.table(table)}) AS t
    WHERE code IS NOT NULL AND code NOT IN (${sql.raw(known)})
    GROUP BY 1 ORDER BY 1`.execute(db);
  if (rows.length === 0) return;
  const found = rows.map((r) => `'${r.code}' (${r.n} rows)`).join(', ');
  throw new Error(
    `${table}.${column} holds codes that are not ISO 4217 currencies: ${found}; correct them and start again`,
  );
}

async function refuseInexactAmounts(
  db: Kysely<unknown>,
  table: string,
  amount: string,
  code: string,
): Promise<void> {
  const { rows } = await sql<{ id: string; amount: string; code: string }>`
    SELECT id, amount::text, code FROM (
      SELECT id, ${sql.ref(amount)} AS amount, ${sql.raw(code)} AS code FROM ${sql.table(table)}
    ) AS t
    WHERE amount <> round(amount, ${sql.raw(exponentOf('code'))})
    ORDER BY id LIMIT 5`.execute(db);
  if (rows.length === 0) return;
  const found = rows.map((r) => `${r.id} (${r.amount} ${r.code})`).join(', ');
  throw new Error(
    `${table}.${amount} has amounts finer than their currency's minor unit: ${found}; correct them and start again`,
  );
}
