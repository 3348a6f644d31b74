import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ProblemError } from './api/problem';
import { router } from './app/routes';
import { contrastResolver, theme } from './app/theme';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refusal will not change on retry; a network hiccup might.
    queries: { retry: (failures, error) => failures < 2 && !(error instanceof ProblemError && error.problem.status < 500 && error.problem.status > 0) },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrastResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
