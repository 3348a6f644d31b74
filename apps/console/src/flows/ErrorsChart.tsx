import type { ErrorsTimeline } from '@faultline/contracts/browser';
import { Group, Paper, SegmentedControl, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../api/http';
import { barHeights, chartSummary } from './chart-scale';

const PERIODS = [
  { value: '24', label: '24 hours' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
];
const HEIGHT = 120;

/** New errors over time, as bars; the summary sentence says the same for screen readers. */
export function ErrorsChart() {
  const [hours, setHours] = useState('24');
  const timeline = useQuery({
    queryKey: ['errors', 'timeline', hours],
    queryFn: ({ signal }) => get<ErrorsTimeline>('errors', `/monitor/timeline?hours=${hours}`, signal),
    refetchInterval: 30_000,
  });
  const points = timeline.data?.points ?? [];
  const bucket = timeline.data?.bucket ?? 'hour';
  const label = (at: string) => (bucket === 'hour' ? new Date(at).toLocaleString(undefined, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }) : new Date(at).toLocaleDateString());
  const heights = barHeights(points.map((point) => point.errors), HEIGHT);
  const width = 100 / Math.max(points.length, 1);
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          New errors over time
        </Title>
        <SegmentedControl aria-label="Period" data={PERIODS} value={hours} onChange={setHours} size="xs" />
      </Group>
      <svg role="img" aria-label={chartSummary(points, bucket, label)} viewBox={`0 0 100 ${HEIGHT}`} preserveAspectRatio="none" width="100%" height={HEIGHT}>
        {points.map((point, index) => (
          <rect key={point.at} x={index * width + width * 0.1} y={HEIGHT - heights[index]} width={width * 0.8} height={heights[index]} fill="var(--mantine-color-blue-8)">
            <title>{`${label(point.at)}: ${point.errors}`}</title>
          </rect>
        ))}
      </svg>
      <Text size="sm" c="dimmed" mt={4}>
        {chartSummary(points, bucket, label)}
      </Text>
    </Paper>
  );
}
