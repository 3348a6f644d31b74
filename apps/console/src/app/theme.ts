import { createTheme, CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({ primaryColor: 'blue', primaryShade: 8 });

/** Mantine's dimmed grey (gray.6) is below WCAG AA contrast on white; gray.7 passes. */
export const contrastResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
