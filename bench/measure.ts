export interface Measurement {
  name: string;
  messagesPerSecond: number;
  p50Micros: number;
  p99Micros: number;
}

/**
 * Runs `fn` over every message, `rounds` times after a warm-up, timing each call. The warm-up is one
 * pass over every message: a contender whose per-message functions are called once a message is
 * still being compiled by V8 after the first 2,000, and would be timed half-warm.
 */
export function measure(
  name: string,
  messages: readonly string[],
  fn: (text: string) => unknown,
  rounds = 3,
): Measurement {
  for (const text of messages) fn(text);
  const durations: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const text of messages) {
      const t0 = performance.now();
      fn(text);
      durations.push(performance.now() - t0);
    }
  }
  const total = performance.now() - started;
  durations.sort((a, b) => a - b);
  const at = (q: number) => quantile(durations, q) * 1000;
  return {
    name,
    messagesPerSecond: (durations.length / total) * 1000,
    p50Micros: at(0.5),
    p99Micros: at(0.99),
  };
}

export function percentile(values: readonly number[], q: number): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    q,
  );
}

/** The q-quantile of values already sorted, lowest first (0 for none). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * How many times the floor's time `fn` takes over the messages: per round, one pass of the floor and
 * one of `fn`, back to back (in alternating order); the median of the rounds' ratios. Paired rounds put a pause of the machine
 * into one round's ratio, not into the figure, as separate runs minutes apart would.
 */
export function ratioToFloor(
  floor: (text: string) => unknown,
  fn: (text: string) => unknown,
  messages: readonly string[],
  rounds: number,
): number {
  const pass = (f: (text: string) => unknown) => {
    const t0 = performance.now();
    for (const text of messages) f(text);
    return performance.now() - t0;
  };
  // Which goes first alternates: a pass pays for garbage the pass before it left.
  const ratios = Array.from({ length: rounds }, (_, round) => {
    if (round % 2 === 0) return pass(fn) / pass(floor);
    const floorTime = pass(floor);
    return pass(fn) / floorTime;
  });
  return percentile(ratios, 0.5);
}
