import type { LiveEvent } from '@calmdesk/contracts';

/** One event as a client received it: its SSE id (if any), the event, and when it arrived. */
export interface ReceivedEvent {
  id: string | undefined;
  event: LiveEvent;
  /** performance.now() when its frame was complete. */
  at: number;
}

export interface EventStreamClient {
  status: number;
  headers: Headers;
  /** Every event so far, oldest first. */
  received: ReceivedEvent[];
  /** The `retry:` the server asked for, once read. */
  retryMs(): number | undefined;
  /** The first event (already received or still to come) that matches, or a rejection after `timeoutMs`. */
  waitFor(match: (event: LiveEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Called for every event from now on. */
  onEvent(listener: (received: ReceivedEvent) => void): void;
  close(): void;
}

/**
 * A Server-Sent Events reader for `GET /api/events` on fetch, as a browser's EventSource would read
 * it (tests and benchmarks): resolves once the answer's headers are in; a non-200 answer rejects.
 */
export async function connectEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) {
    const text = await response.text();
    throw new Error(`GET ${url} answered ${response.status}: ${text}`);
  }
  const received: ReceivedEvent[] = [];
  const listeners: Array<(received: ReceivedEvent) => void> = [];
  let retry: number | undefined;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let ended = false;
  const read = async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const at = performance.now();
          let id: string | undefined;
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
            else if (line.startsWith('retry: ')) retry = Number(line.slice(7));
          }
          if (data.length > 0) {
            const item = { id, event: JSON.parse(data.join('\n')) as LiveEvent, at };
            received.push(item);
            for (const listener of [...listeners]) listener(item);
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close(), or the server ended the stream.
    } finally {
      ended = true;
      for (const listener of [...listeners]) listener(END);
    }
  };
  void read();
  return {
    status: response.status,
    headers: response.headers,
    received,
    retryMs: () => retry,
    onEvent(listener) {
      listeners.push((item) => item !== END && listener(item));
    },
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find((item) => match(item.event));
      if (found) return Promise.resolve(found);
      if (ended) return Promise.reject(new Error(`the stream ended; received ${JSON.stringify(received)}`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          remove();
          reject(new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
        }, timeoutMs);
        const listener = (item: ReceivedEvent) => {
          if (item === END || ended) {
            clearTimeout(timer);
            remove();
            reject(new Error(`the stream ended; received ${JSON.stringify(received)}`));
          } else if (match(item.event)) {
            clearTimeout(timer);
            remove();
            resolve(item);
          }
        };
        const remove = () => listeners.splice(listeners.indexOf(listener), 1);
        listeners.push(listener);
      });
    },
    close() {
      abort.abort();
    },
  };
}

const END: ReceivedEvent = { id: undefined, event: { type: 'resync' }, at: 0 };
