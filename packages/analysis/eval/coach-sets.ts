import { fileURLToPath } from 'node:url';
import {
  COACH_RULES,
  type CoachContext,
  coachReply,
  ELEMENTS,
  extractCommitments,
  type Lang,
} from '../src/index.ts';
import { readJsonl } from './jsonl.ts';
import { num, pct, perLabel } from './metrics.ts';
import { type Cell, renderTable } from './table.ts';

export interface LabelledDraft {
  id: string;
  text: string;
  lang: Lang;
  findings: string[];
  elements: string[];
  context?: CoachContext;
}

interface LabelledCommitment {
  id: string;
  text: string;
  lang: Lang;
  now: string;
  timeZone: string;
  author: 'us' | 'customer';
  expected: { dueAt: string; who: 'us' | 'customer' }[];
}

const path = (lang: string, file: string) =>
  fileURLToPath(new URL(`./sets/${lang}/${file}.jsonl`, import.meta.url));

/** The findings a draft in `lang` can have: English has no informal form of address. */
export function coachRulesFor(lang: Lang): readonly string[] {
  return lang === 'en' ? COACH_RULES.filter((r) => r !== 'informal_address') : COACH_RULES;
}

export function evaluateCoachSets(markdown: boolean, out: string[]): void {
  const summary: Cell[][] = [];
  for (const lang of ['pl', 'et', 'en'] as const) {
    const drafts = readJsonl<LabelledDraft>(path(lang, 'drafts'));
    if (drafts) {
      const coached = drafts.map((d) => ({ d, c: coachReply(d.text, { ...d.context, lang }) }));
      const rules = coachRulesFor(lang);
      const findings = perLabel(
        rules,
        coached.map(({ d, c }) => ({ predicted: c.findings.map((f) => f.rule), expected: d.findings })),
      );
      const elements = perLabel(
        ELEMENTS,
        coached.map(({ d, c }) => ({ predicted: c.has, expected: d.elements })),
      );
      out.push(
        renderTable(
          `Coach ${lang}: findings (${drafts.length} drafts)`,
          ['rule', 'support', 'precision', 'recall', 'F1'],
          findings.table,
          markdown,
        ),
      );
      out.push(
        renderTable(
          `Coach ${lang}: elements`,
          ['element', 'support', 'precision', 'recall', 'F1'],
          elements.table,
          markdown,
        ),
      );
      summary.push([lang, drafts.length, num(findings.micro.f1), num(elements.micro.f1)]);
      if (process.env.EVAL_VERBOSE) {
        for (const { d, c } of coached) {
          const got = c.findings
            .map((f) => f.rule)
            .sort()
            .join(',');
          const has = c.has.join(',');
          if (got !== [...new Set(d.findings)].sort().join(',') || has !== d.elements.join(',')) {
            out.push(
              `${d.id}: findings ${got || '-'} vs ${d.findings.join(',') || '-'}; has ${has || '-'} vs ${d.elements.join(',') || '-'}`,
            );
          }
        }
      }
    }
    const dates = readJsonl<LabelledCommitment>(path(lang, 'commitments'));
    if (dates) {
      let exact = 0;
      for (const item of dates) {
        const got = extractCommitments(item.text, {
          now: item.now,
          timeZone: item.timeZone,
          lang,
          author: item.author,
        });
        const same =
          got.length === item.expected.length &&
          got.every((c, i) => c.dueAt === item.expected[i]?.dueAt && c.who === item.expected[i]?.who);
        if (same) exact++;
        else if (process.env.EVAL_VERBOSE)
          out.push(
            `${item.id}: ${got.map((c) => c.dueAt).join(',') || '-'} vs ${item.expected.map((e) => e.dueAt).join(',')} | ${item.text}`,
          );
      }
      summary.push([`${lang} commitments`, dates.length, pct(exact / dates.length), '']);
    }
  }
  out.push(
    renderTable(
      'Coach summary (targets: findings micro-F1 ≥ 0.90, elements micro-F1 ≥ 0.90, commitment instants ≥ 95 % exact)',
      ['set', 'items', 'findings micro-F1 / instants exact', 'elements micro-F1'],
      summary,
      markdown,
    ),
  );
}
