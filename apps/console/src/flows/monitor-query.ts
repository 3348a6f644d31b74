import type { MonitorView } from '@faultline/contracts/browser';
import { get } from '../api/http';

/** The monitor's counts per integration, flow, step and tag: the Flows dashboard and the access picker read it. */
export const monitorQuery = {
  queryKey: ['errors', 'monitor'],
  queryFn: ({ signal }: { signal: AbortSignal }) => get<MonitorView>('errors', '/monitor', signal),
};
