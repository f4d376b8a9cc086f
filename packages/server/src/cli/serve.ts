import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
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
    const config = loadConfig(process.env, {
      dataDir: values.data,
      port: values.port,
      host: values.host,
    });
    const app = await buildApp(config);
    await app.listen({ port: config.port, host: config.host });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void app.close().then(() => process.exit(0));
      });
    }
    return await new Promise<number>(() => {});
  },
};
