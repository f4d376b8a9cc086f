/**
 * Tells this process's outbox sender that a mail was queued, so a reply leaves at once rather than at
 * the next sweep. Mail queued by another process is found by the sweep.
 */
const signal = new EventTarget();

export function announceQueuedMail(): void {
  signal.dispatchEvent(new Event('queued'));
}

export function onQueuedMail(listener: () => void): () => void {
  signal.addEventListener('queued', listener);
  return () => signal.removeEventListener('queued', listener);
}
