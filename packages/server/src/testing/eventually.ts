/**
 * Polls a condition (no fixed sleeps in tests): resolves with its first truthy value, fails after `ms`
 * naming what it waited for.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
