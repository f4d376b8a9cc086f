import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const ConfigSchema = z
  .object({
    /** Folder of the embedded PGlite database; ignored when databaseUrl is set. */
    dataDir: z.string().min(1),
    /** PostgreSQL connection string; when set, CalmDesk uses that server instead of PGlite. */
    databaseUrl: z.string().url().optional(),
    /** PostgreSQL only: the schema to work in (created when missing), so several instances or test runs can share one database. */
    databaseSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
      .optional(),
    /**
     * PostgreSQL only: the most connections this process opens for its requests and jobs (it opens one
     * more to listen for live events). Several processes share the database's budget.
     */
    databasePoolSize: z.coerce.number().int().min(1).max(500),
    /** TCP port of the HTTP server. */
    port: z.coerce.number().int().min(0).max(65535),
    /** Interface to listen on; 127.0.0.1 keeps CalmDesk private to this machine. */
    host: z.string().min(1),
    /**
     * Behind a reverse proxy: which hops' X-Forwarded-For / -Proto to believe (Fastify's `trustProxy`):
     * `true` (every hop) or the proxies' addresses and CIDR ranges, separated by commas. Unset: none,
     * so a client cannot pose as another address or as HTTPS.
     */
    trustProxy: z
      .union([
        z.literal(true),
        z.string().refine((list) => list.split(',').every(isProxyAddress), {
          message: 'true, or IP addresses and CIDR ranges separated by commas (127.0.0.1,10.0.0.0/8)',
        }),
      ])
      .optional(),
    /** How often the deadlines are swept for missed ones and promises due (escalation, reminders): one run per interval, by one of the server processes. */
    sweepIntervalMs: z.coerce.number().int().min(100).max(3_600_000),
    /**
     * How long a background job claimed by a process is left to it before another process takes it: a
     * process that died is noticed after this long. Renewed while the job runs.
     */
    jobLeaseMs: z.coerce.number().int().min(1_000).max(3_600_000),
    /** Log level of pino. */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    /** `pretty`: readable lines for people; `json`: one JSON object a line, for log collectors. */
    logFormat: z.enum(['pretty', 'json']),
    /** TCP port of the inbound SMTP listener (an MX for the mailboxes' addresses); none when unset. */
    smtpPort: z.coerce.number().int().min(0).max(65535).optional(),
    /** Interface the SMTP listener listens on; 0.0.0.0 to take mail from the internet. */
    smtpHost: z.string().min(1),
    /** The largest message the SMTP listener takes, in bytes (announced as SIZE; over it: 552). */
    smtpMaxBytes: z.coerce.number().int().min(1024),
    /** PEM key and certificate files: with both, the listener offers STARTTLS; without, it does not. */
    smtpTlsKey: z.string().min(1).optional(),
    smtpTlsCert: z.string().min(1).optional(),
    /** The Ed25519 key that signs checkpoints of the logs; kept outside the database folder. */
    checkpointKey: z.string().min(1),
    /** The public key a checkpoint must be signed with; the signing key's public half when unset. */
    checkpointPublicKey: z.string().min(1).optional(),
    /** Where `serve` writes a signed checkpoint each day; unset: no daily checkpoint. */
    checkpointDir: z.string().min(1).optional(),
  })
  .refine((c) => (c.smtpTlsKey === undefined) === (c.smtpTlsCert === undefined), {
    message: 'SMTP_TLS_KEY and SMTP_TLS_CERT go together',
    path: ['smtpTlsCert'],
  });
/**
 * 40 MiB: a 25 MB attachment (the largest kept, parse-mail.ts) grows by a third in base64, and the
 * headers and text come on top.
 */
export const DEFAULT_SMTP_MAX_BYTES = 40 * 1024 * 1024;

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

interface Overrides {
  dataDir?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
  smtpPort?: string | undefined;
  smtpHost?: string | undefined;
  checkpointKey?: string | undefined;
  checkpointPublicKey?: string | undefined;
  /** Whether the logs go to a terminal: the default LOG_FORMAT is then `pretty`, otherwise `json`. */
  isTerminal?: boolean | undefined;
}

/** Reads configuration once: command-line overrides win over environment variables, which win over defaults. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Overrides = {}): Config {
  const parsed = ConfigSchema.safeParse({
    dataDir: resolve(overrides.dataDir ?? env.CALMDESK_DATA ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    databasePoolSize: env.DATABASE_POOL_SIZE || 10,
    port: overrides.port ?? env.PORT ?? 3000,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    sweepIntervalMs: env.SWEEP_INTERVAL_MS || 60_000,
    jobLeaseMs: env.JOB_LEASE_MS || 30_000,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: env.LOG_FORMAT || ((overrides.isTerminal ?? process.stdout.isTTY) ? 'pretty' : 'json'),
    smtpPort: overrides.smtpPort ?? (env.SMTP_LISTEN_PORT || undefined),
    smtpHost: overrides.smtpHost ?? env.SMTP_LISTEN_HOST ?? '127.0.0.1',
    smtpMaxBytes: env.SMTP_MAX_MESSAGE_BYTES || DEFAULT_SMTP_MAX_BYTES,
    smtpTlsKey: env.SMTP_TLS_KEY || undefined,
    smtpTlsCert: env.SMTP_TLS_CERT || undefined,
    checkpointKey: resolve(overrides.checkpointKey ?? (env.CHECKPOINT_KEY || defaultCheckpointKey(env))),
    checkpointPublicKey: optionalPath(overrides.checkpointPublicKey ?? env.CHECKPOINT_PUBLIC_KEY),
    checkpointDir: optionalPath(env.CHECKPOINT_DIR),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return Object.freeze(parsed.data);
}

export class ConfigError extends Error {}

/** The owner's configuration folder (XDG), never the database folder. */
function defaultCheckpointKey(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(configHome, 'calmdesk', 'checkpoint-key.pem');
}

function optionalPath(path: string | undefined): string | undefined {
  return path ? resolve(path) : undefined;
}

/** What Fastify's trustProxy takes in its list: an address, a CIDR range or a named range. */
function isProxyAddress(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.trim().split('/');
  if (rest.length > 0) return false;
  if (bits === undefined) return isIP(address) !== 0 || NAMED_RANGES.has(address);
  const maxBits = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : 0;
  return /^\d{1,3}$/.test(bits) && maxBits > 0 && Number(bits) <= maxBits;
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyOf(value: string | undefined): true | string | undefined {
  if (!value || value === 'false') return undefined;
  return value === 'true' ? true : value;
}
