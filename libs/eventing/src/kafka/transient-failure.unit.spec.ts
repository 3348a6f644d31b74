import { isTransientFailure } from './transient-failure';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('telling the infrastructure\'s failures from a message\'s own', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a deadlock (40P01)', withCode('40P01')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a TypeORM error wrapping a lost connection', Object.assign(new Error('query failed'), { driverError: withCode('08006') })],
    ['kafkajs giving up on a retriable error', Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded' })],
  ])('%s is transient', (_label, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['text PostgreSQL cannot store (22021)', withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a unique violation (23505)', withCode('23505')],
    ['a stack overflow', new RangeError('Maximum call stack size exceeded')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'status')")],
    ['a message too large for Kafka', Object.assign(new Error('too large'), { name: 'KafkaJSProtocolError', retriable: false })],
  ])('%s is the message\'s own', (_label, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});
