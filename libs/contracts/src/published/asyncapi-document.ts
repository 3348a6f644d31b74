import type { TSchema } from '@sinclair/typebox';
import { dump } from 'js-yaml';
import { ContractRegistry } from '../registry';
import { deadLetterTopic, PARTITIONS, Topics } from '../topics';
import { jsonSchemaOf, publishedSchemas } from './json-schema-files';
import { TOPIC_PARTIES } from './topic-parties';

export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

const DEAD_LETTER_HEADERS = {
  'dlq-reason': 'why the consumer could not accept the message',
  'dlq-source-topic': 'the topic it was read from',
  'dlq-source-partition': 'the partition it was read from',
  'dlq-source-offset': 'its offset there',
  'dlq-consumer-group': 'the consumer group that refused it',
  'dlq-rejected-at': 'when (ISO 8601)',
};

type TopicKey = keyof typeof Topics;

/** The AsyncAPI 3 document of every topic, its dead-letter topic, every message and who sends and receives it. */
export function asyncApiDocument(): Record<string, unknown> {
  const topics = Object.entries(Topics) as Array<[TopicKey, string]>;
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Faultline events',
      version: '1.0.0',
      description:
        'Every Kafka topic Faultline uses. Messages are JSON in one envelope (eventId, type, version, occurredAt, accountId, ' +
        'correlationId, causationId, actor, aggregateId, aggregateVersion, data); consumers dedupe on eventId. A message a consumer ' +
        'cannot accept goes, unchanged, to `<topic>.dlq` with the reason in headers. Generated from libs/contracts: `npm run contracts:refresh`.',
    },
    defaultContentType: 'application/json',
    channels: Object.fromEntries(topics.flatMap(([key, topic]) => [[key, channel(topic)], [`${key}DeadLetters`, deadLetterChannel(topic)]])),
    operations: Object.fromEntries(topics.flatMap(([key, topic]) => operations(key, topic))),
    components: { messages: { ...Object.fromEntries(publishedSchemas().map((schema) => [String(schema.$id), message(schema)])), DeadLetter: deadLetterMessage() } },
  };
}

export function asyncApiYaml(): string {
  return dump(asyncApiDocument(), { noRefs: true, lineWidth: 140, sortKeys: false });
}

function channel(topic: string) {
  const parties = TOPIC_PARTIES[topic];
  return {
    address: topic,
    description: `${parties.description} Keyed by ${parties.key}.`,
    messages: Object.fromEntries(ContractRegistry[topic].map((schema) => [String(schema.$id), { $ref: `#/components/messages/${schema.$id}` }])),
    bindings: { kafka: { partitions: PARTITIONS } },
  };
}

function deadLetterChannel(topic: string) {
  return {
    address: deadLetterTopic(topic),
    description: `Messages of ${topic} a consumer could not accept, unchanged, with where they came from and why in headers.`,
    messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    bindings: { kafka: { partitions: PARTITIONS } },
  };
}

function operations(key: TopicKey, topic: string): Array<[string, Record<string, unknown>]> {
  const parties = TOPIC_PARTIES[topic];
  const of = (channelKey: string) => ({ $ref: `#/channels/${channelKey}` });
  const id = (party: string, action: string, channelKey: string) => `${party.replace(/\W+/g, '-')}.${action}.${channelKey}`;
  return [
    ...parties.producers.map((party): [string, Record<string, unknown>] => [id(party, 'send', key), { action: 'send', channel: of(key), summary: `${party} publishes on ${topic}` }]),
    ...parties.consumers.map((party): [string, Record<string, unknown>] => [id(party, 'receive', key), { action: 'receive', channel: of(key), summary: `${party} consumes ${topic}` }]),
    ...parties.consumers.map((party): [string, Record<string, unknown>] => [
      id(party, 'send', `${key}DeadLetters`),
      { action: 'send', channel: of(`${key}DeadLetters`), summary: `${party} sends what it cannot accept from ${topic} to ${deadLetterTopic(topic)}` },
    ]),
  ];
}

function message(schema: TSchema) {
  const { $schema: _schema, $id, description, ...payload } = jsonSchemaOf(schema);
  const [name, version] = String($id).split('.v');
  return { name, title: `${name} v${version}`, summary: description, contentType: 'application/json', payload };
}

function deadLetterMessage() {
  return {
    name: 'DeadLetter',
    title: 'A message a consumer could not accept',
    summary: 'The original bytes and headers, unchanged (it may not even be JSON), and the dlq-* headers.',
    headers: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(DEAD_LETTER_HEADERS).map(([header, description]) => [header, { type: 'string', description }])),
      required: Object.keys(DEAD_LETTER_HEADERS),
    },
    payload: {},
  };
}
