const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago": how long since a time, in the largest unit that fits. */
export function relativeTime(iso: string, now = Date.now()): string {
  const elapsed = Date.parse(iso) - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size || unit === 'second') return format.format(Math.round(elapsed / size), unit);
  }
  return iso;
}
