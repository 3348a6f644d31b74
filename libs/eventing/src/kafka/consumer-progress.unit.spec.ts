import { ConsumerProgress } from './consumer-progress';

function progressAt(start = 1_000_000) {
  const clock = { now: start };
  const progress = new ConsumerProgress(60_000, () => clock.now);
  progress.changed('running');
  progress.assigned({ 'flow.errors.v1': [0, 1] });
  return { progress, clock };
}

describe('a consumer\'s readiness', () => {
  it('is not ready before it joins its group, nor after it crashed or stopped', () => {
    const progress = new ConsumerProgress(60_000);
    progress.changed('starting');
    expect(progress.report()).toMatchObject({ healthy: false, problems: ['consumer is starting'] });
    progress.changed('running');
    expect(progress.report().healthy).toBe(true);
    progress.changed('restarting');
    expect(progress.report()).toMatchObject({ healthy: false, restarts: 1 });
    progress.changed('stopped');
    expect(progress.report().problems).toEqual(['consumer is stopped']);
  });

  it('reports lag, the last commit and dead letters per topic', () => {
    const { progress, clock } = progressAt();
    progress.batchTaken('flow.errors.v1', 0, '0', '10');
    clock.now += 500;
    progress.committed('flow.errors.v1', 0, '6', 2);
    progress.observedCommitted('flow.errors.v1', 1, '0');
    progress.observedEnd('flow.errors.v1', 1, '3');
    expect(progress.report()).toMatchObject({
      healthy: true,
      topics: { 'flow.errors.v1': { lag: 7, deadLettered: 2, lastCommitAt: new Date(1_000_500).toISOString(), stuckPartitions: [] } },
    });
  });

  it('is stuck when one batch has been in hand longer than the limit', () => {
    const { progress, clock } = progressAt();
    progress.batchTaken('flow.errors.v1', 0, '0', '1');
    clock.now += 60_001;
    expect(progress.report()).toMatchObject({ healthy: false, topics: { 'flow.errors.v1': { stuckPartitions: [0] } } });
    progress.committed('flow.errors.v1', 0, '1', 0);
    expect(progress.report().healthy).toBe(true);
  });

  it('is stuck when messages wait and nothing is committed for longer than the limit', () => {
    const { progress, clock } = progressAt();
    progress.observedCommitted('flow.errors.v1', 1, '0');
    clock.now += 3_600_000;
    progress.observedEnd('flow.errors.v1', 1, '4');
    clock.now += 59_000;
    expect(progress.report().healthy).toBe(true);
    clock.now += 2_000;
    expect(progress.report()).toMatchObject({ healthy: false, topics: { 'flow.errors.v1': { lag: 4, stuckPartitions: [1] } } });
  });

  it('takes over the group\'s position for a partition it received at a rebalance, and is not stuck there', () => {
    const { progress, clock } = progressAt();
    progress.observedEnd('flow.errors.v1', 1, '3');
    clock.now += 120_000;
    expect(progress.report().healthy).toBe(true);
    progress.observedCommitted('flow.errors.v1', 1, '3');
    expect(progress.report()).toMatchObject({ healthy: true, topics: { 'flow.errors.v1': { lag: 0 } } });
    progress.observedEnd('flow.errors.v1', 1, '5');
    clock.now += 61_000;
    expect(progress.report()).toMatchObject({ healthy: false, topics: { 'flow.errors.v1': { lag: 2, stuckPartitions: [1] } } });
  });

  it('forgets partitions another member took over at a rebalance', () => {
    const { progress, clock } = progressAt();
    progress.observedEnd('flow.errors.v1', 1, '4');
    progress.assigned({ 'flow.errors.v1': [0] });
    clock.now += 120_000;
    expect(progress.report()).toMatchObject({ healthy: true, topics: { 'flow.errors.v1': { lag: 0 } } });
  });
});
