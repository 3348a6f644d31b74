import { Topics } from '@faultline/contracts';
import { freePort, ServiceProcess, startServiceProcess } from '@faultline/local-infra';
import { consumerGroupId, loadServiceConfig, ServiceConfig, ServiceName } from '@faultline/platform';
import type { Admin } from 'kafkajs';
import { Client } from 'pg';
import { ResourceSampler } from './bench-resources';
import { backlogAtMost } from './bench-support';

/** The apps that consume the errors app's events, each with the table its copy of every recorded error lands in. */
const DOWNSTREAM = [
  { service: 'assignment', table: 'assignable_errors' },
  { service: 'notifications', table: 'notify_errors' },
] as const;

/** How long after start-up an app counts as idle: its consumers have joined their groups. */
const SETTLE_MS = 3_000;

export interface DownstreamFigures {
  service: string;
  /** `ErrorRecorded` it copied: those the embedded broker still held (it keeps 5 MiB per partition). */
  copied: number;
  /** From its start to its group's committed offsets reaching the end of errors.events.v1. */
  seconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Its CPU from its start until caught up, less what the same start-up took with nothing to catch up. */
  cpuSeconds: number;
}

/**
 * The apps that consume `errors.events.v1`, measured catching up on the `ErrorRecorded` of the
 * ingest after it, one at a time so each has the machine to itself (and the errors app's
 * figures are its own). Each is first started and stopped once before the ingest, so what its
 * start-up costs can be told apart from what catching up costs.
 */
export class DownstreamApps {
  private readonly startUpCpuSeconds = new Map<string, number>();

  constructor(private readonly options: { env: Record<string, string>; nodeOptions: string[]; admin: Admin }) {}

  async measureStartUp(): Promise<void> {
    for (const { service } of DOWNSTREAM) {
      await this.run(service, async (resources) => {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        this.startUpCpuSeconds.set(service, (await resources.stop()).processCpuSeconds);
      });
    }
  }

  async catchUp(): Promise<DownstreamFigures[]> {
    const figures: DownstreamFigures[] = [];
    for (const { service, table } of DOWNSTREAM) {
      const started = Date.now();
      await this.run(service, async (resources, config) => {
        await backlogAtMost(this.options.admin, consumerGroupId(config), Topics.errorsEvents, 0);
        const seconds = (Date.now() - started) / 1000;
        const { peakRssMb, peakHeapMb, processCpuSeconds } = await resources.stop();
        const cpuSeconds = processCpuSeconds - (this.startUpCpuSeconds.get(service) ?? 0);
        figures.push({ service, copied: await rowsIn(config.databaseUrl, table), seconds, peakRssMb, peakHeapMb, cpuSeconds });
      });
    }
    return figures;
  }

  private async run(service: ServiceName, measure: (resources: ResourceSampler, config: ServiceConfig) => Promise<void>): Promise<void> {
    const httpPort = await freePort();
    const env = { ...process.env, ...this.options.env, [`${service.toUpperCase()}_HTTP_PORT`]: String(httpPort) };
    const app: ServiceProcess = startServiceProcess(service, { env, httpPort, runtime: 'built', nodeOptions: this.options.nodeOptions });
    try {
      await app.healthy();
      const resources = new ResourceSampler(app);
      await resources.start();
      await measure(resources, loadServiceConfig(service, env));
    } finally {
      await app.stop();
    }
  }
}

async function rowsIn(databaseUrl: string, table: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0].count);
  } finally {
    await client.end();
  }
}
