/** Hours up to two days read best hour by hour; longer periods day by day. */
export type Bucket = 'hour' | 'day';

const SIZE: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000 };

export const bucketFor = (hours: number): Bucket => (hours <= 48 ? 'hour' : 'day');

/** The start of the bucket holding `time`, in UTC (as PostgreSQL's date_trunc at UTC gives it). */
export const bucketStart = (time: Date, bucket: Bucket): Date => new Date(Math.floor(time.getTime() / SIZE[bucket]) * SIZE[bucket]);

/** Every bucket from the one holding `now - hours` to the one holding `now`, counted from `counts` (missing: 0). */
export function timelinePoints(now: Date, hours: number, counts: ReadonlyMap<number, number>): { bucket: Bucket; points: Array<{ at: string; errors: number }> } {
  const bucket = bucketFor(hours);
  const last = bucketStart(now, bucket).getTime();
  const first = bucketStart(new Date(now.getTime() - hours * 3_600_000), bucket).getTime();
  const points = [];
  for (let at = first; at <= last; at += SIZE[bucket]) points.push({ at: new Date(at).toISOString(), errors: counts.get(at) ?? 0 });
  return { bucket, points };
}
