import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { et } from '../src/i18n/et.ts';
import { pl } from '../src/i18n/pl.ts';
import { seriousViolations } from './browser.ts';
import { PASSWORD } from './server.ts';

/** Where the browser tests save their screenshots (git-ignored), to be looked at. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../screenshots/', import.meta.url));
export const LANGUAGES = { pl, et, en } as const;
export type Language = keyof typeof LANGUAGES;
/** A desktop and a phone. */
export const WIDTHS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;

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

/** At both widths: no serious axe violation, no sideways scrolling, a full-page screenshot. */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.mouse.move(0, 0);
    // A full-page picture of a scrolled page draws the fixed header across its middle.
    await page.evaluate(() => window.scrollTo(0, 0));
    await settled(page);
    await page.screenshot({ path: `${SCREENSHOTS}${screen}-${size.name}.png`, fullPage: true });
    expect(await seriousViolations(page), `${screen} at ${size.name}px`).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${screen} scrolls sideways at ${size.name}px`).toBeLessThanOrEqual(1);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Pages of signed-in staff, each in a context of its own with its interface in the language asked
 * for, on the inbox. Sign-in is limited per address and per account: each person goes through the
 * form once, and later pages reuse the cookies it left. `close` closes every context opened.
 */
export function staffPages(target: () => { browser: Browser; url: string }) {
  const states = new Map<string, StorageState>();
  const contexts: BrowserContext[] = [];
  return {
    async open(email: string, language: Language): Promise<Page> {
      const { browser, url } = target();
      const saved = states.get(email);
      const context = await browser.newContext({
        locale: 'pl-PL',
        timezoneId: 'Europe/Warsaw',
        viewport: { width: 1280, height: 800 },
        ...(saved ? { storageState: saved } : {}),
      });
      context.setDefaultTimeout(30_000);
      contexts.push(context);
      await context.addInitScript((lang) => localStorage.setItem('calmdesk.language', lang), language);
      const page = await context.newPage();
      await page.goto(url);
      const words = LANGUAGES[language];
      if (!saved) {
        await page.getByLabel(words.signIn.email).fill(email);
        await page.locator('input[type="password"]').fill(PASSWORD);
        await page.getByRole('button', { name: words.signIn.submit }).click();
      }
      await page.getByRole('heading', { name: words.inbox.title, level: 1 }).waitFor();
      if (!saved) states.set(email, await context.storageState());
      return page;
    },
    async close(): Promise<void> {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    },
  };
}
