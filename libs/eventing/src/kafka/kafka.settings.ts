import { Kafka, logLevel, LogEntry } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  /**
   * kafkajs' idempotent producer needs a controller the client can reach; librdkafka's mock
   * cluster reports controller 0 while its brokers start at 1, so it stays off there.
   */
  idempotentProducer: boolean;
  /** Group membership timings; short ones make tests against a fresh group start quickly. */
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** How many partition batches one consumer handles at once. */
  partitionsConsumedConcurrently: number;
  /** The longest a fetch waits for data: the deadline half of "batch by size or deadline". */
  maxWaitTimeMs: number;
  /** Attempts at a batch part failing for a reason of its own before it is split to find the message at fault. */
  handlerAttempts: number;
  /** The first wait before a failed batch is tried again; it doubles, up to 30 s. */
  handlerBackoffMs: number;
  /** The wait before a crashed consumer is started again. */
  consumerRestartDelayMs: number;
  /** A partition with messages waiting and no commit for this long makes the service unready. */
  stuckAfterMs: number;
}

export type KafkaLog = (level: 'error' | 'warn' | 'info', message: string, context?: object) => void;

const LEVELS: Record<number, 'error' | 'warn' | 'info'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
};

export function createKafka(settings: KafkaSettings, log: KafkaLog): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, namespace, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log(LEVELS[level] ?? 'info', namespace ? `${namespace}: ${message}` : String(message), {
          broker: rest.broker,
          error: rest.error,
        });
      },
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
