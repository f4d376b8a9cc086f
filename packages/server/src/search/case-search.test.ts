import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

describe.each(TEST_DATABASES)('searching cases on %s', (kind) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    const open = async (key: string, payload: Record<string, unknown>) => {
      const created = await t.as('agent', { method: 'POST', url: '/api/cases', payload });
      expect(created.statusCode).toBe(201);
      ids[key] = created.json().id;
    };
    await open('turtle', {
      customer: { name: 'Jan Kowalski', email: 'jan@example.pl' },
      channel: 'email',
      subject: 'Zamówienie',
      message: { body: 'Mój żółw przyszedł w złym pudełku.' },
    });
    await open('apple', {
      customer: { name: 'Mari Tamm', phone: '+372 5123 4567' },
      channel: 'phone',
      subject: 'Tellimus',
      message: { body: 'Õun oli mädanenud.' },
    });
    await open('subject', {
      customer: { name: 'ŁUCJA ŚLIWA', email: 'lucja@firma.example' },
      channel: 'email',
      subject: 'Zażółć GĘŚLĄ jaźń',
    });
  });
  afterAll(() => t.close());

  const search = async (q: string) => {
    const found = await t.as('agent', { method: 'GET', url: `/api/cases?q=${encodeURIComponent(q)}` });
    expect(found.statusCode).toBe(200);
    return (found.json().items as Array<{ id: string }>).map((item) => item.id).sort();
  };

  it('finds Polish and Estonian words in a message typed without their marks', async () => {
    expect(await search('zolw')).toEqual([ids.turtle]);
    expect(await search('oun')).toEqual([ids.apple]);
    expect(await search('MADANENUD')).toEqual([ids.apple]);
    expect(await search('pudełku')).toEqual([ids.turtle]);
  });

  it('finds the subject and the customer name whatever their case and marks', async () => {
    expect(await search('gesla')).toEqual([ids.subject]);
    expect(await search('lucja sliwa')).toEqual([ids.subject]);
    expect(await search('kowalski')).toEqual([ids.turtle]);
  });

  it("finds the customer's e-mail address and phone number, spaces in the number or not", async () => {
    expect(await search('jan@example.pl')).toEqual([ids.turtle]);
    expect(await search('firma.example')).toEqual([ids.subject]);
    expect(await search('51234567')).toEqual([ids.apple]);
    expect(await search('5123 4567')).toEqual([ids.apple]);
  });

  it('finds a note written on a case, and nothing for words that are nowhere', async () => {
    const note = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${ids.subject}/interactions`,
      payload: { kind: 'note', body: 'Klientka dzwoniła w sprawie faktury' },
    });
    expect(note.statusCode).toBe(201);
    expect(await search('faktury')).toEqual([ids.subject]);
    expect(await search('pingwin')).toEqual([]);
    // LIKE's wildcards are searched for as they are typed.
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('follows a corrected customer name and a changed subject: the old words find nothing', async () => {
    const detail = (await t.as('agent', { method: 'GET', url: `/api/cases/${ids.turtle}` })).json();
    const corrected = await t.as('owner', {
      method: 'PATCH',
      url: `/api/customers/${detail.customer.id}`,
      payload: { name: 'Jan Żółkiewski' },
    });
    expect(corrected.statusCode).toBe(200);
    expect(await search('kowalski')).toEqual([]);
    expect(await search('zolkiewski')).toEqual([ids.turtle]);
    // The log's words stay findable after the rebuild.
    expect(await search('pudelku')).toEqual([ids.turtle]);
    const renamed = await t.as('agent', {
      method: 'PATCH',
      url: `/api/cases/${ids.apple}`,
      payload: { subject: 'Kaebus' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(await search('tellimus')).toEqual([]);
    expect(await search('kaebus')).toEqual([ids.apple]);
  });

  it('combines the search with the other filters', async () => {
    const found = await t.as('agent', { method: 'GET', url: '/api/cases?q=a&channel=phone' });
    expect((found.json().items as Array<{ id: string }>).map((item) => item.id)).toEqual([ids.apple]);
  });

  it('finds each of many cases a single statement inserted, as an import or a restore writes them', async () => {
    const db = t.database.db;
    const customer = {
      id: newId(),
      name: 'Zofia Wsadowa',
      emails: ['zofia@wsad.example'],
      phones: [],
      tags: [],
    };
    await db
      .insertInto('customers')
      .values({ ...customer, updated_at: new Date() })
      .execute();
    const subjects = ['Pierwsza wsadowa', 'Druga wsadowa', 'Trzecia wsadowa'];
    const rows = subjects.map((subject) => ({
      id: newId(),
      customer_id: customer.id,
      subject,
      channel: 'email' as const,
      status: 'open' as const,
      created_at: new Date(),
      updated_at: new Date(),
    }));
    await db.insertInto('cases').values(rows).execute();
    expect(await search('wsadowa')).toEqual(rows.map((row) => row.id).sort());
    expect(await search('druga wsadowa')).toEqual([rows[1]?.id]);
    expect(await search('zofia@wsad')).toHaveLength(3);
  });
});
