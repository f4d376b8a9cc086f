import type { Evidence } from '@calmdesk/analysis';
import { Text, Tooltip } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbuseFlag } from './flag-chips.tsx';

export interface Segment {
  start: number;
  end: number;
  evidence: Evidence[];
}

/** Cuts a text into segments at every evidence boundary, so overlapping spans render once. */
export function segmentText(length: number, evidence: readonly Evidence[]): Segment[] {
  const cuts = new Set([0, length]);
  for (const e of evidence) {
    if (e.start >= 0 && e.end <= length && e.start < e.end) {
      cuts.add(e.start);
      cuts.add(e.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    segments.push({ start, end, evidence: evidence.filter((e) => e.start <= start && e.end >= end) });
  }
  return segments;
}

/** Masks every word but its first letter: staff see that something abusive was said without reading it. */
export function maskWord(text: string): string {
  return text.replace(/[\p{L}\p{N}*]+/gu, (word) => `${word.slice(0, 1)}${'•'.repeat(word.length - 1)}`);
}

interface EvidenceTextProps {
  text: string;
  evidence: readonly Evidence[];
  /** Abusive words are masked until the agent reveals them (staff are protected from abuse first). */
  revealAbuse: boolean;
}

/**
 * What a highlight's tooltip says: each flag and why — the rule that matched, or, for evidence the
 * learned model gave (`learned:<flag>:<p>`), that the model recognised it.
 */
export function evidenceLabel(evidence: readonly Evidence[], t: (key: string) => string): string {
  return evidence
    .map(
      (e) => `${t(`flag.${e.flag}`)} · ${e.rule.startsWith('learned:') ? t('evidenceBy.learned') : e.rule}`,
    )
    .join('\n');
}

/** Customer text rendered as text (never HTML), with evidence spans highlighted and explained on hover. */
export function EvidenceText({ text, evidence, revealAbuse }: EvidenceTextProps) {
  const { t } = useTranslation();
  const parts: ReactNode[] = segmentText(text.length, evidence).map((segment) => {
    const slice = text.slice(segment.start, segment.end);
    if (segment.evidence.length === 0) return <Fragment key={segment.start}>{slice}</Fragment>;
    const abusive = segment.evidence.some((e) => isAbuseFlag(e.flag));
    const label = evidenceLabel(segment.evidence, t);
    return (
      <Tooltip
        key={segment.start}
        label={label}
        multiline
        withArrow
        events={{ hover: true, focus: true, touch: true }}
      >
        <mark
          data-flag={segment.evidence.map((e) => e.flag).join(' ')}
          data-rule={segment.evidence.map((e) => e.rule).join(' ')}
          className={abusive ? 'evidence evidence-abuse' : 'evidence'}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the flag and rule are shown on focus too
          tabIndex={0}
        >
          {abusive && !revealAbuse ? maskWord(slice) : slice}
        </mark>
      </Tooltip>
    );
  });
  return (
    <Text component="div" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {parts}
    </Text>
  );
}
