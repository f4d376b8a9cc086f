import { describe, expect, it } from 'vitest';
import { parseTypedDate } from './date-field.tsx';

describe('parseTypedDate', () => {
  it('reads a day before the month in Polish and Estonian, as people there write it', () => {
    expect(parseTypedDate('03.02.2027', 'pl')).toBe('2027-02-03');
    expect(parseTypedDate('3.2.2027', 'et')).toBe('2027-02-03');
    expect(parseTypedDate('2027-02-03', 'pl')).toBe('2027-02-03');
  });

  it('reads an English date with the month spelt, or day first with slashes', () => {
    expect(parseTypedDate('3 Feb 2027', 'en')).toBe('2027-02-03');
    expect(parseTypedDate('3 February 2027', 'en')).toBe('2027-02-03');
    expect(parseTypedDate('03/02/2027', 'en')).toBe('2027-02-03');
  });

  it('refuses dates that do not exist and text that is no date', () => {
    expect(parseTypedDate('31.02.2027', 'pl')).toBeNull();
    expect(parseTypedDate('jutro', 'pl')).toBeNull();
    expect(parseTypedDate('', 'en')).toBeNull();
  });
});
