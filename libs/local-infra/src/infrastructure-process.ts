import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InfrastructureNotice, InfrastructureReady } from './main';

export interface InfrastructureProcess extends Omit<InfrastructureReady, 'kind'> {
  /** Every crash of the embedded Kafka broker so far (it is restarted each time). */
  kafkaCrashes: string[];
  stop(): Promise<void>;
}

/**
 * Starts throw-away infrastructure (embedded or containers, by the usual rule) in a child
 * process with its data in a temporary folder, removed again on stop.
 */
export async function spawnInfrastructure(): Promise<InfrastructureProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-test-'));
  const root = path.resolve(__dirname, '../../..');
  const child = fork(path.join(__dirname, 'main.ts'), [], {
    cwd: root,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, FAULTLINE_INFRA_DIR: dataDir, SWC_NODE_PROJECT: path.join(root, 'tsconfig.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<InfrastructureReady>((resolve, reject) => {
    child.once('message', (message: InfrastructureReady) => resolve(message));
    child.once('exit', (code) => reject(new Error(`test infrastructure exited with code ${code} before it was ready`)));
  });
  const kafkaCrashes: string[] = [];
  child.on('message', (notice: InfrastructureNotice) => {
    if (notice.kind === 'kafkaCrash') kafkaCrashes.push(notice.description);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { kind: _ready, ...addresses } = ready;
  return {
    ...addresses,
    kafkaCrashes,
    stop: async () => {
      if (child.connected) child.disconnect();
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
