import { barHeights, chartSummary } from './chart-scale';

describe('the errors chart', () => {
  it('scales bars to the peak and keeps small ones visible', () => {
    expect(barHeights([0, 1, 50, 100], 80)).toEqual([0, 2, 40, 80]);
    expect(barHeights([0, 0], 80)).toEqual([0, 0]);
  });

  it('says what it shows in words', () => {
    const points = [
      { at: '2026-12-01T13:00:00.000Z', errors: 2 },
      { at: '2026-12-01T14:00:00.000Z', errors: 5 },
    ];
    expect(chartSummary(points, 'hour', (at) => at.slice(11, 16))).toBe('7 new errors since 13:00; most in the hour of 14:00 (5).');
    expect(chartSummary([{ at: 'Dec 1', errors: 0 }], 'day', String)).toBe('No new errors since Dec 1.');
    expect(chartSummary([], 'day', String)).toBe('No new errors.');
  });
});
