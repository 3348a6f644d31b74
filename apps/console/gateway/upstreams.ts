/** The four services behind the console's one origin, by the path segment after `/api/`. */
export const API_SERVICES = ['errors', 'assignment', 'identity', 'notifications'] as const;
export type ApiService = (typeof API_SERVICES)[number];
export type Upstreams = Record<ApiService, string>;

export interface ApiTarget {
  service: ApiService;
  /** The path and query on the service, e.g. `/errors?status=open`. */
  path: string;
}

/**
 * Maps `/api/<service>/<rest>` to the service. Internal routes (`/internal/…`, guarded by the
 * platform key) are never reachable through the console's origin, however the path is spelled,
 * and dot segments are refused rather than resolved.
 */
export function apiTarget(url: string): ApiTarget | undefined {
  const match = /^\/api\/([a-z]+)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!match || !(API_SERVICES as readonly string[]).includes(match[1])) return undefined;
  const rest = match[2] ?? '/';
  const decoded = decodeSafely(rest);
  if (/^\/+internal(\/|$)/i.test(decoded) || /\/\.\.?(\/|$)/.test(decoded)) return undefined;
  return { service: match[1] as ApiService, path: `${rest}${match[3] ?? ''}` };
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
