import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One event may be published on two topics (the apps' and the runtime's), so an outbox row is
 * one event on one topic; what the relay must never send twice is the same event to the same topic.
 */
export class OutboxPerTopic1732300000050 implements MigrationInterface {
  name = 'OutboxPerTopic1732300000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_key');
    await queryRunner.query('ALTER TABLE outbox ADD CONSTRAINT outbox_event_topic UNIQUE (event_id, topic)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox DROP CONSTRAINT outbox_event_topic');
    await queryRunner.query('ALTER TABLE outbox ADD CONSTRAINT outbox_event_id_key UNIQUE (event_id)');
  }
}
