import { LEVELS } from '@calmdesk/analysis/vocabulary';
import type { Settings } from '@calmdesk/contracts';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field.tsx';

type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
const WEEKDAYS: Weekday[] = ['1', '2', '3', '4', '5', '6', '7'];
const DEFAULT_HOURS: [string, string] = ['09:00', '17:00'];

/** The weekday's name in the interface language: 5 January 1970 was a Monday. */
function weekdayName(day: Weekday, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(1970, 0, 4 + Number(day)),
  );
}

type TargetField = 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes';

/** The service levels' fields an error can be shown at (formErrors' field names). */
export const SERVICE_LEVEL_FIELDS = [
  ...WEEKDAYS.map((day) => `businessHours.days.${day}`),
  'holidays',
  ...(['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const).flatMap((field) =>
    LEVELS.map((level) => `${field}.${level}`),
  ),
];

interface Props {
  draft: Settings;
  setDraft: (next: Settings) => void;
  canEdit: boolean;
  /** The error to show at a field, in the person's language (formErrors' `at`). */
  errorAt: (field: string) => string | undefined;
}

/**
 * A target as typed: an empty field is sent as nothing (null), so the server names the field that needs
 * a number, as it does for 0 or a fraction; nothing is rounded or clamped behind the owner's back.
 */
function typedMinutes(value: number | string): number {
  return value === '' ? (null as unknown as number) : Number(value);
}

/** Business hours per weekday, holidays, and the response and resolution targets in business minutes. */
export function ServiceLevelsFields({ draft, setDraft, canEdit, errorAt }: Props) {
  const { t, i18n } = useTranslation();
  const days = draft.businessHours.days;
  const setDay = (day: Weekday, hours: [string, string] | undefined) => {
    const next = { ...days };
    if (hours) next[day] = hours;
    else delete next[day];
    setDraft({ ...draft, businessHours: { ...draft.businessHours, days: next } });
  };
  const setHolidays = (holidays: Settings['holidays']) => setDraft({ ...draft, holidays });
  const targets = (field: TargetField, title: string) => (
    <fieldset className="plain-fieldset">
      <Text component="legend" fw={600} size="sm">
        {title}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {LEVELS.map((level) => (
          <NumberInput
            key={level}
            label={t(`level.${level}`)}
            min={1}
            max={43_200}
            clampBehavior="none"
            disabled={!canEdit}
            value={draft[field][level] ?? ''}
            onChange={(value) =>
              setDraft({ ...draft, [field]: { ...draft[field], [level]: typedMinutes(value) } })
            }
            error={errorAt(`${field}.${level}`)}
            data-testid={`${field}-${level}`}
          />
        ))}
      </SimpleGrid>
    </fieldset>
  );
  return (
    <Stack>
      <Title order={3} size="h5">
        {t('settings.businessHours')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('settings.businessHoursHint')}
      </Text>
      <Stack gap={6}>
        {WEEKDAYS.map((day) => {
          const hours = days[day];
          const name = weekdayName(day, i18n.language);
          return (
            <Group key={day} gap="sm" wrap="wrap" data-weekday={day}>
              <Checkbox
                w={150}
                label={name}
                checked={Boolean(hours)}
                disabled={!canEdit}
                onChange={(e) => setDay(day, e.currentTarget.checked ? DEFAULT_HOURS : undefined)}
              />
              {hours ? (
                <>
                  <TextInput
                    aria-label={`${name}: ${t('settings.opens')}`}
                    placeholder="09:00"
                    w={90}
                    disabled={!canEdit}
                    value={hours[0]}
                    onChange={(e) => setDay(day, [e.currentTarget.value, hours[1]])}
                  />
                  <Text size="sm">–</Text>
                  <TextInput
                    aria-label={`${name}: ${t('settings.closes')}`}
                    placeholder="17:00"
                    w={90}
                    disabled={!canEdit}
                    value={hours[1]}
                    onChange={(e) => setDay(day, [hours[0], e.currentTarget.value])}
                    error={errorAt(`businessHours.days.${day}`)}
                  />
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('settings.closed')}
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
      <Title order={3} size="h5">
        {t('settings.holidays')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('settings.holidaysHint')}
      </Text>
      <Stack gap={6}>
        {draft.holidays.map((holiday, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the fields are controlled; keyed by date, a row would remount while its date is typed
          <Group key={i} gap="sm" wrap="wrap" data-holiday={holiday.date}>
            <DateField
              aria-label={t('settings.holidayDate')}
              w={170}
              disabled={!canEdit}
              value={holiday.date}
              onChange={(date) => setHolidays(draft.holidays.map((h, j) => (j === i ? { ...h, date } : h)))}
            />
            <TextInput
              aria-label={t('settings.holidayName')}
              placeholder={t('settings.holidayName')}
              disabled={!canEdit}
              value={holiday.name ?? ''}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setHolidays(
                  draft.holidays.map((h, j) => (j === i ? { date: h.date, ...(name ? { name } : {}) } : h)),
                );
              }}
            />
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('settings.removeHoliday', { date: holiday.date })}
                onClick={() => setHolidays(draft.holidays.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {errorAt('holidays') && (
          <Text size="sm" c="var(--calm-text-error)" role="alert">
            {errorAt('holidays')}
          </Text>
        )}
        {draft.holidays.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('settings.noHolidays')}
          </Text>
        )}
        {canEdit && (
          <Button
            variant="light"
            w="fit-content"
            onClick={() => setHolidays([...draft.holidays, { date: new Date().toISOString().slice(0, 10) }])}
          >
            {t('settings.addHoliday')}
          </Button>
        )}
      </Stack>
      <Title order={3} size="h5">
        {t('settings.targets')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('settings.targetsHint')}
      </Text>
      {targets('firstResponseMinutes', t('settings.firstTargets'))}
      {targets('nextResponseMinutes', t('settings.nextTargets'))}
      {targets('resolutionMinutes', t('settings.resolutionTargets'))}
    </Stack>
  );
}
