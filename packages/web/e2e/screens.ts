import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Disposable, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { et } from '../src/i18n/et.ts';
import { pl } from '../src/i18n/pl.ts';
import { launchChromium, seriousViolations, settled } from './browser.ts';
import { type E2eServer, PASSWORD, startE2eServer } from './server.ts';

/** Where the browser tests save their screenshots (git-ignored), to be looked at. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../screenshots/', import.meta.url));
export const LANGUAGES = { pl, et, en } as const;
export type Language = keyof typeof LANGUAGES;
/** A desktop and a phone. */
export const WIDTHS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;

/**
 * The page structures axe has found clean. axe is the slowest part of a check (about a second a time)
 * and judges markup, roles, names and colours, which do not change with the interface language; a
 * screen whose structure (every element's tag, role, state and the colour scheme) was checked already,
 * in another language or another file, is not checked again. Every language's strings are checked
 * non-empty by the unit tests, so no name goes missing in one language only.
 */
const axeClean = new Set<string>();

/** The page's structure without its words: what decides whether axe must look at it again. */
function structureOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [
      String(window.innerWidth),
      document.documentElement.getAttribute('data-mantine-color-scheme') ?? '',
    ];
    for (const element of document.body.querySelectorAll('*')) {
      parts.push(
        `${element.tagName}/${element.getAttribute('role') ?? ''}/${element.getAttribute('aria-invalid') ?? ''}/${element.getAttribute('aria-expanded') ?? ''}/${element.getAttribute('disabled') ?? ''}`,
      );
    }
    return parts.join(' ');
  });
}

