import { describe, expect, it } from 'vitest';
import { commandIndex } from './command-index.ts';

describe('the command index', () => {
  it.each(commandIndex.map((entry) => [entry.name, entry] as const))(
    'loads the %s command under the name and summary it lists',
    async (_name, entry) => {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    },
  );
});
