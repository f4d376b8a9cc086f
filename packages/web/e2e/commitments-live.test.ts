import { type Actor, addInteraction, hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pl } from '../src/i18n/pl.ts';
import { type E2eSuite, startE2eSuite } from './screens.ts';
import { seedCase } from './server.ts';

/** The promises screen in Chromium follows what colleagues do and the clock, without a reload. */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;
const ids = { washer: '', quote: '' };

/** Marks the page's document, so a later check can tell it was never loaded again. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { promisesMark: boolean }).promisesMark = true;
  });
}

async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { promisesMark?: boolean }).promisesMark === true);
}

async function openPromises(page: Page): Promise<void> {
  await page.goto(`${e2e.app.url}/commitments`);
  await page.getByRole('heading', { name: pl.caseWork.commitmentsTitle, level: 1 }).waitFor();
}

const rowsOf = (page: Page) => page.locator('[data-testid="commitment-row"]');
/** A list is fetched, or a change on another page comes through the event stream: a busy machine may take seconds. */
const LIVE = { timeout: 15_000 };

describe.skipIf(!HAS_BROWSER)('the promises screen live in Chromium', { timeout: 240_000 }, () => {
  e2e = startE2eSuite(async (app) => {
    const agent: Actor = { kind: 'user', ...app.staff.agent, via: 'session' };
    const promiseOn = async (subject: string, customer: string, body: string, reply: string) => {
      const id = await seedCase(app.db, {
        customer: {
          name: customer,
          email: `${customer.split(' ')[0]?.toLowerCase()}@example.test`,
          language: 'pl',
        },
        channel: 'phone',
        subject,
        message: { body },
      });
      await addInteraction(app.db, agent, id, { kind: 'outbound', body: reply }, new Date());
      return id;
    };
    ids.washer = await promiseOn(
      'Naprawa pralki',
      'Ewa Lis',
      'Dzień dobry, pralka znowu przecieka. Proszę o kontakt.',
      'Przepraszam za kłopot. Oddzwonię jutro do 16:00. Anna Nowak',
    );
    ids.quote = await promiseOn(
      'Wycena naprawy drzwi',
      'Piotr Zieliński',
      'Proszę o wycenę naprawy zamka w drzwiach.',
      'Dziękuję za wiadomość. Oddzwonię jutro do 12:00. Anna Nowak',
    );
  });

  it('updates an open list when a colleague keeps a promise or makes one, and marks a promise overdue when its time passes (pl)', async () => {
    // Anna's clock runs on its own, so the test can move it past the promises' time: her page is in a
    // context no later test gets.
    const anna = await e2e.staff.openApart('agent@salon.test', 'pl');
    const sebastian = await e2e.staff.open('supervisor@salon.test', 'pl');
    await anna.clock.install();
    await Promise.all([openPromises(anna), openPromises(sebastian)]);
    await expect.poll(() => rowsOf(anna).count(), LIVE).toBe(2);
    await expect.poll(() => rowsOf(sebastian).count(), LIVE).toBe(2);
    await markDocument(anna);

    // Kept by Sebastian: it leaves Anna's list by itself.
    const washer = rowsOf(sebastian).filter({ hasText: 'Naprawa pralki' });
    await washer.locator('[data-outcome="kept"]').click();
    await expect.poll(() => rowsOf(anna).count(), LIVE).toBe(1);
    expect(await rowsOf(anna).first().textContent()).toContain('Wycena naprawy drzwi');
    expect(await rowsOf(anna).first().getAttribute('data-overdue')).toBe('false');

    // Made by Sebastian in a reply: it joins Anna's list.
    await sebastian.goto(`${e2e.app.url}/cases/${ids.washer}`);
    await sebastian.getByRole('heading', { name: 'Naprawa pralki' }).waitFor();
    await sebastian
      .getByRole('textbox', { name: pl.case.reply })
      .fill('Przepraszam, że pralka znów przecieka. Oddzwonię jutro do 10:00. Sebastian Kierownik');
    await sebastian.getByRole('button', { name: pl.case.send }).click();
    await expect.poll(() => rowsOf(anna).count(), LIVE).toBe(2);
    expect(await rowsOf(anna).allTextContents()).toEqual([
      expect.stringContaining('Naprawa pralki'),
      expect.stringContaining('Wycena naprawy drzwi'),
    ]);

    // Two days on, both promises have fallen due: the list says so without a reload.
    await anna.clock.fastForward('48:00:00');
    await expect
      .poll(
        () => rowsOf(anna).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overdue'))),
        LIVE,
      )
      .toEqual(['true', 'true']);
    await anna.getByText(pl.caseWork.overdue).first().waitFor();
    expect(await isSameDocument(anna)).toBe(true);
  });
});
