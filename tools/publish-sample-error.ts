/**
 * Publishes one sample ErrorOccurred to flow.errors.v1, as a flow runtime would, and prints
 * where to see it: `npm run publish:error` while `npm start` runs.
 */
import { ErrorOccurredV1, Topics } from '@faultline/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const accountId = process.env.ACCOUNT_ID ?? 'acc-demo';
  const event: ErrorOccurredV1 = {
    eventId: randomUUID(),
    type: 'ErrorOccurred',
    version: 1,
    occurredAt: new Date().toISOString(),
    accountId,
    correlationId: randomUUID(),
    actor: { type: 'system', id: 'sample-runtime' },
    data: {
      integrationId: 'int-shopify-netsuite',
      flowId: 'flow-orders',
      flowStepId: 'step-import-orders',
      stepType: 'import',
      runId: `run-${Date.now()}`,
      message: 'Customer record is missing a billing address',
      code: 'MISSING_FIELD',
      httpStatus: 422,
      retryDataKey: 'order-1001',
      traceKey: 'order-1001',
      retryData: { orderId: 1001 },
    },
  };
  const producer = new Kafka({ brokers, logLevel: logLevel.ERROR }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  await producer.send({
    topic: `${process.env.KAFKA_TOPIC_PREFIX ?? ''}${Topics.flowErrors}`,
    messages: [{ key: event.data.flowStepId, value: JSON.stringify(event) }],
  });
  await producer.disconnect();
  const errorsUrl = `http://127.0.0.1:${process.env.ERRORS_HTTP_PORT ?? 3001}/errors`;
  process.stdout.write(
    `published ErrorOccurred ${event.eventId} for account ${accountId}; list it with a token of that account:\n` +
      `  curl ${errorsUrl} -H "authorization: Bearer $TOKEN"\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`publish failed: ${error.message}\n`);
  process.exit(1);
});
