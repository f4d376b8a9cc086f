import { type CoachContext, type Coaching, coachReply } from '@calmdesk/analysis';
import { CoachContextSchema, toCoachContext } from '../engine/coach-context.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { JsonlInputError, processJsonl, requireText } from './jsonl.ts';
import { parseLang } from './lang-option.ts';

const HELP = `Usage:
  calmdesk coach "draft reply" [--lang pl|et|en] [--json]
  calmdesk coach --jsonl < drafts.jsonl

Checks an agent's draft before it is sent: findings (arguing, blaming, excuse, shouting,
condescension, hostility, impossible_promise, informal_address), the elements it has and lacks
(empathy, apology, next_step, deadline, owner), advice from the case, and a score 0–100.
  --json    print the coaching as JSON
  --jsonl   read {"id", "text", "lang"?, "context"?} lines from stdin, write {"id", …coaching} lines
  --lang    fix the draft's language`;

export function formatCoaching(coaching: Coaching): string {
  const lines = [`language  ${coaching.lang}`, `score     ${coaching.score}/100`];
  for (const f of coaching.findings) {
    lines.push(`  ${f.severity.padEnd(5)} ${f.rule.padEnd(18)} "${f.text}"`, `        why: ${f.why}`);
    if (f.suggestion) lines.push(`        try: ${f.suggestion}`);
  }
  for (const a of coaching.advice) {
    const problems = a.problems?.length ? ` (${a.problems.join(', ')})` : '';
    lines.push(`  ${a.severity.padEnd(5)} ${a.rule.padEnd(18)} ${a.suggestion}${problems}`);
  }
  lines.push(
    `has       ${coaching.has.join(', ') || '—'}`,
    `missing   ${coaching.missing.join(', ') || '—'}`,
  );
  return lines.join('\n');
}

function contextOf(input: Record<string, unknown>): CoachContext {
  const context = input.context;
  if (context === undefined || context === null) return {};
  if (typeof context !== 'object' || Array.isArray(context))
    throw new JsonlInputError('"context" must be an object');
  const parsed = CoachContextSchema.safeParse(context);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JsonlInputError(`"context.${issue?.path.join('.')}": ${issue?.message}`);
  }
  return toCoachContext(parsed.data);
}

function coachLine(input: Record<string, unknown>) {
  const text = requireText(input);
  let lang: ReturnType<typeof parseLang>;
  try {
    lang = parseLang(input.lang, '"lang"');
  } catch (error) {
    throw new JsonlInputError((error as Error).message);
  }
  return { ...coachReply(text, { ...contextOf(input), ...(lang ? { lang } : {}) }) };
}

export const coachCommand: Command = {
  name: 'coach',
  summary: 'check a draft reply before it is sent (text, --json, or --jsonl on stdin)',
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
      if (positionals.length > 0) throw new UsageError('--jsonl reads stdin; give no draft argument');
      await processJsonl(io.stdin, io.stdout, coachLine);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give one draft to check (quote it), or use --jsonl');
    let lang: ReturnType<typeof parseLang>;
    try {
      lang = parseLang(values.lang, '--lang');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const coaching = coachReply(positionals[0] as string, lang ? { lang } : {});
    writeLine(io.stdout, values.json ? JSON.stringify(coaching, null, 2) : formatCoaching(coaching));
    return 0;
  },
};
