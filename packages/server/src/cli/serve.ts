import { type Config, loadConfig } from '../config.ts';
import { type DemoResult, seedDemo } from '../demo/seed-demo.ts';
import { startMailPolling } from '../mail/mail-poller.ts';
import { DELIVER_MAIL_JOB, type OutboxDelivery, outboxDelivery } from '../mail/outbox-sender.ts';
import { onQueuedMail } from '../mail/outbox-signal.ts';
import { startSmtpListener } from '../mail/smtp-listener.ts';
import { notificationMailJob } from '../notifications/notification-mail.ts';
import { type RunningServer, startServer } from '../server.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIo, type Command, writeLine } from './command.ts';

const USAGE =
  'Usage: calmdesk serve [--data DIR] [--port N] [--host H] [--smtp-port N] [--smtp-host H] [--no-demo]';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the CalmDesk server (default port 3000; seeds a demo on an empty database)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'smtp-port': { type: 'string' },
      'smtp-host': { type: 'string' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      writeLine(io.stdout, USAGE);
      writeLine(
        io.stdout,
        '  --no-demo  start empty instead of seeding the demo organisation on a database without users',
      );
      writeLine(
        io.stdout,
        '  --smtp-port N, --smtp-host H  also receive mail by SMTP (as the MX of the mailboxes; host default 127.0.0.1)',
      );
      return 0;
    }
    const config = loadConfig(io.env, {
      dataDir: values.data,
      port: values.port,
      host: values.host,
      smtpPort: values['smtp-port'],
      smtpHost: values['smtp-host'],
    });
    const server = await startServing(config, { demo: !values['no-demo'] }, io);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void server.close().then(() => process.exit(0));
      });
    }
    return await new Promise<number>(() => {});
  },
};

/**
 * Starts the server as `calmdesk serve` does (seeding the demo on an empty database when asked) and
 * prints where it runs; the caller decides when it stops.
 */
export async function startServing(
  config: Config,
  options: { demo: boolean },
  io: CliIo,
): Promise<RunningServer> {
  let demo: DemoResult | undefined;
  let outbox: OutboxDelivery | undefined;
  const server = await startServer(config, {
    prepare: options.demo
      ? async (db) => {
          demo = await seedDemo(db);
        }
      : undefined,
    // Mail is delivered, and notifications mailed, by background jobs of `serve` only.
    jobs: (db, log) => {
      outbox = outboxDelivery(db, { log });
      return [outbox.job, notificationMailJob(db, () => new Date())];
    },
  });
  // A mail queued by this process leaves at once rather than at the next delivery slot.
  const unsubscribe = onQueuedMail(() => {
    server.jobs
      .kick(DELIVER_MAIL_JOB)
      .catch((error) => server.app.log.warn({ err: error }, 'could not start the mail delivery'));
  });
  if (demo?.seeded) writeLine(io.stdout, demoText(demo));
  writeLine(
    io.stdout,
    `CalmDesk is running on ${server.url} (${server.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
  );
  // The mailboxes are read while the server runs, each by its own long-lived loop (IMAP IDLE holds a
  // connection, which a job cannot); closing stops them first, so no mail is half taken.
  const mail = startMailPolling(server.database.db, { log: server.app.log });
  const stop = async () => {
    unsubscribe();
    await mail.stop();
    await server.close();
    outbox?.close();
  };
  const smtp =
    config.smtpPort === undefined
      ? null
      : await startSmtpListener(server.database.db, {
          host: config.smtpHost,
          port: config.smtpPort,
          maxBytes: config.smtpMaxBytes,
          tls:
            config.smtpTlsKey && config.smtpTlsCert
              ? { keyFile: config.smtpTlsKey, certFile: config.smtpTlsCert }
              : undefined,
          log: server.app.log,
        }).catch(async (error: unknown) => {
          await stop();
          throw error;
        });
  if (smtp) writeLine(io.stdout, `Receiving mail by SMTP on ${smtp.host}:${smtp.port}`);
  return {
    ...server,
    close: async () => {
      await smtp?.stop();
      await stop();
    },
  };
}

function demoText(demo: DemoResult): string {
  const owner = demo.accounts.find((a) => a.role === 'owner');
  const lines = [
    '',
    `Seeded a demo organisation: ${demo.customers} customers, ${demo.cases} cases.`,
    'Sign in with one of these accounts; the passwords are shown only this once:',
    ...demo.accounts.map((a) => `  ${a.role.padEnd(10)}  ${a.email.padEnd(28)}  ${a.password}`),
    owner ? `(add more staff with: calmdesk user add --email E --password P --role agent)` : '',
    '',
  ];
  return lines.join('\n');
}
