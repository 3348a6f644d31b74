/**
 * Maps a contract's topic name to the name on the broker. A prefix lets several environments
 * (or test suites) share one cluster without seeing each other's messages.
 */
export class TopicNames {
  constructor(readonly prefix = '') {}

  resolve(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  /** The contract's topic name for a broker topic, or undefined when it is not ours. */
  contractTopic(brokerTopic: string): string | undefined {
    return brokerTopic.startsWith(this.prefix) ? brokerTopic.slice(this.prefix.length) : undefined;
  }
}