/**
 * At both widths: no sideways scrolling, a full-page screenshot and no serious axe violation (axe
 * skipped for a structure it has already found clean).
 */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.mouse.move(0, 0);
    // A full-page picture of a scrolled page draws the fixed header across its middle.
    await page.evaluate(() => window.scrollTo(0, 0));
    await settled(page);
    await page.screenshot({ path: `${SCREENSHOTS}${screen}-${size.name}.png`, fullPage: true });
    const structure = createHash('sha256')
      .update(await structureOf(page))
      .digest('hex');
    if (!axeClean.has(structure)) {
      expect(await seriousViolations(page), `${screen} at ${size.name}px`).toEqual([]);
      axeClean.add(structure);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${screen} scrolls sideways at ${size.name}px`).toBeLessThanOrEqual(1);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // Back at desktop width the page swaps its phone layout for the desktop one (media queries set
  // state): two frames later it has, so the caller's next click finds the desktop layout's elements.
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  await settled(page);
}

/**
 * The chips and buttons of the wide inbox's rows that do not show whole: wider inside than they
 * show, or running past their cell. Each is named by its text.
 */
export function clippedInInbox(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="inbox-list"] tbody :is(.mantine-Badge-root, .mantine-Button-root)')
    .evaluateAll((parts) =>
      parts
        .filter((part) => {
          const cell = part.closest('td')?.getBoundingClientRect();
          const box = part.getBoundingClientRect();
          const label = part.querySelector('.mantine-Badge-label, .mantine-Button-label');
          return (
            !cell ||
            box.right > cell.right + 1 ||
            (label !== null && label.scrollWidth > label.clientWidth + 1)
          );
        })
        .map((part) => part.textContent ?? ''),
    );
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const LANGUAGE_KEY = 'calmdesk.language';
const DESKTOP = { width: 1280, height: 800 };

/** A staff member's signed-in page, and the script that picks its interface language on every load. */
interface StaffPage {
  email: string;
  page: Page;
  language: Language;
  languageScript: Disposable;
}

function pickLanguageOnLoad(page: Page, language: Language): Promise<Disposable> {
  return page.addInitScript(({ key, lang }) => localStorage.setItem(key, lang), {
    key: LANGUAGE_KEY,
    lang: language,
  });
}

/**
 * Puts a page an earlier test used back where a new context from the saved sign-in starts: the
 * sign-in's cookies and local storage only, no session storage (drafts, filters, the CSRF token), no
 * listeners or routes, the desktop viewport, no emulated media, the pointer in the corner.
 */
async function resetPage(page: Page, url: string, saved: StorageState): Promise<void> {
  const origin = new URL(url).origin;
  if (new URL(page.url()).origin !== origin) await page.goto(url);
  const items = saved.origins.find((o) => o.origin === origin)?.localStorage ?? [];
  await page.evaluate((kept) => {
    sessionStorage.clear();
    localStorage.clear();
    for (const { name, value } of kept) localStorage.setItem(name, value);
  }, items);
  await page.context().clearCookies();
  await page.context().addCookies(saved.cookies);
  page.removeAllListeners();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({
    media: null,
    colorScheme: 'light',
    reducedMotion: 'no-preference',
    forcedColors: 'none',
    contrast: 'no-preference',
  });
  await page.mouse.move(0, 0);
}

/**
 * Pages of signed-in staff, each in a context of its own with its interface in the language asked
 * for, on the inbox. Sign-in is limited per address and per account: each person goes through the
 * form once, and later contexts start from the cookies it left.
 *
 * A page a test has finished with (`release`, after each test) is that person's next page: reset to
 * what a new context would hold, then the app loaded again. Loading it again in the same tab takes a
 * third of the time of a new context on a quiet machine, as Chromium keeps the tab's renderer and
 * the code it compiled. A test that changes what only a new context resets (its clock) takes a page
 * no later test gets (`openApart`). `close` closes every context opened.
 */
export function staffPages(target: () => { browser: Browser; url: string }) {
  const states = new Map<string, StorageState>();
  const contexts: BrowserContext[] = [];
  const idle: StaffPage[] = [];
  const lent: StaffPage[] = [];

  async function openContext(email: string, language: Language): Promise<StaffPage> {
    const { browser, url } = target();
    const saved = states.get(email);
    const context = await browser.newContext({
      locale: 'pl-PL',
      timezoneId: 'Europe/Warsaw',
      viewport: DESKTOP,
      ...(saved ? { storageState: saved } : {}),
    });
    context.setDefaultTimeout(30_000);
    contexts.push(context);
    const page = await context.newPage();
    const languageScript = await pickLanguageOnLoad(page, language);
    await page.goto(url);
    const words = LANGUAGES[language];
    if (!saved) {
      await page.getByLabel(words.signIn.email).fill(email);
      await page.locator('input[type="password"]').fill(PASSWORD);
      await page.getByRole('button', { name: words.signIn.submit }).click();
    }
    await page.getByRole('heading', { name: words.inbox.title, level: 1 }).waitFor();
    if (!saved) states.set(email, await context.storageState());
    return { email, page, language, languageScript };
  }

  async function reopen(staffPage: StaffPage, language: Language): Promise<void> {
    const { url } = target();
    const saved = states.get(staffPage.email);
    if (!saved) throw new Error(`${staffPage.email} has no saved sign-in`);
    const { page } = staffPage;
    await resetPage(page, url, saved);
    if (staffPage.language !== language) {
      await staffPage.languageScript.dispose();
      staffPage.languageScript = await pickLanguageOnLoad(page, language);
      staffPage.language = language;
    }
    await page.goto(url);
    await page.getByRole('heading', { name: LANGUAGES[language].inbox.title, level: 1 }).waitFor();
  }

  /** The person's idle page, one already in that language when there is one. */
  function takeIdle(email: string, language: Language): StaffPage | undefined {
    const theirs = idle.filter((p) => p.email === email);
    const chosen = theirs.find((p) => p.language === language) ?? theirs[0];
    if (chosen) idle.splice(idle.indexOf(chosen), 1);
    return chosen;
  }

  return {
    async open(email: string, language: Language): Promise<Page> {
      const reused = takeIdle(email, language);
      if (reused) await reopen(reused, language);
      const staffPage = reused ?? (await openContext(email, language));
      lent.push(staffPage);
      return staffPage.page;
    },
    async openApart(email: string, language: Language): Promise<Page> {
      return (await openContext(email, language)).page;
    },
    /** Takes back the pages lent since the last release, for the next tests to reuse. */
    release(): void {
      for (const staffPage of lent.splice(0)) if (!staffPage.page.isClosed()) idle.push(staffPage);
    },
    async close(): Promise<void> {
      idle.length = 0;
      lent.length = 0;
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    },
  };
}

/** A browser test file's CalmDesk server, Chromium and signed-in staff pages. */
export interface E2eSuite {
  app: E2eServer;
  browser: Browser;
  staff: ReturnType<typeof staffPages>;
}

/**
 * Starts a fresh server and Chromium before a describe block's tests and closes them (and every staff
 * page) after; `seed` fills the server first. Call it inside the block, so a machine without Chromium
 * skips the block without starting anything.
 */
export function startE2eSuite(seed?: (app: E2eServer) => Promise<void>): E2eSuite {
  const suite = {} as E2eSuite;
  suite.staff = staffPages(() => ({ browser: suite.browser, url: suite.app.url }));
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    suite.app = await startE2eServer();
    await seed?.(suite.app);
    suite.browser = await launchChromium();
  }, 120_000);
  afterEach(() => suite.staff.release());
  afterAll(async () => {
    await suite.staff.close();
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}
