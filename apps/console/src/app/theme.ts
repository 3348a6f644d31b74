import { Alert, createTheme, CSSVariablesResolver, Notification } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  components: {
    // A light alert's title takes its colour, and yellow on pale yellow is below WCAG AA contrast: titles are in the text colour.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // A toast's close button is an icon alone: screen readers need its name.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
});

/** Mantine's dimmed grey (gray.6) is below WCAG AA contrast on white; gray.7 passes. */
export const contrastResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
