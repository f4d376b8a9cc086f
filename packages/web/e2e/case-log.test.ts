import { mkdirSync } from 'node:fs';
import { addInteraction, hasPart } from '@calmdesk/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { checkScreen, LANGUAGES, SCREENSHOTS, staffPages } from './screens.ts';
import { type E2eServer, seedCase, startE2eServer } from './server.ts';

/** A long case log in Chromium: the newest entries first, "Show earlier" fetches the older pages. */

const HAS_BROWSER = await hasPart('browser');
const ENTRIES = 250;

let app: E2eServer;
let browser: Browser;
let caseId = '';
const staffPagesIn = staffPages(() => ({ browser, url: app.url }));

describe.skipIf(!HAS_BROWSER)('a long case log in Chromium', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startE2eServer();
    browser = await launchChromium();
    caseId = await seedCase(app.db, {
      customer: { name: 'Marta Długa', email: 'marta@example.test' },
      channel: 'email',
      subject: 'Długa sprawa',
      message: { body: 'Piszę znowu w sprawie zamówienia.' },
    });
    for (let i = 2; i <= ENTRIES; i++) {
      await addInteraction(
        app.db,
        { kind: 'cli', role: 'owner' },
        caseId,
        { kind: 'note', body: `Notatka ${i}` },
        new Date(),
      );
    }
  }, 180_000);
  afterEach(() => staffPagesIn.release());
  afterAll(async () => {
    await staffPagesIn.close();
    await browser?.close();
    await app?.close();
  });

  it.each(['pl', 'et', 'en'] as const)(
    'shows the newest 100 entries and loads the earlier ones in %s',
    async (language) => {
      const words = LANGUAGES[language];
      const page = await staffPagesIn.open('agent@salon.test', language);
      await page.goto(`${app.url}/cases/${caseId}`);
      const entries = page.locator('[data-kind]');
      const earlier = page.getByTestId('show-earlier');
      await earlier.waitFor();
      expect(await entries.count()).toBe(100);
      await expect.poll(() => entries.last().textContent()).toContain(`Notatka ${ENTRIES}`);
      expect(await earlier.textContent()).toBe(words.case.showEarlier.replace('{{count}}', '150'));
      if (language === 'pl') await checkScreen(page, 'case-long-log-pl');
      await earlier.click();
      await expect.poll(() => entries.count()).toBe(200);
      await earlier.click();
      await expect.poll(() => entries.count()).toBe(ENTRIES);
      await earlier.waitFor({ state: 'detached' });
      expect(await entries.first().textContent()).toContain('Piszę znowu');
    },
  );
});
