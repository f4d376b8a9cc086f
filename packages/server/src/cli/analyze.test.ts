import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.test-helper.ts';

describe('calmdesk analyze', () => {
  it('prints a readable summary of one message', async () => {
    const result = await runCli(['analyze', 'Jesteście złodziejami, oddajcie kasę!']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^language\s+pl$/m);
    expect(result.stdout).toMatch(/^level\s+hostile/m);
    expect(result.stdout).toContain('insult');
  });

  it('prints the analysis as JSON with --json', async () => {
    const result = await runCli(['analyze', '--json', '--lang', 'en', 'thanks for nothing']);
    const analysis = JSON.parse(result.stdout);
    expect(analysis).toMatchObject({ lang: 'en', truncated: false });
    expect(analysis.flags).not.toContain('gratitude');
  });

  it('streams JSON lines in order, answering bad lines with an error and going on', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Kurwa, gdzie paczka?' }),
      'not json',
      JSON.stringify({ id: 7, text: 42 }),
      JSON.stringify({ text: 'Aitäh!', lang: 'et' }),
      JSON.stringify({ id: 'x', text: 'hi there', lang: 'de' }),
      '',
      JSON.stringify({ id: 'last', text: 'You morons!' }),
    ].join('\n');
    const result = await runCli(['analyze', '--jsonl'], `${input}\n`);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 7, 4, 'x', 6, 'last']);
    expect(lines[0]).toMatchObject({ lang: 'pl', flags: expect.arrayContaining(['profanity']) });
    expect(lines[1].error).toMatch(/not valid JSON/);
    expect(lines[2].error).toMatch(/"text" must be a string/);
    expect(lines[3]).toMatchObject({ lang: 'et', flags: ['gratitude'] });
    expect(lines[4].error).toMatch(/"lang" must be one of pl, et, en/);
    expect(lines[5].error).toMatch(/empty/);
    expect(lines[6]).toMatchObject({ level: 'hostile' });
    for (const key of ['lang', 'level', 'anger', 'flags', 'issues', 'problems', 'evidence', 'truncated']) {
      expect(lines[0]).toHaveProperty(key);
    }
  });

  it('refuses a wrong --lang with exit code 2 naming it', async () => {
    const result = await runCli(['analyze', '--lang', 'xx', 'hello']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lang must be one of pl, et, en');
  });
});
