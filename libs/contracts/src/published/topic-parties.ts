import { Topics } from '../topics';

/** Who writes a topic and who reads it, with what each message is keyed by (its ordering). */
export interface TopicParties {
  description: string;
  key: string;
  producers: readonly string[];
  consumers: readonly string[];
}

/**
 * The parties of every topic, written out: the AsyncAPI document tells other teams who sends and
 * who receives what, and a test checks it against the apps' consumers.
 */
export const TOPIC_PARTIES: Record<string, TopicParties> = {
  [Topics.flowErrors]: {
    description: 'Flow runtimes report failed steps, successful retries and records that went through.',
    key: 'flowStepId',
    producers: ['flow runtimes'],
    consumers: ['errors'],
  },
  [Topics.flowCommands]: {
    description: 'The errors app tells flow runtimes what to run again and which flows to stop or start.',
    key: 'flowId',
    producers: ['errors'],
    consumers: ['flow runtimes'],
  },
  [Topics.errorsEvents]: {
    description: "Errors' lives: recorded, occurred again, resolved, reopened, tagged, retried, purged; flows disabled and re-enabled.",
    key: 'errorId (flow events: flowId)',
    producers: ['errors'],
    consumers: ['assignment', 'notifications'],
  },
  [Topics.assignmentEvents]: {
    description: 'Who has which error, and requests to invite a new email to take errors.',
    key: 'errorId (InvitationRequested: accountId)',
    producers: ['assignment'],
    consumers: ['errors', 'identity', 'notifications'],
  },
  [Topics.identityEvents]: {
    description: 'Accounts, users, invitations and access, and the answers to invitation requests.',
    key: 'accountId',
    producers: ['identity'],
    consumers: ['errors', 'assignment', 'notifications'],
  },
  [Topics.notificationsEvents]: {
    description: 'What the notifications app sent and to whom, and the flows people follow.',
    key: 'userId',
    producers: ['notifications'],
    consumers: [],
  },
};
