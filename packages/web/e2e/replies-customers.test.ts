import { hasPart } from '@calmdesk/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, type E2eSuite, LANGUAGES, type Language, startE2eSuite } from './screens.ts';
import { seedCase, seedMail } from './server.ts';

/**
 * Saved replies (managed on their page, inserted from the reply box and written out for the case),
 * one's own signature and grammatical gender, the customer directory, merging and opening a case.
 */

const HAS_BROWSER = await hasPart('browser');
let e2e: E2eSuite;
let mailedCase = '';
const customers: Record<string, string> = {};

async function customerIdOf(caseId: string): Promise<string> {
  const row = await e2e.app.db
    .selectFrom('cases')
    .select('customer_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.customer_id;
}

describe.skipIf(!HAS_BROWSER)(
  'saved replies, signatures and customers in Chromium',
  { timeout: 300_000 },
  () => {
    e2e = startE2eSuite(async (app) => {
      mailedCase = (await seedMail(app.db)).caseId;
      await app.db
        .insertInto('canned_replies')
        .values({
          id: 'seeded-reply',
          lang: 'en',
          title: 'Callback arranged',
          body: 'Hello {customer_first_name}, I will call you back by {due_date}. {agent_name}',
          owner_id: null,
          created_by: app.staff.supervisor.id,
          updated_at: new Date(),
        })
        .execute();
      for (const [key, name, email, language] of [
        ['lukasz', 'Łukasz Żółtowski', 'lukasz.z@example.test', 'pl'],
        ['lukaszWork', 'Łukasz Żółtowski', 'l.zoltowski@firma.example.test', 'pl'],
        ['mari', 'Mari Tõnisson', 'mari.t@example.test', 'et'],
      ] as const) {
        const caseId = await seedCase(app.db, {
          customer: { name, email, language },
          channel: 'email',
          subject: key === 'lukaszWork' ? 'Faktura za serwis' : 'Wizyta',
          message: { body: 'Dzień dobry, proszę o kontakt w sprawie wizyty.' },
        });
        customers[key] = (
          await app.db
            .selectFrom('cases')
            .select('customer_id')
            .where('id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).customer_id;
      }
    });

    it('a supervisor shares a Polish reply; the agent, feminine, inserts it for a customer addressed as Pani, signature shown', async () => {
      const words = LANGUAGES.pl;
      const supervisor = await e2e.staff.open('supervisor@salon.test', 'pl');
      await supervisor.getByRole('link', { name: words.replies.nav }).click();
      await supervisor.getByRole('heading', { name: words.replies.pageTitle, level: 1 }).waitFor();
      await supervisor.getByRole('button', { name: words.replies.add }).first().click();
      const form = supervisor.getByTestId('reply-form');
      await form.getByText(words.replies.shared, { exact: true }).click();
      await form.getByRole('button', { name: words.replies.save }).click();
      // An empty title is refused next to the field, in Polish.
      await form.getByRole('textbox', { name: words.replies.title }).fill(' ');
      await form.getByRole('textbox', { name: words.replies.body }).fill('x');
      await form.getByRole('button', { name: words.replies.save }).click();
      await form.getByText(words.replies.titleNeeded).waitFor();
      await form.getByRole('textbox', { name: words.replies.title }).fill('Potwierdzenie zgłoszenia');
      await form
        .getByRole('textbox', { name: words.replies.body })
        .fill(
          'Dzień dobry, {customer_name}!\nPrzyjąłem/Przyjęłam zgłoszenie {case_ref}: przepraszam, że musiał(a) Pan/Pani czekać. Chciałbym/Chciałabym to wyjaśnić do jutra.',
        );
      await form.getByRole('button', { name: words.replies.save }).click();
      await supervisor.getByTestId('canned-reply').filter({ hasText: 'Potwierdzenie zgłoszenia' }).waitFor();

      const agent = await e2e.staff.open('agent@salon.test', 'pl');
      await agent.getByRole('link', { name: words.ownProfile.nav }).click();
      await agent
        .getByRole('textbox', { name: words.ownProfile.signature })
        .fill('Anna Nowak\nSalon, tel. 600 100 200');
      await agent.getByRole('radio', { name: words.ownProfile.form.feminine }).check();
      await agent.getByRole('button', { name: words.ownProfile.save }).click();
      await agent.getByTestId('profile-saved').waitFor();

      const customerId = await customerIdOf(mailedCase);
      await e2e.app.db
        .updateTable('customers')
        .set({ salutation: 'ms' })
        .where('id', '=', customerId)
        .execute();
      const customer = await e2e.app.db
        .selectFrom('customers')
        .select('name')
        .where('id', '=', customerId)
        .executeTakeFirstOrThrow();
      await agent.goto(`${e2e.app.url}/cases/${mailedCase}`);
      await agent.getByRole('textbox', { name: words.case.reply, exact: true }).waitFor();
      const picker = agent.getByTestId('canned-reply-picker').getByPlaceholder(words.replies.choose);
      await picker.click();
      await agent.getByRole('option', { name: 'Potwierdzenie zgłoszenia' }).click();
      const editor = agent.getByRole('textbox', { name: words.case.reply, exact: true });
      await expect
        .poll(() => editor.inputValue())
        .toBe(
          `Dzień dobry, ${customer.name}!\nPrzyjęłam zgłoszenie #${mailedCase.slice(0, 8)}: przepraszam, że musiała Pani czekać. Chciałabym to wyjaśnić do jutra.`,
        );
      // Inserted text is coached like typed text: the deadline it names is recognised.
      await agent.locator('[data-element="deadline"][data-has="true"]').waitFor();
      await agent.getByTestId('signature-preview').getByText('Salon, tel. 600 100 200').waitFor();
      // The guidance phrases beside the box are written for a Pani too, never with a slash.
      const phrases = await agent
        .getByRole('button', { name: new RegExp(`^${words.case.insert}:`) })
        .allTextContents();
      const labels = await agent
        .getByRole('button', { name: new RegExp(`^${words.case.insert}:`) })
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
      expect(phrases.length).toBeGreaterThan(0);
      expect(labels.filter((label) => /Pan\/Pani|Pana\/Pani|\(a\)/.test(label))).toEqual([]);
    });

    for (const language of ['pl', 'et', 'en'] as const satisfies Language[]) {
      it(`shows the new screens in ${language}: saved replies, my profile, the directory, merging, the reply box`, async () => {
        const words = LANGUAGES[language];
        const page = await e2e.staff.open('supervisor@salon.test', language);
        await page.goto(`${e2e.app.url}/replies`);
        await page.getByRole('heading', { name: words.replies.pageTitle, level: 1 }).waitFor();
        await page.getByTestId('canned-reply').first().waitFor();
        await checkScreen(page, `replies-${language}`);
        await page.goto(`${e2e.app.url}/profile`);
        await page.getByRole('heading', { name: words.ownProfile.title, level: 1 }).waitFor();
        await checkScreen(page, `profile-${language}`);
        await page.goto(`${e2e.app.url}/customers`);
        await page.getByTestId('customers-table').waitFor();
        await checkScreen(page, `customers-${language}`);
        await page.goto(`${e2e.app.url}/customers/${customers.mari}`);
        await page.getByRole('button', { name: words.customerEdit.merge }).click();
        await page
          .getByRole('dialog')
          .getByRole('searchbox', { name: words.customerEdit.mergeSearch })
          .waitFor();
        await checkScreen(page, `customer-merge-${language}`);
        await page.keyboard.press('Escape');
        await page.goto(`${e2e.app.url}/cases/${mailedCase}`);
        await page.getByTestId('signature-preview').waitFor();
        await checkScreen(page, `case-reply-box-${language}`);
      });
    }

    it('finds Łukasz typed as "Lukasz", merges his second address into him and opens a new case from his page', async () => {
      const words = LANGUAGES.en;
      const page: Page = await e2e.staff.open('supervisor@salon.test', 'en');
      await page.getByRole('link', { name: words.customers.nav }).click();
      // Typed once the directory has shown its first page, as a person would: the route settles first.
      await page.getByTestId('customers-table').waitFor();
      await page.getByRole('searchbox', { name: words.customers.search }).fill('Lukasz zoltowski');
      await expect.poll(() => page.getByTestId('customers-table').locator('tbody tr').count()).toBe(2);
      await page
        .getByTestId('customers-total')
        .getByText(words.customers.total.replace('{{formatted}}', '2'))
        .waitFor();
      await page.goto(`${e2e.app.url}/customers/${customers.lukasz}`);
      await page.getByRole('button', { name: words.customerEdit.merge }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('searchbox', { name: words.customerEdit.mergeSearch }).fill('firma');
      await dialog.getByRole('radio', { name: /l\.zoltowski@firma/ }).check();
      await dialog.getByTestId('merge-warning').waitFor();
      await dialog.getByRole('button', { name: words.customerEdit.mergeButton }).click();
      await dialog.getByTestId('merged').waitFor();
      await page.keyboard.press('Escape');
      await page.getByText('Faktura za serwis').first().waitFor();
      const gone = await e2e.app.db
        .selectFrom('customers')
        .select('id')
        .where('id', '=', customers.lukaszWork ?? '')
        .executeTakeFirst();
      expect(gone).toBeUndefined();

      await page.getByRole('button', { name: words.customerEdit.newCase }).click();
      const opening = page.getByRole('dialog');
      await opening.getByRole('textbox', { name: words.newCase.subject }).fill('Reklamacja po scaleniu');
      await opening.getByRole('button', { name: words.customerEdit.openCase }).click();
      await page.getByRole('heading', { name: 'Reklamacja po scaleniu', level: 1 }).waitFor();
      const opened = await e2e.app.db
        .selectFrom('cases')
        .select('customer_id')
        .where('subject', '=', 'Reklamacja po scaleniu')
        .executeTakeFirstOrThrow();
      expect(opened.customer_id).toBe(customers.lukasz);
    });
  },
);
