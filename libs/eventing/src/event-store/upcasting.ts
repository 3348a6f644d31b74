/**
 * One step of an event's schema: how data stored as `type` version `fromVersion` reads as version
 * `fromVersion + 1`. Stored events are never rewritten; they are upcast as they are read.
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: object): object;
}

/**
 * The schema version of each event type (1 until an upcaster raises it), and the chain of steps
 * that brings stored data up to it.
 */
export class EventSchemaVersions {
  private readonly steps = new Map<string, Upcaster>();
  private readonly versions = new Map<string, number>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      const key = stepKey(upcaster.type, upcaster.fromVersion);
      if (this.steps.has(key)) throw new Error(`two upcasters for ${upcaster.type} version ${upcaster.fromVersion}`);
      this.steps.set(key, upcaster);
      this.versions.set(upcaster.type, Math.max(this.current(upcaster.type), upcaster.fromVersion + 1));
    }
    for (const [type, version] of this.versions) {
      for (let from = 1; from < version; from += 1) {
        if (!this.steps.has(stepKey(type, from))) throw new Error(`${type} has no upcaster from version ${from}`);
      }
    }
  }

  /** The version an event of this type is stored as now. */
  current(type: string): number {
    return this.versions.get(type) ?? 1;
  }

  /** Stored data, brought up to the current version one step at a time. */
  upcast(type: string, storedVersion: number, data: object): object {
    let upcast = data;
    for (let version = storedVersion; version < this.current(type); version += 1) {
      upcast = (this.steps.get(stepKey(type, version)) as Upcaster).upcast(upcast);
    }
    return upcast;
  }
}

const stepKey = (type: string, fromVersion: number): string => `${type}@${fromVersion}`;
