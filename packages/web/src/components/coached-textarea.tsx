import type { Finding } from '@calmdesk/analysis';
import { Text } from '@mantine/core';
import { type CSSProperties, Fragment, type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

interface CoachedTextareaProps {
  value: string;
  onChange: (value: string) => void;
  findings: readonly Finding[];
  label: string;
  placeholder?: string;
  minRows?: number;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  /** Why what was written cannot be sent, shown under the field and announced with it. */
  error?: string;
}

const SHARED_STYLE: CSSProperties = {
  font: 'inherit',
  fontSize: 15,
  lineHeight: 1.55,
  padding: '10px 12px',
  margin: 0,
  border: '1px solid transparent',
  whiteSpace: 'pre-wrap',
  overflowWrap: 'break-word',
  boxSizing: 'border-box',
  width: '100%',
};

function underline(text: string, findings: readonly Finding[]): ReactNode[] {
  const ordered = [...findings].filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  const nodes: ReactNode[] = [];
  let at = 0;
  for (const finding of ordered) {
    if (finding.start < at) continue;
    nodes.push(<Fragment key={`t${at}`}>{text.slice(at, finding.start)}</Fragment>);
    nodes.push(
      <mark
        key={`f${finding.start}`}
        className={`finding finding-${finding.severity}`}
        data-rule={finding.rule}
      >
        {text.slice(finding.start, finding.end)}
      </mark>,
    );
    at = finding.end;
  }
  nodes.push(<Fragment key={`t${at}`}>{`${text.slice(at)}\n`}</Fragment>);
  return nodes;
}

/**
 * A textarea whose findings are underlined in place: a backdrop with the same text and metrics
 * sits behind a transparent textarea, so typing stays native (IME, undo, spell-check).
 */
export function CoachedTextarea({
  value,
  onChange,
  findings,
  label,
  placeholder,
  minRows = 6,
  onKeyDown,
  error,
}: CoachedTextareaProps) {
  const backdrop = useRef<HTMLDivElement>(null);
  const errorId = useId();
  const minHeight = `${minRows * 1.55 * 15 + 22}px`;
  return (
    <div>
      <div className="coached" style={{ position: 'relative' }}>
        <div
          ref={backdrop}
          aria-hidden
          className="coached-backdrop"
          style={{
            ...SHARED_STYLE,
            position: 'absolute',
            inset: 0,
            color: 'transparent',
            overflow: 'hidden',
          }}
        >
          {underline(value, findings)}
        </div>
        <textarea
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="coached-input"
          value={value}
          placeholder={placeholder}
          spellCheck
          onChange={(event) => onChange(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          onScroll={(event) => {
            if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
          }}
          style={{
            ...SHARED_STYLE,
            position: 'relative',
            minHeight,
            resize: 'vertical',
            background: 'transparent',
            borderColor: error ? 'var(--mantine-color-error)' : 'var(--calm-border-input)',
            borderRadius: 'var(--mantine-radius-sm)',
          }}
        />
      </div>
      {error && (
        <Text id={errorId} size="sm" c="var(--mantine-color-error)" mt={4} data-testid="field-error">
          {error}
        </Text>
      )}
    </div>
  );
}
