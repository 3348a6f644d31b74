// Jest loads global setup with plain require, without the preset's path aliases.
import { spawnInfrastructure } from './infrastructure-process';

/**
 * Gives the tests a PostgreSQL, a Kafka-protocol broker and an SMTP server. `npm test` starts
 * them once for every project and passes them in the environment; a project run on its own
 * (`npx nx test errors`) starts its own here.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.SMTP_URL) return;
  const infrastructure = await spawnInfrastructure();
  Object.assign(process.env, {
    DATABASE_URL: infrastructure.databaseUrl,
    KAFKA_BROKERS: infrastructure.kafkaBrokers,
    SMTP_URL: infrastructure.smtpUrl,
    FAULTLINE_KAFKA_IS_MOCK: String(infrastructure.kafkaIsMock),
    ...(infrastructure.mailDir ? { FAULTLINE_MAIL_DIR: infrastructure.mailDir } : {}),
  });
  (globalThis as { faultlineInfrastructure?: typeof infrastructure }).faultlineInfrastructure = infrastructure;
}
