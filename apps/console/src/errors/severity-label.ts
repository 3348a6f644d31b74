/** An error's severity as people say it: "high severity", and "no severity" rather than "none severity". */
export const severityLabel = (severity: string): string => (severity === 'none' ? 'no severity' : `${severity} severity`);
