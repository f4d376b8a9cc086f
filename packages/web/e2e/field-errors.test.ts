import { hasPart } from '@calmdesk/server/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCase } from './server.ts';

/**
 * Errors a person causes, in their language, next to what they can fix: an import's refused rows and
 * refused file, the service levels, the reply box and the case's facts and compensation.
 */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;
const ids: Record<string, string> = {};

/** A dictionary text with its placeholders filled, as i18next fills them. */
function filled(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The field is marked invalid, and the text it points to (aria-describedby) sits just under it. */
async function expectErrorNextTo(field: Locator, text: string): Promise<void> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const described = await field.evaluate((element) => {
    const own = element.getBoundingClientRect();
    return (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter((node): node is HTMLElement => node !== null && node.textContent !== '')
      .map((node) => ({ text: node.textContent ?? '', gap: node.getBoundingClientRect().top - own.bottom }));
  });
  const error = described.find((d) => d.text === text);
  expect(error, `"${text}" among ${JSON.stringify(described)}`).toBeDefined();
  expect(error?.gap).toBeGreaterThanOrEqual(-1);
  expect(error?.gap).toBeLessThan(40);
}

async function openSettings(page: Page, language: Language) {
  const words = LANGUAGES[language];
  await page.getByRole('link', { name: words.nav.settings }).first().click();
  await page.getByRole('heading', { name: words.settings.organisation }).waitFor();
}

describe.skipIf(!HAS_BROWSER)('errors next to their fields in Chromium', { timeout: 300_000 }, () => {
  e2e = startE2eSuite(async (app) => {
    for (const language of ['pl', 'et', 'en'] as const) {
      ids[language] = await seedCase(app.db, {
        customer: { name: `Klient ${language}`, email: `klient.${language}@example.test`, language },
        channel: 'email',
        subject: `Zmiana terminu ${language}`,
        message: { body: 'Dzień dobry, chciałabym przełożyć wizytę na przyszły tydzień. Dziękuję bardzo.' },
      });
    }
  });

  it.each(['pl', 'et', 'en'] as const)(
    'lists an import’s refused rows and a refused file in %s, each reason in the person’s words',
    async (language) => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('owner@salon.test', language);
      await openSettings(page, language);
      await page.getByRole('tab', { name: words.admin.tabs.imports }).click();
      const upload = async (name: string, text: string) => {
        await page.locator('input[type="file"]').setInputFiles({
          name,
          mimeType: 'text/csv',
          buffer: Buffer.from(text),
        });
        await page.getByRole('button', { name: words.admin.imports.upload }).click();
      };
      await upload('klienci.csv', 'id,total\n1,2\n');
      await expect
        .poll(() => page.getByTestId('import-file-error').textContent())
        .toBe(filled(words.errors.reason.import_columns_unknown, { columns: 'id, total' }));

      await page.getByLabel(words.admin.imports.kind).first().click();
      await page.getByRole('option', { name: words.admin.imports.kinds.bookings }).click();
      await upload(
        'rezerwacje.csv',
        [
          'external_id,customer_email,starts_at,status',
          `b-${language}-1,klient.${language}@example.test,2026-03-02 10:00,booked`,
          `b-${language}-2,nie-email,2026-03-02 11:00,booked`,
          `b-${language}-3,klient.${language}@example.test,2.03.2026,booked`,
          `b-${language}-4,klient.${language}@example.test,2026-03-02 12:00,maybe`,
          '',
        ].join('\n'),
      );
      const rows = page.getByTestId('import-errors').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      const cells = await rows.evaluateAll((all) =>
        all.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
      );
      const reasons = words.admin.imports.reasons;
      expect(cells).toEqual([
        ['3', 'customer_email', filled(reasons.not_an_email, { value: 'nie-email' }), '3'],
        ['4', 'starts_at', filled(reasons.not_a_date, { value: '2.03.2026' }), '4'],
        [
          '5',
          'status',
          filled(reasons.not_a_choice, {
            value: 'maybe',
            allowed: 'booked, attended, cancelled, late_cancelled, no_show',
          }),
          '5',
        ],
      ]);
      await checkScreen(page, `settings-import-errors-${language}`);
    },
  );

  it.each(['pl', 'et', 'en'] as const)(
    'names a service level of 0 and a resolution shorter than the first response at their fields in %s',
    async (language) => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('owner@salon.test', language);
      await openSettings(page, language);
      const form = page.getByRole('region', { name: words.settings.organisation });
      const save = form.getByRole('button', { name: words.settings.save });
      const calmFirst = form.getByTestId('firstResponseMinutes-calm');
      const before = await calmFirst.inputValue();
      await calmFirst.fill('0');
      await save.click();
      await expectErrorNextTo(calmFirst, filled(words.errors.reason.too_small, { limit: 1 }));
      await checkScreen(page, `settings-service-level-error-${language}`);

      await calmFirst.fill(before);
      const hostileResolution = form.getByTestId('resolutionMinutes-hostile');
      const hostileFirst = await form.getByTestId('firstResponseMinutes-hostile').inputValue();
      await hostileResolution.fill('10');
      await save.click();
      await expectErrorNextTo(
        hostileResolution,
        filled(words.errors.reason.resolution_before_first_response, { limit: hostileFirst }),
      );
      expect(await calmFirst.getAttribute('aria-invalid')).not.toBe('true');
      // Nothing was stored: the settings still hold the defaults.
      const stored = await page.evaluate(() => fetch('/api/settings').then((r) => r.json()));
      expect(stored.resolutionMinutes.hostile).toBe(240);
    },
  );

  it.each(['pl', 'et', 'en'] as const)(
    'names an empty reply, a refund without an amount and a stage too long at their fields in %s',
    async (language) => {
      const words = LANGUAGES[language];
      const page = await e2e.staff.open('supervisor@salon.test', language);
      await page.goto(`${e2e.app.url}/cases/${ids[language]}`);
      await page.getByRole('heading', { name: `Zmiana terminu ${language}` }).waitFor();

      const editor = page.getByRole('textbox', { name: words.case.reply, exact: true });
      await page.getByRole('button', { name: words.case.send, exact: true }).click();
      await expectErrorNextTo(editor, words.caseWork.bodyRequired);
      await editor.fill('Dzień dobry');
      await expect.poll(() => editor.getAttribute('aria-invalid')).toBeNull();
      await editor.fill('');

      await page.getByRole('button', { name: words.caseWork.proposeCompensation }).click();
      await page.getByLabel(words.case.kind).first().click();
      await page.getByRole('option', { name: words.compensationKind.cash_refund }).click();
      await page.getByRole('button', { name: words.case.propose, exact: true }).click();
      await expectErrorNextTo(
        page.getByLabel(words.case.amount),
        words.errors.reason.cash_refund_needs_amount,
      );

      const stage = page.getByLabel(words.case.stage);
      await stage.fill('x'.repeat(101));
      await stage.press('Enter');
      await expectErrorNextTo(stage, filled(words.errors.reason.too_long, { limit: 100 }));
      await page.getByRole('button', { name: words.case.send, exact: true }).click();
      await expectErrorNextTo(editor, words.caseWork.bodyRequired);
      await checkScreen(page, `case-field-errors-${language}`);
    },
  );
});
