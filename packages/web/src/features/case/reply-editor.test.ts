import type { Finding } from '@calmdesk/analysis';
import { describe, expect, it } from 'vitest';
import { applySuggestion } from './reply-editor.tsx';

describe('applySuggestion', () => {
  it('replaces exactly the finding span with the suggestion', () => {
    const draft = 'Dzień dobry. Nie ma Pan racji. Pozdrawiam';
    const start = draft.indexOf('Nie ma');
    const finding: Finding = {
      rule: 'arguing',
      severity: 'block',
      start,
      end: start + 'Nie ma Pan racji.'.length,
      text: 'Nie ma Pan racji.',
      why: '',
      suggestion: 'Rozumiem Pana punkt widzenia.',
    };
    expect(applySuggestion(draft, finding)).toBe('Dzień dobry. Rozumiem Pana punkt widzenia. Pozdrawiam');
  });

  it('does not double the full stop when the span ends before it', () => {
    const draft = 'Dzień dobry. Nie ma Pan racji. Pozdrawiam';
    const start = draft.indexOf('Nie ma');
    const finding: Finding = {
      rule: 'arguing',
      severity: 'warn',
      start,
      end: start + 'Nie ma Pan racji'.length,
      text: 'Nie ma Pan racji',
      why: '',
      suggestion: 'Rozumiem Pana punkt widzenia.',
    };
    expect(applySuggestion(draft, finding)).toBe('Dzień dobry. Rozumiem Pana punkt widzenia. Pozdrawiam');
  });
});
