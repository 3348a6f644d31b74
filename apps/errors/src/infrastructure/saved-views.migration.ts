import { MigrationInterface, QueryRunner } from 'typeorm';

/** Saved views of the Errors list, and each user's default one. */
export class SavedViews1732300000700 implements MigrationInterface {
  name = 'SavedViews1732300000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE saved_views (
      view_id uuid PRIMARY KEY,
      account_id text NOT NULL,
      owner_user_id text NOT NULL,
      name text NOT NULL,
      filter jsonb NOT NULL,
      columns text[] NOT NULL,
      shared boolean NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX saved_views_by_account ON saved_views (account_id, owner_user_id)');
    await queryRunner.query('CREATE TABLE default_views (account_id text NOT NULL, user_id text NOT NULL, view_id uuid, PRIMARY KEY (account_id, user_id))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE default_views');
    await queryRunner.query('DROP TABLE saved_views');
  }
}
