import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  // Dark enough for white text on buttons to pass WCAG AA; light fills get dark text.
  primaryShade: 9,
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  defaultRadius: 'sm',
});

/**
 * CalmDesk's own surfaces and text colours, one name per use, so each screen follows the system's
 * light or dark setting and keeps WCAG AA contrast in both (checked with axe in each).
 */
const CALM_LIGHT = {
  '--calm-surface-muted': 'var(--mantine-color-gray-0)',
  '--calm-surface-note': 'var(--mantine-color-yellow-0)',
  '--calm-surface-accent': 'var(--mantine-color-teal-0)',
  '--calm-surface-accent-hover': 'var(--mantine-color-teal-1)',
  '--calm-text-ok': 'var(--mantine-color-teal-9)',
  '--calm-text-error': 'var(--mantine-color-red-9)',
  '--calm-mark': 'var(--mantine-color-yellow-1)',
  '--calm-mark-line': 'var(--mantine-color-yellow-7)',
  '--calm-mark-abuse': 'var(--mantine-color-red-1)',
  '--calm-mark-abuse-line': 'var(--mantine-color-red-8)',
  '--calm-finding-block': 'var(--mantine-color-red-0)',
  '--calm-border-subtle': 'var(--mantine-color-gray-2)',
  '--calm-border-input': 'var(--mantine-color-gray-4)',
  '--calm-dot': 'var(--mantine-color-teal-8)',
};
const CALM_DARK: Record<keyof typeof CALM_LIGHT, string> = {
  '--calm-surface-muted': 'var(--mantine-color-dark-6)',
  '--calm-surface-note': 'color-mix(in srgb, var(--mantine-color-yellow-9) 22%, var(--mantine-color-dark-7))',
  '--calm-surface-accent': 'color-mix(in srgb, var(--mantine-color-teal-9) 30%, var(--mantine-color-dark-7))',
  '--calm-surface-accent-hover':
    'color-mix(in srgb, var(--mantine-color-teal-9) 45%, var(--mantine-color-dark-7))',
  '--calm-text-ok': 'var(--mantine-color-teal-3)',
  '--calm-text-error': 'var(--mantine-color-red-3)',
  '--calm-mark': 'color-mix(in srgb, var(--mantine-color-yellow-7) 35%, var(--mantine-color-dark-7))',
  '--calm-mark-line': 'var(--mantine-color-yellow-5)',
  '--calm-mark-abuse': 'color-mix(in srgb, var(--mantine-color-red-8) 45%, var(--mantine-color-dark-7))',
  '--calm-mark-abuse-line': 'var(--mantine-color-red-4)',
  '--calm-finding-block': 'color-mix(in srgb, var(--mantine-color-red-9) 30%, var(--mantine-color-dark-7))',
  '--calm-border-subtle': 'var(--mantine-color-dark-4)',
  '--calm-border-input': 'var(--mantine-color-dark-4)',
  '--calm-dot': 'var(--mantine-color-teal-4)',
};

/** WCAG AA contrast (checked with axe): Mantine's default light-scheme text shades are too pale for small text. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // A field's error text (and its border) in the readable red: the default red-6 is 3.3:1 on white.
    '--mantine-color-error': 'var(--calm-text-error)',
    '--mantine-color-teal-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-filled-hover': '#066649',
    '--mantine-color-teal-light-color': '#05573e',
    '--mantine-primary-color-light-color': '#05573e',
    '--mantine-primary-color-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-outline': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-text': 'var(--mantine-color-teal-9)',
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-red-light-color': '#a51d1d',
    '--mantine-color-red-outline': 'var(--mantine-color-red-9)',
    '--mantine-color-orange-filled': '#c2410c',
    '--mantine-color-orange-light-color': '#9a3412',
    '--mantine-color-orange-outline': '#9a3412',
    '--mantine-color-yellow-light-color': '#7c4a03',
    '--mantine-color-yellow-outline': '#7c4a03',
    '--mantine-color-blue-light-color': '#114a80',
    '--mantine-color-blue-outline': 'var(--mantine-color-blue-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-9)',
    '--mantine-color-gray-outline': 'var(--mantine-color-gray-8)',
    '--mantine-color-grape-light-color': 'var(--mantine-color-grape-9)',
    ...CALM_LIGHT,
  },
  dark: {
    // Mantine's dark dimmed text (dark-2 on dark-7) is just under 4.5:1 for small text.
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
    '--mantine-color-error': 'var(--calm-text-error)',
    // White text on filled badges and buttons needs the darker shades in the dark scheme too.
    '--mantine-color-teal-filled': 'var(--mantine-color-teal-9)',
    '--mantine-primary-color-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-orange-filled': '#c2410c',
    '--mantine-color-pink-filled': 'var(--mantine-color-pink-9)',
    '--mantine-color-grape-filled': 'var(--mantine-color-grape-9)',
    '--mantine-color-indigo-filled': 'var(--mantine-color-indigo-9)',
    '--mantine-color-blue-filled': 'var(--mantine-color-blue-9)',
    ...CALM_DARK,
  },
});
