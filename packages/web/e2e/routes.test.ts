import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasPart } from '@calmdesk/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { et } from '../src/i18n/et.ts';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium } from './browser.ts';
import { type E2eServer, PASSWORD, seedCases, startE2eServer } from './server.ts';

/** Routing in Chromium: addresses, the not-found page, screens fetched on first visit, the signed-out start. */

const HAS_BROWSER = await hasPart('browser');
const SCREENSHOTS = fileURLToPath(new URL('../../../screenshots/', import.meta.url));
const MESSAGES = { pl, et, en } as const;

let app: E2eServer;
let browser: Browser;

/** A fresh signed-out tab in its own context (own cookies and storage), Polish by the browser language. */
async function newTab(): Promise<Page> {
  const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(app.url);
  await page.getByLabel(pl.signIn.email).fill(email);
  await page.getByLabel(pl.signIn.password).fill(PASSWORD);
  await page.getByRole('button', { name: pl.signIn.submit }).click();
  await page.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
}

/** Every request the page makes from now on, as `METHOD /path status` (status once the answer came). */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) {
      calls.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
    }
  });
  return calls;
}

/** The JavaScript files the page has fetched so far, by file name. */
function recordScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script')
      scripts.push(new URL(request.url()).pathname.split('/').pop() ?? '');
  });
  return scripts;
}

describe.skipIf(!HAS_BROWSER)('routing in Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    await seedCases(app.db);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks the API for nothing on the signed-out start page, and asks once after a session ends', async () => {
    const page = await newTab();
    const calls = recordApiCalls(page);
    await page.goto(app.url);
    await page.getByRole('button', { name: pl.signIn.submit }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(calls).toEqual([]);
    // A session that ended while the browser kept its flag: one 401, the flag goes, and no more.
    await page.context().addCookies([{ name: 'calmdesk_signed_in', value: '1', url: app.url }]);
    await page.reload();
    await page.getByRole('button', { name: pl.signIn.submit }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(calls).toEqual(['GET /api/session 401']);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('calmdesk_signed_in');
    await page.reload();
    await page.getByRole('button', { name: pl.signIn.submit }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(calls).toEqual(['GET /api/session 401']);
    await page.context().close();
  });

  it('shows a not-found page in each language for an unknown address, with a way back to the inbox', async () => {
    const page = await newTab();
    await signIn(page, 'agent@salon.test');
    for (const language of ['pl', 'et', 'en'] as const) {
      const messages = MESSAGES[language];
      await page.evaluate((code) => localStorage.setItem('calmdesk.language', code), language);
      await page.goto(`${app.url}/no/such/page`);
      await page.getByRole('heading', { name: messages.notFound.title, level: 1 }).waitFor();
      expect(await page.getByText(messages.notFound.body).count()).toBe(1);
      // Not the inbox underneath: no case rows, and the address stays what was typed.
      expect(await page.locator('tr.inbox-row').count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/no/such/page');
      await page.screenshot({ path: `${SCREENSHOTS}not-found-${language}.png`, fullPage: true });
    }
    await page.getByRole('link', { name: en.notFound.backToInbox }).click();
    await page.getByRole('heading', { name: en.inbox.title, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.locator('tr.inbox-row').first().waitFor();
    await page.context().close();
  });

  it('sends a signed-in visitor of /sign-in to the inbox', async () => {
    const page = await newTab();
    await signIn(page, 'agent@salon.test');
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('fetches analytics and settings on first visit, shows a spinner meanwhile, and comes back', async () => {
    const page = await newTab();
    const scripts = recordScripts(page);
    await signIn(page, 'supervisor@salon.test');
    await page.locator('tr.inbox-row').first().waitFor();
    const isAnalyticsChunk = (name: string) => /^analytics\.lazy-.+\.js$/.test(name);
    const isSettingsChunk = (name: string) => /^settings\.lazy-.+\.js$/.test(name);
    expect(scripts.filter(isAnalyticsChunk)).toEqual([]);
    expect(scripts.filter(isSettingsChunk)).toEqual([]);
    // The whole walk is one page: a full reload would lose this mark.
    await page.evaluate(() => Object.assign(window, { calmdeskMark: 'same page' }));

    // Hold the analytics chunk back until the spinner has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/analytics\.lazy-.+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('link', { name: pl.nav.analytics }).first().click();
    await page.getByTestId('route-loading').waitFor();
    release();
    await page.getByRole('heading', { name: pl.analytics.title, level: 1 }).waitFor();
    expect(scripts.filter(isAnalyticsChunk)).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe('/analytics');

    await page.getByRole('link', { name: pl.nav.settings }).first().click();
    await page.getByRole('heading', { name: pl.settings.title, level: 1 }).waitFor();
    expect(scripts.filter(isSettingsChunk)).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe('/settings');
    // The engine and its language packs wait for the first screen that analyses or coaches: the
    // inbox, analytics and settings do without them.
    const isEngineChunk = (name: string) => /^(core|lang-[a-z]+)-.+\.js$/.test(name);
    expect(scripts.filter(isEngineChunk)).toEqual([]);

    await page.goBack();
    await page.getByRole('heading', { name: pl.analytics.title, level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: pl.inbox.title, level: 1 }).waitFor();
    await page.locator('tr.inbox-row').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.locator('tr.inbox-row a').first().click();
    await page.getByRole('textbox', { name: pl.case.reply, exact: true }).waitFor();
    await expect
      .poll(() => scripts.filter(isEngineChunk).sort())
      .toEqual([
        expect.stringMatching(/^core-/),
        expect.stringMatching(/^lang-en-/),
        expect.stringMatching(/^lang-et-/),
        expect.stringMatching(/^lang-pl-/),
      ]);
    await page.goBack();
    await page.locator('tr.inbox-row').first().waitFor();
    // Back and forth again: the chunks come from the first visit, not fetched anew.
    expect(scripts.filter(isAnalyticsChunk)).toHaveLength(1);
    expect(scripts.filter(isSettingsChunk)).toHaveLength(1);
    expect(await page.evaluate(() => (window as { calmdeskMark?: string }).calmdeskMark)).toBe('same page');
    await page.context().close();
  });
});
