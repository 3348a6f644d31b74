import { bucketFor, timelinePoints } from './timeline-buckets';

describe('the timeline of new errors', () => {
  const now = new Date('2026-12-01T15:20:00.000Z');

  it('counts by the hour up to two days, by the day beyond', () => {
    expect([1, 24, 48, 49, 720].map(bucketFor)).toEqual(['hour', 'hour', 'hour', 'day', 'day']);
  });

  it('has every bucket of the period, oldest first, empty ones as zero', () => {
    const counts = new Map([[Date.parse('2026-12-01T14:00:00.000Z'), 7]]);
    expect(timelinePoints(now, 2, counts)).toEqual({
      bucket: 'hour',
      points: [
        { at: '2026-12-01T13:00:00.000Z', errors: 0 },
        { at: '2026-12-01T14:00:00.000Z', errors: 7 },
        { at: '2026-12-01T15:00:00.000Z', errors: 0 },
      ],
    });
    const days = timelinePoints(now, 72, new Map());
    expect(days.points.map((point) => point.at)).toEqual(['2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z', '2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });
});
