import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromiumPath } from '@calmdesk/server/testing';
import { type Browser, chromium, type Page } from 'playwright-core';

/** axe-core's script, injected into a page to check it. */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with the flags CI runs it with. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Waits until no tooltip is open and no finite animation runs, so a screenshot shows the screen at rest. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('[role="tooltip"]') &&
      document
        .getAnimations()
        .every(
          (a) =>
            a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY,
        ),
  );
}

/**
 * The page's serious and critical axe violations, each as its rule, its help and where it is; judged
 * at rest, since a toast or dialog fading in has the contrast of neither its start nor its end.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await settled(page);
  // axe stays loaded until the page loads another document: half a megabyte not evaluated again.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(...args: unknown[]): Promise<{ violations: Array<Record<string, unknown>> }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} ${v.help} ${JSON.stringify((v.nodes as Array<{ target: unknown }>).map((n) => n.target))}`,
    );
}
