/**
 * `npm test`: type-checks, lints, then runs every project's tests through Nx against one shared
 * set of infrastructure (from the environment, containers, or embedded), then the fault suite.
 * Ends with one line per step and the totals, so a failure says which part failed.
 */
import { InfrastructureProcess, SERVICE_BUILD_TARGETS, SERVICES_BUILT, spawnInfrastructure } from '@faultline/local-infra';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const NX = path.join(ROOT, 'node_modules', '.bin', 'nx');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');
/**
 * Enough for every fault, the broker crash included, to fall mid-stream, small enough for the
 * test command (about 3.5 minutes here). CI runs the whole suite (100,000) on its own after this.
 */
const FAULT_SUITE_ERRORS = '20000';

interface StepResult {
  step: string;
  ok: boolean;
  seconds: number;
}

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): StepResult {
  process.stdout.write(`\n=== ${step}: ${[path.basename(command), ...args].join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  return { step, ok: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) };
}

async function withInfrastructure(): Promise<{ env: NodeJS.ProcessEnv; infrastructure?: InfrastructureProcess }> {
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.SMTP_URL) return { env: process.env };
  process.stdout.write('\n=== infrastructure: starting PostgreSQL, Kafka and SMTP for the tests\n');
  const infrastructure = await spawnInfrastructure();
  return {
    infrastructure,
    env: {
      ...process.env,
      DATABASE_URL: infrastructure.databaseUrl,
      KAFKA_BROKERS: infrastructure.kafkaBrokers,
      SMTP_URL: infrastructure.smtpUrl,
      FAULTLINE_KAFKA_IS_MOCK: String(infrastructure.kafkaIsMock),
      ...(infrastructure.mailDir ? { FAULTLINE_MAIL_DIR: infrastructure.mailDir } : {}),
    },
  };
}

function testTotals(resultsDir: string): { passed: number; failed: number; skipped: number; failedSuites: string[] } {
  const totals = { passed: 0, failed: 0, skipped: 0, failedSuites: [] as string[] };
  if (!fs.existsSync(resultsDir)) return totals;
  for (const file of fs.readdirSync(resultsDir)) {
    const summary = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
    totals.passed += summary.passed;
    totals.failed += summary.failed;
    totals.skipped += summary.skipped;
    totals.failedSuites.push(...summary.failedSuites);
  }
  return totals;
}

async function main(): Promise<number> {
  const results: StepResult[] = [];
  results.push(run('typecheck', TSC, ['-p', 'tsconfig.json', '--noEmit']));
  results.push(run('typecheck console', TSC, ['-p', 'apps/console/tsconfig.json', '--noEmit']));
  results.push(run('lint', NX, ['run-many', '-t', 'lint', '--outputStyle=stream']));
  // The browser tests serve the console as built from this work tree.
  results.push(run('console build', NX, ['run', 'console:build', '--skip-nx-cache', '--outputStyle=stream']));
  // Built once here: test projects running side by side then start their services from the same files.
  const builds = SERVICE_BUILD_TARGETS.map((target) => run(target.name, NX, [...target.args, '--outputStyle=stream']));
  results.push(...builds);
  const servicesBuilt = builds.every((build) => build.ok);

  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-results-'));
  const { env, infrastructure } = await withInfrastructure();
  try {
    results.push(
      run(
        'tests',
        NX,
        ['run-many', '-t', 'test', '--parallel=3', '--outputStyle=stream', '--skip-nx-cache'],
        { ...env, FAULTLINE_TEST_RESULTS_DIR: resultsDir, FORCE_COLOR: '0', ...(servicesBuilt ? { [SERVICES_BUILT]: 'true' } : {}) },
      ),
    );
  } finally {
    await infrastructure?.stop();
  }
  // The fault suite breaks infrastructure it owns, so it runs on the embedded parts only.
  if (infrastructure?.kafkaIsMock) {
    results.push(run('faults', process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools', 'faults.ts'), '--errors', FAULT_SUITE_ERRORS]));
  } else {
    process.stdout.write('\n=== faults: skipped (the fault suite needs the embedded broker; run `npm run test:faults` where librdkafka is installed)\n');
  }

  const totals = testTotals(resultsDir);
  const lines = ['', '=== summary'];
  for (const result of results) lines.push(`${result.ok ? 'PASS' : 'FAIL'}  ${result.step} (${result.seconds}s)`);
  for (const suite of totals.failedSuites) lines.push(`  failed: ${suite}`);
  for (const crash of infrastructure?.kafkaCrashes ?? []) lines.push(`WARNING ${crash}`);
  lines.push(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`npm test failed to run: ${error.message}\n`);
    process.exit(1);
  },
);
