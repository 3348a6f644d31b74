/** IPC between the mock broker's child process and its supervisor. */
export interface TopicSpec {
  name: string;
  partitions: number;
}

export type SupervisorMessage = { kind: 'createTopics'; requestId: number; topics: TopicSpec[] };

export type MockBrokerMessage =
  | { kind: 'ready'; bootstraps: string }
  | { kind: 'failed'; error: string }
  | { kind: 'topicsCreated'; requestId: number; error?: string };
