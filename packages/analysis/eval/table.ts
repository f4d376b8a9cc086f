/** Prints tables as aligned text, or as Markdown with `--markdown` (for the README). */
export type Cell = string | number;

export function renderTable(
  title: string,
  header: readonly string[],
  rows: readonly Cell[][],
  markdown: boolean,
): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  if (markdown) {
    const line = (row: readonly string[]) => `| ${row.join(' | ')} |`;
    return [
      `**${title}**`,
      '',
      line(header),
      line(header.map(() => '---')),
      ...cells.slice(1).map(line),
      '',
    ].join('\n');
  }
  const widths = header.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  const pad = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `\n${title}`,
    pad(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.slice(1).map(pad),
  ].join('\n');
}
