import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { KAFKA_PRODUCER } from './tokens';

/** Disconnects the shared producer last: the consumer and the relay have stopped by then. */
@Injectable()
export class KafkaProducerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
