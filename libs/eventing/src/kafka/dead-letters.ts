import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@faultline/contracts';

export interface RejectedMessage {
  message: KafkaMessage;
  reason: string;
}

/**
 * Sends messages a consumer cannot accept to `<topic>.dlq`, unchanged, with where they came
 * from and why in headers, so nothing is lost and someone can replay them once fixed.
 */
export class DeadLetters {
  constructor(
    private readonly producer: Producer,
    private readonly consumerGroup: string,
  ) {}

  async send(topic: string, partition: number, rejected: RejectedMessage[]): Promise<void> {
    if (rejected.length === 0) return;
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: rejected.map(({ message, reason }) => ({
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          ...deadLetterHeaders({ topic, partition, offset: message.offset, reason, group: this.consumerGroup }),
        },
      })),
    });
  }
}

function deadLetterHeaders(source: {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  group: string;
}): IHeaders {
  return {
    'dlq-reason': source.reason,
    'dlq-source-topic': source.topic,
    'dlq-source-partition': String(source.partition),
    'dlq-source-offset': source.offset,
    'dlq-consumer-group': source.group,
    'dlq-rejected-at': new Date().toISOString(),
  };
}
