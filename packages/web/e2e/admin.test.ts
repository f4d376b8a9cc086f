import { hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './browser.ts';
import { checkScreen, clippedInInbox, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCase, seedCases } from './server.ts';

/** The dense inbox (search, unread, bulk changes, saved views) and the owner's administration tabs. */

const HAS_BROWSER = await hasPart('browser');

const NAMES = ['Zofia Kaczmarek', 'Piotr Zieliński', 'Kadri Kask', 'Liis Saar', 'Emma Brown', 'Jan Wójcik'];

describe.skipIf(!HAS_BROWSER)('the inbox and administration in Chromium', { timeout: 300_000 }, () => {
  const suite = startE2eSuite(async (app) => {
    await seedCases(app.db);
    for (let i = 0; i < 16; i++) {
      await seedCase(
        app.db,
        {
          customer: { name: `${NAMES[i % NAMES.length]} ${i + 1}`, email: `klient${i + 1}@example.test` },
          channel: i % 2 ? 'email' : 'web',
          subject: `Pytanie o wizytę nr ${i + 1}`,
          message: {
            body: i === 7 ? 'Mój żółw nie mieści się w poczekalni.' : 'Proszę o zmianę terminu wizyty.',
          },
        },
        40 + i * 7,
      );
    }
  });

  const settingsTab = async (page: Page, language: Language, tab: 'tokens' | 'imports' | 'audit') => {
    const words = LANGUAGES[language];
    await page.getByRole('link', { name: words.nav.settings }).first().click();
    await page.getByRole('tab', { name: words.admin.tabs[tab] }).click();
  };

  it('lists a case a line, finds words typed without marks, and changes ticked cases in one go', async () => {
    const words = LANGUAGES.pl;
    const page = await suite.staff.open('supervisor@salon.test', 'pl');
    const rows = page.getByTestId('inbox-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(20);
    // At 1280×800 at least fifteen cases show without scrolling, each on one line, once the rows'
    // chips and the filters above them have loaded.
    const visible = () =>
      rows.evaluateAll(
        (all) => all.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length,
      );
    await expect.poll(visible).toBeGreaterThanOrEqual(15);
    const tallest = () =>
      rows.evaluateAll((all) => Math.max(...all.map((row) => row.getBoundingClientRect().height)));
    await expect.poll(tallest).toBeLessThan(48);
    // Every chip and button is whole: none is wider inside than it shows, none runs past its cell.
    await expect.poll(() => clippedInInbox(page)).toEqual([]);
    // Nobody has opened anything yet: every case is unread, until it is opened.
    const hostile = rows.filter({ hasText: 'Zniszczone włosy' });
    await expect.poll(() => hostile.getAttribute('data-unread')).toBe('true');
    await hostile.getByRole('link').click();
    await page.getByRole('link', { name: words.case.back }).first().click();
    await expect.poll(() => hostile.getAttribute('data-unread')).toBe('false');

    await page.getByLabel(words.inboxList.search).fill('zolw');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain('Pytanie o wizytę nr 8');
    await page.getByLabel(words.inboxList.search).fill('');
    await expect.poll(() => rows.count()).toBe(20);

    // Tick one row, shift-tick a third: the three rows between are ticked, then assigned at once.
    const boxes = page.getByTestId('inbox-list').locator('tbody input[type="checkbox"]');
    await boxes.nth(2).click();
    await boxes.nth(4).click({ modifiers: ['Shift'] });
    const bulk = page.getByRole('region', { name: words.inboxList.bulkTitle });
    await bulk.getByText(words.inboxList.selected.replace('{{count}}', '3')).waitFor();
    const ticked = await rows.evaluateAll((all) =>
      all.filter((row) => row.getAttribute('aria-selected') === 'true').map((row) => row.dataset.caseId),
    );
    expect(ticked).toHaveLength(3);
    await bulk.getByLabel(words.inboxList.assignTo, { exact: true }).first().click();
    await page.getByRole('option', { name: 'Anna Nowak' }).click();
    await bulk.waitFor({ state: 'detached' });
    for (const id of ticked) {
      await expect.poll(() => page.locator(`tr[data-case-id="${id}"]`).textContent()).toContain('Anna Nowak');
    }
    expect(await seriousViolations(page)).toEqual([]);

    // A search saved as a shared view comes back with one click.
    await page.getByLabel(words.inboxList.search).fill('wizyt');
    await expect.poll(() => rows.count()).toBe(16);
    await page.getByRole('button', { name: words.inboxList.saveView }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(words.inboxList.viewName).fill('Wizyty');
    await dialog.getByLabel(words.inboxList.shareView).check();
    await dialog.getByRole('button', { name: words.inboxList.save }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByLabel(words.inboxList.search).fill('');
    await expect.poll(() => rows.count()).toBe(20);
    const view = page
      .getByRole('group', { name: words.inboxList.views })
      .getByRole('button', { name: /^Wizyty/ });
    await view.click();
    await expect.poll(() => page.getByLabel(words.inboxList.search).inputValue()).toBe('wizyt');
    await expect.poll(() => rows.count()).toBe(16);
    await page
      .getByRole('button', { name: words.inboxList.deleteView.replace('{{name}}', 'Wizyty') })
      .click();
    await view.waitFor({ state: 'detached' });
  });

  it('creates an API token shown once, revokes it, imports a file with a bad row and filters the audit log', async () => {
    const words = LANGUAGES.pl;
    const page = await suite.staff.open('owner@salon.test', 'pl');
    await settingsTab(page, 'pl', 'tokens');
    await page.getByLabel(words.admin.tokens.label).fill('System rezerwacji');
    await page.getByRole('button', { name: words.admin.tokens.create }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^cd_/);
    const status = await page.evaluate(
      (bearer) =>
        fetch('/api/users', { headers: { authorization: `Bearer ${bearer}` } }).then((r) => r.status),
      token,
    );
    expect(status).toBe(200);
    await page
      .getByRole('button', { name: words.admin.tokens.revokeNamed.replace('{{label}}', 'System rezerwacji') })
      .click();
    await page
      .getByTestId('tokens')
      .getByText(words.admin.tokens.revokedAt.split(' ')[0] ?? '')
      .first()
      .waitFor();
    const after = await page.evaluate(
      (bearer) =>
        fetch('/api/users', { headers: { authorization: `Bearer ${bearer}` } }).then((r) => r.status),
      token,
    );
    expect(after).toBe(401);

    await page.getByRole('tab', { name: words.admin.tabs.imports }).click();
    const csv = 'external_id,name,email\nk-1,Barbara Lis,barbara@example.test\nk-2,,nie-email\n';
    await page.locator('input[type="file"]').setInputFiles({
      name: 'klienci.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: words.admin.imports.upload }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('1');
    const errorRows = page.getByTestId('import-errors').locator('tbody tr');
    await expect.poll(() => errorRows.count()).toBeGreaterThan(0);
    expect(await errorRows.first().textContent()).toContain('name');

    await page.getByRole('tab', { name: words.admin.tabs.audit }).click();
    const log = page.getByTestId('audit-log').locator('tbody tr');
    await expect.poll(() => log.count()).toBeGreaterThan(0);
    await page.getByLabel(words.admin.audit.action, { exact: true }).first().click();
    await page.getByRole('option', { name: 'token.revoke' }).click();
    await expect.poll(() => log.count()).toBe(1);
    expect(await log.first().textContent()).toContain('Olga Właścicielka');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(['pl', 'et', 'en'] as const)(
    'shows the inbox with cases ticked, and the tokens, imports and audit tabs in %s',
    async (language) => {
      const words = LANGUAGES[language];
      const page = await suite.staff.open('owner@salon.test', language);
      const boxes = page.getByTestId('inbox-list').locator('input[type="checkbox"]');
      await boxes.nth(1).click();
      await boxes.nth(2).click();
      await page.getByRole('region', { name: words.inboxList.bulkTitle }).waitFor();
      await checkScreen(page, `inbox-bulk-${language}`);
      await page.getByRole('button', { name: words.inboxList.saveView }).click();
      await page.getByRole('dialog').getByLabel(words.inboxList.viewName).waitFor();
      await checkScreen(page, `inbox-save-view-${language}`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await settingsTab(page, language, 'tokens');
      await page.getByRole('heading', { name: words.admin.tokens.title }).waitFor();
      await checkScreen(page, `settings-tokens-${language}`);
      await page.getByRole('tab', { name: words.admin.tabs.imports }).click();
      await page.getByRole('heading', { name: words.admin.imports.title }).waitFor();
      await checkScreen(page, `settings-imports-${language}`);
      await page.getByRole('tab', { name: words.admin.tabs.audit }).click();
      await page.getByTestId('audit-log').waitFor();
      await checkScreen(page, `settings-audit-${language}`);
      await page.getByRole('link', { name: words.nav.settings }).first().click();
      const staff = page.getByRole('region', { name: words.staff.title });
      const row = staff.getByRole('row').filter({ hasText: 'Sebastian' });
      await row.getByRole('button', { name: words.admin.staff.edit }).click();
      await page.getByRole('dialog').getByLabel(words.settings.role).waitFor();
      await checkScreen(page, `settings-staff-edit-${language}`);
    },
  );
});
