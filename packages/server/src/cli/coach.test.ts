import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.test-helper.ts';

describe('calmdesk coach', () => {
  it('prints a readable coaching of one draft', async () => {
    const result = await runCli(['coach', '--lang', 'pl', 'Nie ma Pan racji.']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^score\s+\d+\/100$/m);
    expect(result.stdout).toContain('arguing');
  });

  it('streams JSON lines with context, answering bad lines with an error', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Teil ei ole õigus.', lang: 'et' }),
      JSON.stringify({ id: 'b', text: 'To nasza wina.', lang: 'pl', context: { fault: 'customer' } }),
      JSON.stringify({ id: 'c', text: 'hi', context: 'nope' }),
      '{"id": "d"}',
    ].join('\n');
    const result = await runCli(['coach', '--jsonl'], `${input}\n`);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(result.code).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(lines[0].findings.map((f: { rule: string }) => f.rule)).toContain('arguing');
    expect(lines[1].advice.map((a: { rule: string }) => a.rule)).toContain('liability');
    expect(lines[2].error).toMatch(/"context" must be an object/);
    expect(lines[3].error).toMatch(/missing "text"/);
    for (const key of ['lang', 'score', 'findings', 'has', 'missing']) expect(lines[0]).toHaveProperty(key);
  });
});
