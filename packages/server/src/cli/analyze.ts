import { type Analysis, analyzeMessage } from '@calmdesk/analysis';
import { parseCommandArgs, UsageError } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { JsonlInputError, processJsonl, requireText } from './jsonl.ts';
import { parseLang } from './lang-option.ts';

const HELP = `Usage:
  calmdesk analyze "text" [--lang pl|et|en] [--json]
  calmdesk analyze --jsonl < messages.jsonl

Analyses customer messages: language, anger level and score, flags with evidence, problems.
  --json    print the analysis as JSON
  --jsonl   read {"id", "text", "lang"?} lines from stdin, write {"id", …analysis} lines
  --lang    fix the language instead of detecting it`;

export function formatAnalysis(analysis: Analysis): string {
  const lines = [
    `language  ${analysis.lang}`,
    `level     ${analysis.level} (anger ${analysis.anger.toFixed(2)})`,
    `flags     ${analysis.flags.join(', ') || '—'}`,
    `problems  ${analysis.problems.map((p) => p.category).join(', ') || '—'}`,
  ];
  for (const e of analysis.evidence) lines.push(`  ${e.flag.padEnd(20)} "${e.text}"  [${e.rule}]`);
  if (analysis.truncated) lines.push('(long message: only its beginning was analysed)');
  return lines.join('\n');
}

function analyzeLine(input: Record<string, unknown>) {
  const text = requireText(input);
  let lang: ReturnType<typeof parseLang>;
  try {
    lang = parseLang(input.lang, '"lang"');
  } catch (error) {
    throw new JsonlInputError((error as Error).message);
  }
  return { ...analyzeMessage(text, lang ? { lang } : {}) };
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyse customer messages (text, --json, or --jsonl on stdin)',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        json: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      true,
    );
    if (values.help) {
      writeLine(io.stdout, HELP);
      return 0;
    }
    if (values.jsonl) {
      if (positionals.length > 0) throw new UsageError('--jsonl reads stdin; give no text argument');
      await processJsonl(io.stdin, io.stdout, analyzeLine);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give one text to analyse (quote it), or use --jsonl');
    let lang: ReturnType<typeof parseLang>;
    try {
      lang = parseLang(values.lang, '--lang');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const analysis = analyzeMessage(positionals[0] as string, lang ? { lang } : {});
    writeLine(io.stdout, values.json ? JSON.stringify(analysis, null, 2) : formatAnalysis(analysis));
    return 0;
  },
};
