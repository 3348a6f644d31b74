/** What the consumer is doing, as kafkajs tells it. */
export type ConsumerState = 'idle' | 'starting' | 'running' | 'restarting' | 'stopped';

interface PartitionProgress {
  topic: string;
  partition: number;
  /** The next offset to read, as last committed. */
  committed?: bigint;
  /** The partition's end, as last seen in a batch or asked of the broker. */
  highWatermark?: bigint;
  /** When messages last started waiting on a caught-up partition. */
  waitingSince?: number;
  lastCommitAt?: number;
  /** When the batch in hand was taken; absent between batches. */
  handlingSince?: number;
  lastProgressAt: number;
  deadLettered: number;
}

export interface TopicHealth {
  lag: number;
  lastCommitAt: string | null;
  deadLettered: number;
  stuckPartitions: number[];
}

export interface ConsumerHealthReport {
  healthy: boolean;
  state: ConsumerState;
  /** Why it is not healthy, for an operator. */
  problems: string[];
  restarts: number;
  topics: Record<string, TopicHealth>;
}

/**
 * One consumer's progress, for readiness: is it running, and is each partition either caught
 * up or moving. A partition is stuck when one batch has been in hand longer than `stuckAfterMs`
 * (a handler failing over and over) or when messages wait and nothing was committed for that
 * long.
 */
export class ConsumerProgress {
  private state: ConsumerState = 'idle';
  private restarts = 0;
  private readonly partitions = new Map<string, PartitionProgress>();

  constructor(
    private readonly stuckAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  changed(state: ConsumerState): void {
    if (state === 'restarting') this.restarts++;
    this.state = state;
  }

  /** The partitions this member was given at its last join; others are some other member's. */
  assigned(assignment: Record<string, number[]>): void {
    for (const [key, progress] of this.partitions) {
      if (!assignment[progress.topic]?.includes(progress.partition)) this.partitions.delete(key);
    }
    for (const [topic, partitions] of Object.entries(assignment)) for (const partition of partitions) this.partition(topic, partition);
  }

  /** The topics of the partitions this member holds. */
  topicsHeld(): string[] {
    return [...new Set([...this.partitions.values()].map((progress) => progress.topic))];
  }

  batchTaken(topic: string, partition: number, firstOffset: string, highWatermark: string): void {
    const progress = this.partition(topic, partition);
    progress.committed ??= BigInt(firstOffset);
    this.observedEnd(topic, partition, highWatermark);
    progress.handlingSince = this.now();
  }

  /**
   * The group's committed offset as the broker told it: a partition taken over at a rebalance
   * has a position this member never committed itself.
   */
  observedCommitted(topic: string, partition: number, offset: string): void {
    const progress = this.partitions.get(`${topic}/${partition}`);
    if (!progress || BigInt(offset) < 0n) return;
    if (progress.committed === undefined || BigInt(offset) > progress.committed) progress.committed = BigInt(offset);
  }

  /** The partition's end as the broker told it, so lag shows even while no batch arrives. */
  observedEnd(topic: string, partition: number, highWatermark: string): void {
    const progress = this.partitions.get(`${topic}/${partition}`);
    if (!progress) return;
    const waitedBefore = lagOf(progress) > 0;
    progress.highWatermark = BigInt(highWatermark);
    if (!waitedBefore && lagOf(progress) > 0) progress.waitingSince = this.now();
  }

  /** The batch was let go without a commit (it will be delivered again). */
  batchDropped(topic: string, partition: number): void {
    this.partition(topic, partition).handlingSince = undefined;
  }

  committed(topic: string, partition: number, nextOffset: string, deadLettered: number): void {
    const progress = this.partition(topic, partition);
    progress.committed = BigInt(nextOffset);
    progress.lastCommitAt = progress.lastProgressAt = this.now();
    progress.handlingSince = undefined;
    progress.deadLettered += deadLettered;
  }

  /** Each held partition's lag, for metrics. */
  lags(): Array<{ topic: string; partition: number; lag: number }> {
    return [...this.partitions.values()].map((progress) => ({ topic: progress.topic, partition: progress.partition, lag: lagOf(progress) }));
  }

  report(): ConsumerHealthReport {
    const topics: Record<string, TopicHealth> = {};
    const lastCommits = new Map<string, number>();
    const problems: string[] = [];
    if (this.state !== 'running' && this.state !== 'idle') problems.push(`consumer is ${this.state}`);
    for (const progress of this.partitions.values()) {
      const topic = (topics[progress.topic] ??= { lag: 0, lastCommitAt: null, deadLettered: 0, stuckPartitions: [] });
      const lag = lagOf(progress);
      topic.lag += lag;
      topic.deadLettered += progress.deadLettered;
      if (progress.lastCommitAt !== undefined) lastCommits.set(progress.topic, Math.max(lastCommits.get(progress.topic) ?? 0, progress.lastCommitAt));
      const stuckFor = this.stuckFor(progress, lag);
      if (stuckFor !== undefined) {
        topic.stuckPartitions.push(progress.partition);
        problems.push(`${progress.topic}[${progress.partition}] made no progress for ${Math.round(stuckFor / 1000)} s with ${lag} waiting`);
      }
    }
    for (const [topic, at] of lastCommits) topics[topic].lastCommitAt = new Date(at).toISOString();
    return { healthy: problems.length === 0, state: this.state, problems, restarts: this.restarts, topics };
  }

  private stuckFor(progress: PartitionProgress, lag: number): number | undefined {
    const waiting = lag > 0 ? Math.max(progress.lastProgressAt, progress.waitingSince ?? 0) : undefined;
    const since = progress.handlingSince ?? waiting;
    if (since === undefined) return undefined;
    const idle = this.now() - since;
    return idle > this.stuckAfterMs ? idle : undefined;
  }

  private partition(topic: string, partition: number): PartitionProgress {
    const key = `${topic}/${partition}`;
    let progress = this.partitions.get(key);
    if (!progress) {
      progress = { topic, partition, lastProgressAt: this.now(), deadLettered: 0 };
      this.partitions.set(key, progress);
    }
    return progress;
  }
}

/** Unknown (0) until both ends are known: a partition's position is its group's, not always this member's. */
function lagOf(progress: PartitionProgress): number {
  if (progress.highWatermark === undefined || progress.committed === undefined) return 0;
  const lag = progress.highWatermark - (progress.committed ?? 0n);
  return lag > 0n ? Number(lag) : 0;
}
