/**
 * Entry point of the mock broker's child process. It talks to its supervisor over IPC:
 * it answers `ready` with the cluster's bootstrap address, then `topicsCreated` for every
 * `createTopics` request. It exits when the supervisor goes away.
 */
import { loadLibrdkafka } from './librdkafka';
import type { MockBrokerMessage, SupervisorMessage } from './mock-cluster.protocol';

function send(message: MockBrokerMessage): void {
  process.send?.(message);
}

function main(): void {
  const brokerCount = Number(process.env.MOCK_KAFKA_BROKERS ?? '1');
  const cluster = loadLibrdkafka().start(brokerCount);
  process.on('message', (message: SupervisorMessage) => {
    if (message.kind !== 'createTopics') return;
    try {
      for (const topic of message.topics) cluster.createTopic(topic.name, topic.partitions);
      send({ kind: 'topicsCreated', requestId: message.requestId });
    } catch (error) {
      send({ kind: 'topicsCreated', requestId: message.requestId, error: (error as Error).message });
    }
  });
  process.on('disconnect', () => process.exit(0));
  // Ctrl-C reaches the whole process group; the supervisor decides when the broker stops.
  process.on('SIGINT', () => undefined);
  send({ kind: 'ready', bootstraps: cluster.bootstraps });
}

try {
  main();
} catch (error) {
  send({ kind: 'failed', error: (error as Error).message });
  process.exit(1);
}
