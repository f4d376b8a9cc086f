import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from './users.ts';

function errorsOf(patch: unknown): string[] {
  const result = SettingsPatchSchema.safeParse(patch);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('settings: business hours, holidays and response targets', () => {
  it('accepts opening hours per weekday, open until midnight included', () => {
    expect(
      errorsOf({
        businessHours: {
          days: { '1': ['09:00', '17:00'], '6': ['10:00', '14:00'], '7': ['00:00', '24:00'] },
        },
      }),
    ).toEqual([]);
  });

  it('refuses a day that closes before it opens, naming the day', () => {
    expect(errorsOf({ businessHours: { days: { '2': ['17:00', '09:00'] } } })).toEqual([
      'businessHours.days.2: the closing time must be after the opening time',
    ]);
    expect(errorsOf({ businessHours: { days: { '8': ['09:00', '17:00'] } } })).toHaveLength(1);
    expect(errorsOf({ businessHours: { days: { '1': ['9:00', '24:30'] } } })).toEqual([
      'businessHours.days.1.0: a time is HH:MM',
      'businessHours.days.1.1: a closing time is HH:MM or 24:00',
    ]);
  });

  it('accepts holidays with an optional name and refuses dates that do not exist or repeat', () => {
    expect(
      errorsOf({
        holidays: [{ date: '2026-11-11', name: 'Narodowe Święto Niepodległości' }, { date: '2026-02-24' }],
      }),
    ).toEqual([]);
    expect(errorsOf({ holidays: [{ date: '2026-02-30' }] })).toEqual(['holidays.0.date: no such date']);
    expect(errorsOf({ holidays: [{ date: '24.02.2026' }] })).toEqual([
      'holidays.0.date: a date is YYYY-MM-DD',
    ]);
    expect(
      errorsOf({ holidays: [{ date: '2026-12-25' }, { date: '2026-12-25', name: 'Christmas' }] }),
    ).toEqual(['holidays: each holiday date only once']);
  });

  it('takes next-response targets per level beside the first-response ones', () => {
    expect(errorsOf({ nextResponseMinutes: { calm: 480, upset: 240, angry: 60, hostile: 30 } })).toEqual([]);
    expect(errorsOf({ nextResponseMinutes: { calm: 480, upset: 240, angry: 60 } })).toEqual([
      'nextResponseMinutes.hostile: Invalid input: expected number, received undefined',
    ]);
    expect(errorsOf({ nextResponseMinutes: { calm: 0, upset: 240, angry: 60, hostile: 30 } })).toHaveLength(
      1,
    );
  });
});
