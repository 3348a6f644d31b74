import type { FaultSystem } from './fault-system';

interface Fault {
  /** The share of the stream published when it happens. */
  at: number;
  name: string;
  run(): Promise<void>;
  done?: boolean;
}

const between = (low: number, high: number): number => low + Math.random() * (high - low);

/**
 * When each fault happens: every instance killed once at a random moment, PostgreSQL restarted,
 * SMTP refusing for a while (alongside the stream), and the broker crashed late in the stream.
 */
export class Chaos {
  private readonly faults: Fault[];
  private readonly happened: string[] = [];
  private outage?: Promise<void>;

  constructor(system: FaultSystem, smtpOutageMs: number, crashBroker: boolean) {
    this.faults = [
      ...system.instances.map((instance) => ({ at: between(0.05, 0.9), name: `kill ${instance.name}`, run: () => system.killAndRestart(instance) })),
      { at: between(0.3, 0.5), name: 'restart PostgreSQL', run: () => system.restartPostgres() },
      {
        at: between(0.4, 0.6),
        name: `SMTP refuses for ${smtpOutageMs} ms`,
        run: async () => {
          this.outage = system.smtpOutage(smtpOutageMs);
        },
      },
      ...(crashBroker ? [{ at: between(0.7, 0.85), name: 'crash the broker', run: () => system.crashBroker() }] : []),
    ].sort((first, second) => first.at - second.at);
  }

  /** Runs the faults due at this share of the stream; true when one ran. `onBrokerCrash` is told first. */
  async at(progress: number, onBrokerCrash: () => void): Promise<boolean> {
    let ran = false;
    for (const fault of this.faults) {
      if (fault.done || fault.at > progress) continue;
      fault.done = true;
      if (fault.name === 'crash the broker') onBrokerCrash();
      await fault.run();
      this.happened.push(`${fault.name} at ${Math.round(fault.at * 100)}%`);
      ran = true;
    }
    return ran;
  }

  /** Every fault that has not happened yet, then the end of the SMTP outage. */
  async finish(): Promise<void> {
    await this.at(1, () => undefined);
    await this.outage;
  }

  summary(): string {
    return this.happened.join(', ');
  }
}
