import { loadConfig } from '../config.ts';
import { type DemoResult, seedDemo } from '../demo/seed-demo.ts';
import { startMailPolling } from '../mail/mail-poller.ts';
import { startServer } from '../server.ts';
import type { Command } from './main.ts';
import { parseCommandArgs } from './main.ts';

const USAGE = 'Usage: calmdesk serve [--data DIR] [--port N] [--host H] [--no-demo]';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the CalmDesk server (default port 3000; seeds a demo on an empty database)',
  async run(args) {
    const { values } = parseCommandArgs(args, {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      console.log(USAGE);
      console.log(
        '  --no-demo  start empty instead of seeding the demo organisation on a database without users',
      );
      return 0;
    }
    const config = loadConfig(process.env, { dataDir: values.data, port: values.port, host: values.host });
    let demo: DemoResult | undefined;
    const server = await startServer(config, {
      prepare: values['no-demo']
        ? undefined
        : async (db) => {
            demo = await seedDemo(db);
          },
    });
    if (demo?.seeded) printDemo(demo);
    console.log(
      `CalmDesk is running on ${server.url} (${server.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
    );
    const mail = startMailPolling(server.database.db, { log: server.app.log });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void mail
          .stop()
          .then(() => server.close())
          .then(() => process.exit(0));
      });
    }
    return await new Promise<number>(() => {});
  },
};

function printDemo(demo: DemoResult): void {
  const owner = demo.accounts.find((a) => a.role === 'owner');
  const lines = [
    '',
    `Seeded a demo organisation: ${demo.customers} customers, ${demo.cases} cases.`,
    'Sign in with one of these accounts; the passwords are shown only this once:',
    ...demo.accounts.map((a) => `  ${a.role.padEnd(10)}  ${a.email.padEnd(28)}  ${a.password}`),
    owner ? `(add more staff with: calmdesk user add --email E --password P --role agent)` : '',
    '',
  ];
  console.log(lines.join('\n'));
}
