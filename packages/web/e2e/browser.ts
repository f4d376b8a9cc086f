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

/** The page's serious and critical axe violations, each as its rule, its help and where it is. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
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
