import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  // Dark enough for white text on buttons to pass WCAG AA; light fills get dark text.
  primaryShade: 9,
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  defaultRadius: 'sm',
});

/** WCAG AA contrast (checked with axe): Mantine's default light-scheme text shades are too pale for small text. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
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
  },
  dark: {},
});
