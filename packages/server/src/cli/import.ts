import type { Command } from './main.ts';
import { UsageError } from './main.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'import customers|bookings|invoices FILE.csv (or bookings FILE.ics): idempotent by external id',
  async run() {
    throw new UsageError('import is not built yet');
  },
};
