import type { InfrastructureProcess } from './infrastructure-process';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { faultlineInfrastructure?: InfrastructureProcess }).faultlineInfrastructure?.stop();
}
