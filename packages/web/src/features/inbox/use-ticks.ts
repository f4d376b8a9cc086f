import { useCallback, useMemo, useRef, useState } from 'react';

/**
 * The cases ticked for a bulk change, in the list's order. A tick with shift held ticks (or unticks)
 * every row between it and the row ticked before, as in a mail program.
 */
export function useTicks(items: ReadonlyArray<{ id: string }>) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const tick = useCallback(
    (id: string, checked: boolean, range: boolean) => {
      setTicked((before) => {
        const next = new Set(before);
        const from = range && anchor.current ? items.findIndex((item) => item.id === anchor.current) : -1;
        const to = items.findIndex((item) => item.id === id);
        const span =
          from >= 0 && to >= 0 ? items.slice(Math.min(from, to), Math.max(from, to) + 1) : [{ id }];
        for (const item of span) {
          if (checked) next.add(item.id);
          else next.delete(item.id);
        }
        return next;
      });
      anchor.current = id;
    },
    [items],
  );
  const all = useCallback(
    (checked: boolean) => setTicked(checked ? new Set(items.map((item) => item.id)) : new Set()),
    [items],
  );
  const clear = useCallback(() => setTicked(new Set()), []);
  // Only rows still listed count: a case that left the list (closed by someone) is not changed unseen.
  const ids = useMemo(
    () => items.filter((item) => ticked.has(item.id)).map((item) => item.id),
    [items, ticked],
  );
  return { ids, has: (id: string) => ticked.has(id), tick, all, clear };
}
