import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { theme } from '../app/theme';

/**
 * Renders a component as the console does (its theme, a query cache) with the data its queries
 * would have fetched already in the cache: components are tested on what they show and do, and
 * no query reaches the network (retries off, so a missing answer fails the test at once).
 */
export function renderWith(element: ReactElement, cached: Array<[readonly unknown[], unknown]> = []): RenderResult & { client: QueryClient } {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  for (const [key, data] of cached) client.setQueryData(key, data);
  const rendered = render(
    <QueryClientProvider client={client}>
      <MantineProvider theme={theme} env="test">
        {element}
      </MantineProvider>
    </QueryClientProvider>,
  );
  return { ...rendered, client };
}
