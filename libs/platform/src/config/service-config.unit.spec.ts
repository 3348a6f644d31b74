import { ConfigError } from './env-reader';
import { loadServiceConfig } from './service-config';

const minimal = {
  DATABASE_URL: 'postgres://u:p@db:5432/postgres',
  KAFKA_BROKERS: 'k1:9092, k2:9092',
  JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
};

describe('service configuration', () => {
  it('gives each service its own database on the shared server', () => {
    const config = loadServiceConfig('errors', minimal);
    expect(new URL(config.databaseUrl).pathname).toBe('/faultline_errors');
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.httpPort).toBe(3001);
  });

  it('uses a service database URL when one is given', () => {
    const config = loadServiceConfig('identity', { ...minimal, IDENTITY_DATABASE_URL: 'postgres://u:p@other:5432/id' });
    expect(config.databaseUrl).toBe('postgres://u:p@other:5432/id');
  });

  it('fails at start-up naming every variable at fault', () => {
    const env = { KAFKA_BROKERS: 'k:9092', ERRORS_HTTP_PORT: 'eighty', KAFKA_IDEMPOTENT_PRODUCER: 'maybe' };
    const failure = (() => {
      try {
        loadServiceConfig('errors', env);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      'DATABASE_URL is required',
      'ERRORS_HTTP_PORT must be an integer from 0 to 65535, got "eighty"',
      'KAFKA_IDEMPOTENT_PRODUCER must be true or false, got "maybe"',
      'JWT_SECRET is required',
    ]);
  });

  it('refuses a short JWT secret without showing it', () => {
    expect(() => loadServiceConfig('errors', { ...minimal, JWT_SECRET: 'hunter2' })).toThrow(/^(?!.*hunter2).*JWT_SECRET must be at least 32 characters/);
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadServiceConfig('errors', { ...minimal, DATABASE_URL: 'mysql://db/x' })).toThrow(
      /DATABASE_URL must be a postgres: or postgresql: URL/,
    );
  });
});
