/**
 * Whether a handler's failure says nothing about the message: the database or the broker was
 * away, busy or shutting down, or two transactions collided. Those are retried for as long as it
 * takes; any other failure is taken to be the message's own and, repeated, isolates it.
 */
export function isTransientFailure(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (transientCode(cause) || transientKafka(cause) || transientMessage(cause)) return true;
    cause = (cause as { driverError?: unknown; cause?: unknown }).driverError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** PostgreSQL classes 08 (connection), 53 (resources), 57P (shutdown), 58 (I/O); collisions; socket errors. */
const TRANSIENT_SQLSTATE = /^(08|53|57P|58)|^(40001|40P01|55P03)$/;
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETUNREACH']);

function transientCode(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET.has(code));
}

/** kafkajs marks what it would retry; its connection and timeout errors say so by name. */
const TRANSIENT_KAFKA = /^KafkaJS(NumberOfRetriesExceeded|Connection\w*|RequestTimeoutError|BrokerNotFound|LockTimeout)$/;

function transientKafka(error: unknown): boolean {
  const { name, retriable } = error as { name?: unknown; retriable?: unknown };
  return retriable === true || (typeof name === 'string' && TRANSIENT_KAFKA.test(name));
}

const TRANSIENT_MESSAGE = /Connection terminated|connection error|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down)/i;

function transientMessage(error: unknown): boolean {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && TRANSIENT_MESSAGE.test(message);
}
