/**
 * The topics Faultline uses, with their partition counts. Keys decide ordering: everything about
 * one flow step (runtimes) or one error (our apps) lands on one partition, in order.
 */
export const Topics = {
  flowErrors: 'flow.errors.v1',
  flowCommands: 'flow.commands.v1',
  errorsEvents: 'errors.events.v1',
  assignmentEvents: 'assignment.events.v1',
  identityEvents: 'identity.events.v1',
  notificationsEvents: 'notifications.events.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const PARTITIONS = 4;

/** Messages a consumer could not accept go to `<topic>.dlq`, with the reason in headers. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Every topic and its dead-letter topic, for brokers that need topics created up front. */
export function topicSpecs(prefix = ''): Array<{ name: string; partitions: number }> {
  return Object.values(Topics).flatMap((topic) => [
    { name: `${prefix}${topic}`, partitions: PARTITIONS },
    { name: `${prefix}${deadLetterTopic(topic)}`, partitions: PARTITIONS },
  ]);
}
