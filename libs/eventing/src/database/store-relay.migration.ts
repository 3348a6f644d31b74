import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For an app whose relay publishes from its event store instead of an outbox copy: each event
 * keeps the transaction that wrote it (commit order), and the relay keeps how far it has
 * published. Events stored before this migration were published through the outbox: the
 * relay starts after them.
 */
export class StoreRelay1732300002300 implements MigrationInterface {
  name = 'StoreRelay1732300002300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE event_store ADD COLUMN transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id()');
    await queryRunner.query('CREATE INDEX event_store_commit_order ON event_store (transaction_id, global_position)');
    await queryRunner.query(`
      CREATE TABLE store_relay_position (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        transaction_id xid8 NOT NULL,
        global_position bigint NOT NULL
      )`);
    await queryRunner.query(
      'INSERT INTO store_relay_position (transaction_id, global_position) SELECT pg_current_xact_id(), coalesce(max(global_position), 0) FROM event_store',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE store_relay_position');
    await queryRunner.query('DROP INDEX event_store_commit_order');
    await queryRunner.query('ALTER TABLE event_store DROP COLUMN transaction_id');
  }
}
