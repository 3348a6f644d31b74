import { TObject, TProperties, TSchema, Type } from '@sinclair/typebox';

/** Who caused an event: a signed-in person, or the system (a rule, a runtime, a timer). */
export const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('system')]),
    id: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Uuid = Type.String({ format: 'uuid' });

/** An event's data object: its fields and no others, so a typo or a stray field is refused. */
export const closed = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });
export const Timestamp = Type.String({ format: 'date-time' });

const aggregateId = Type.String({ minLength: 1, maxLength: 200 });
const aggregateVersion = Type.Integer({ minimum: 1 });

/**
 * Every message on every Faultline topic is JSON in this envelope. `eventId` is the
 * idempotency key consumers dedupe on; `correlationId` follows one piece of work across apps
 * and `causationId` names the event that caused this one.
 */
function envelope<Name extends string, Version extends number>(type: Name, version: Version) {
  return {
    eventId: Uuid,
    type: Type.Literal(type),
    version: Type.Literal(version),
    occurredAt: Timestamp,
    accountId: Type.String({ minLength: 1, maxLength: 100 }),
    correlationId: Type.String({ minLength: 1, maxLength: 200 }),
    causationId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    actor: Actor,
  };
}

/** An event from outside Faultline (a flow runtime): it may name an aggregate, or not. */
export function externalEventSchema<Name extends string, Version extends number, Data extends TProperties>(
  type: Name,
  version: Version,
  data: TObject<Data>,
  description: string,
) {
  return Type.Object(
    {
      ...envelope(type, version),
      aggregateId: Type.Optional(aggregateId),
      aggregateVersion: Type.Optional(aggregateVersion),
      data,
    },
    { $id: `${type}.v${version}`, description },
  );
}

/** An event a Faultline app publishes about one of its aggregates, at that aggregate's version. */
export function domainEventSchema<Name extends string, Version extends number, Data extends TProperties>(
  type: Name,
  version: Version,
  data: TObject<Data>,
  description: string,
) {
  return Type.Object(
    { ...envelope(type, version), aggregateId, aggregateVersion, data },
    { $id: `${type}.v${version}`, description },
  );
}
