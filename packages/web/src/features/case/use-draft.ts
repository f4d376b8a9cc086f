import { useCallback, useState } from 'react';

const KEY = (caseId: string) => `calmdesk.draft.${caseId}`;

function stored(caseId: string): string {
  try {
    return sessionStorage.getItem(KEY(caseId)) ?? '';
  } catch {
    return '';
  }
}

/**
 * A case's reply draft that survives leaving the case and coming back in this tab. Kept in the tab's
 * session storage, not beyond it: a draft may hold what a customer said.
 */
export function useDraft(caseId: string): [string, (next: string | ((previous: string) => string)) => void] {
  const [draft, setDraftState] = useState(() => stored(caseId));
  const setDraft = useCallback(
    (next: string | ((previous: string) => string)) =>
      setDraftState((previous) => {
        const value = typeof next === 'function' ? next(previous) : next;
        try {
          if (value === '') sessionStorage.removeItem(KEY(caseId));
          else sessionStorage.setItem(KEY(caseId), value);
        } catch {
          // Storage full or refused: the draft stays in the page as before.
        }
        return value;
      }),
    [caseId],
  );
  return [draft, setDraft];
}
