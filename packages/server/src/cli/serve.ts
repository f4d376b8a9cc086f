import { loadConfig } from '../config.ts';
import { startServer } from '../server.ts';
import type { Command } from './main.ts';
import { parseCommandArgs } from './main.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the CalmDesk server (default port 3000)',
  async run(args) {
    const { values } = parseCommandArgs(args, {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      console.log('Usage: calmdesk serve [--data DIR] [--port N] [--host H]');
      return 0;
    }
    const config = loadConfig(process.env, { dataDir: values.data, port: values.port, host: values.host });
    const server = await startServer(config);
    console.log(
      `CalmDesk is running on ${server.url} (${server.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
    );
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void server.close().then(() => process.exit(0));
      });
    }
    return await new Promise<number>(() => {});
  },
};
