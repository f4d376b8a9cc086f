import { type Actor, addInteraction, hasPart, updateCase } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCases } from './server.ts';

/**
 * The analytics screen with a period in its address, translated errors under their fields, and the
 * not-found page: each in pl, et and en at 1280 and 390 px, axe clean.
 */

const HAS_BROWSER = await hasPart('browser');
const CLI: Actor = { kind: 'cli', role: 'owner' };
let e2e: E2eSuite;

async function analytics(language: Language, query: string): Promise<Page> {
  const page = await e2e.staff.open('supervisor@salon.test', language);
  await page.goto(`${e2e.app.url}/analytics${query}`);
  await page.getByRole('heading', { name: LANGUAGES[language].analytics.title, level: 1 }).waitFor();
  return page;
}

const periodInput = (page: Page) => page.getByTestId('period-picker').locator('input').first();

describe.skipIf(!HAS_BROWSER)(
  'analytics, errors and the not-found page in Chromium',
  { timeout: 240_000 },
  () => {
    e2e = startE2eSuite(async (server) => {
      // Four cases opened within the last few hours; the calm one answered and resolved, then reopened by
      // its customer writing again; the upset one answered.
      const ids = await seedCases(server.db);
      // Each step at the moment it happens: the status change's time is the database's clock.
      const reply = {
        kind: 'outbound' as const,
        body: 'Dzień dobry, już to sprawdzam i wracam z odpowiedzią.',
      };
      await addInteraction(server.db, CLI, ids.calm as string, reply, new Date());
      await addInteraction(server.db, CLI, ids.upset as string, reply, new Date());
      await updateCase(server.db, CLI, ids.calm as string, { status: 'resolved' }, new Date());
      await addInteraction(
        server.db,
        CLI,
        ids.calm as string,
        { kind: 'inbound', body: 'One more question about the invoice, please.' },
        new Date(),
      );
    });

    it.each(['pl', 'et', 'en'] as const)(
      'shows the last 30 days picked in the address, with volume, times and reopens, in %s',
      async (language) => {
        const words = LANGUAGES[language].analytics;
        const page = await analytics(language, '?period=last_30_days');
        await expect.poll(() => page.getByTestId('stat-opened').textContent()).toMatch(/\D4$/);
        // The calm case was resolved and its customer wrote again: one resolution, reopened, all four open.
        expect(await page.getByTestId('stat-resolved').textContent()).toMatch(/\D1$/);
        expect(await page.getByTestId('stat-backlog').textContent()).toMatch(/\D4$/);
        expect(await page.getByTestId('stat-reopen').textContent()).toMatch(/100\s?%$/);
        expect(await periodInput(page).inputValue()).toBe(words.range.last_30_days);
        expect(
          await page
            .getByRole('link', { name: words.csvLabel.replace('{{table}}', words.volume) })
            .getAttribute('href'),
        ).toBe('/api/analytics/service-trends?range=last_30_days&format=csv');
        await page.getByTestId('figure-volume').locator('.recharts-surface').waitFor();
        // The calm case was resolved within minutes of opening: within its resolution target (the defaults).
        expect(await page.getByTestId('resolution-targets').textContent()).toContain(
          words.resolutionTargets.split('{{')[0],
        );
        const byLevel = await page
          .getByTestId('resolution-by-level')
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)),
          );
        expect(byLevel.map((cells) => cells.slice(0, 3))).toEqual([
          [LANGUAGES[language].level.calm, '1', '1'],
          [words.allLevels, '1', '1'],
        ]);
        await checkScreen(page, `analytics-period-${language}`);
        // On a phone a wide table scrolls inside its card while the page itself does not move sideways.
        await page.setViewportSize({ width: 390, height: 844 });
        const table = page.getByTestId('figure-service-times').locator('.analytics-table').first();
        await expect.poll(() => table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(0);
        // The charts take the new width on their next resize callback, a frame or two after the table.
        await expect
          .poll(() =>
            page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          )
          .toBeLessThanOrEqual(1);
      },
    );

    it('keeps the period picked in the address, so a reload or a link shows the same figures', async () => {
      const words = LANGUAGES.pl.analytics;
      const page = await analytics('pl', '');
      await periodInput(page).click();
      await page.getByRole('option', { name: words.range.last_7_days }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('last_7_days');
      await page.reload();
      expect(await periodInput(page).inputValue()).toBe(words.range.last_7_days);
      await expect.poll(() => page.getByTestId('stat-opened').textContent()).toMatch(/\D4$/);
    });

    it('shows a reversed custom range refused in Polish under the “from” field', async () => {
      const words = LANGUAGES.pl;
      const page = await analytics('pl', '?period=custom&from=2026-02-10&to=2026-02-01');
      await page.getByTestId('period-picker').getByText(words.errors.reason.period_reversed).waitFor();
      // The label reads "Od *": the field is required.
      const from = page.getByTestId('period-picker').getByLabel(new RegExp(`^${words.analytics.from}\\b`));
      expect(await from.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await from.getAttribute('aria-describedby')) ?? '';
      const described = await page.evaluate(
        (ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''),
        describedBy,
      );
      expect(described).toContain(words.errors.reason.period_reversed);
      await checkScreen(page, 'analytics-period-error-pl');
    });

    it('shows a new case’s blank subject refused in Polish under the subject field', async () => {
      const words = LANGUAGES.pl;
      const page = await e2e.staff.open('agent@salon.test', 'pl');
      await page.goto(`${e2e.app.url}/cases/new`);
      await page.getByLabel(words.newCase.name).fill('Zofia Kamińska');
      // Spaces pass the browser's own check; the server trims them and finds the subject empty.
      await page.getByLabel(words.newCase.subject).fill('   ');
      await page.getByRole('button', { name: words.newCase.create }).click();
      const subject = page.getByLabel(words.newCase.subject);
      await expect.poll(() => subject.getAttribute('aria-invalid')).toBe('true');
      const errorId = ((await subject.getAttribute('aria-describedby')) ?? '').split(' ');
      const texts = await page.evaluate(
        (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? ''),
        errorId,
      );
      expect(texts).toContain(words.errors.reason.required);
      // Shown at the field, so not repeated above the form, and never in the server's English.
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByText('body.subject').count()).toBe(0);
      await checkScreen(page, 'new-case-error-pl');
    });

    it.each(['pl', 'et', 'en'] as const)(
      'shows a not-found page for an unknown address in %s',
      async (language) => {
        const words = LANGUAGES[language].notFound;
        const page = await e2e.staff.open('agent@salon.test', language);
        await page.goto(`${e2e.app.url}/no/such/page`);
        await page.getByRole('heading', { name: words.title, level: 1 }).waitFor();
        expect(
          await page.getByRole('heading', { name: LANGUAGES[language].inbox.title, level: 1 }).count(),
        ).toBe(0);
        expect(await page.getByRole('link', { name: words.backToInbox }).count()).toBe(1);
        await checkScreen(page, `not-found-page-${language}`);
      },
    );
  },
);
