#!/usr/bin/env node
// Runs before the project's dependencies may exist, so it is plain Node with no packages:
// it installs what is missing, then hands over to the TypeScript command (start, test, bench).
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const [command, ...args] = process.argv.slice(2);
const commands = { start: 'start.ts', test: 'test.ts', 'test:faults': 'faults.ts', bench: 'bench.ts', 'bench:assignment': 'bench-assignment.ts', 'bench:notifications': 'bench-notifications.ts', 'bench:list': 'bench-list.ts' };

function say(message) {
  process.stdout.write(`faultline: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`faultline: ${message}\n`);
  process.exit(1);
}

function installNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lockfile = path.join(root, 'package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lockfile).mtimeMs;
  if (fresh) return;
  // `npm ci` refuses lockfiles that list other platforms' optional packages the registry
  // cannot serve here; `npm install` against the committed lockfile installs the same tree.
  say('installing npm packages (npm install)…');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail('npm install failed; see the output above');
  fs.utimesSync(marker, new Date(), new Date());
}

function dockerEngineMayAnswer() {
  return Boolean(process.env.DOCKER_HOST) || fs.existsSync('/var/run/docker.sock');
}

function librdkafkaInstalled() {
  const result = spawnSync('sh', ['-c', 'ldconfig -p | grep -q "librdkafka\\.so\\.1 "']);
  return result.status === 0;
}

/** Installs a Debian package with apt-get when this process may, or fails with how to do it by hand. */
function aptInstall(pkg, why, byHand, installed) {
  const isRoot = process.getuid && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!isRoot || !hasApt) fail(`${why}. ${byHand}`);
  say(`installing ${pkg}: ${why} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
  if (update.status !== 0 || install.status !== 0 || !installed()) fail(`installing ${pkg} failed`);
}

function installLibrdkafka() {
  if (process.env.KAFKA_BROKERS || dockerEngineMayAnswer() || librdkafkaInstalled()) return;
  aptInstall(
    'librdkafka1',
    'the embedded Kafka broker needs librdkafka (its mock cluster)',
    'Install it with "sudo apt-get install librdkafka1" (Debian/Ubuntu) or "brew install librdkafka" (macOS), or set KAFKA_BROKERS to a running Kafka.',
    librdkafkaInstalled,
  );
}

/** The console's browser tests drive Debian's Chromium; no browser is ever downloaded. */
function installChromium() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const installed = () => fs.existsSync(chromium);
  if (installed()) return;
  aptInstall(
    'chromium',
    "the console's browser tests need Chromium",
    'Install it with "sudo apt-get install chromium", or set CHROMIUM_PATH to a Chromium or Chrome.',
    installed,
  );
}

if (!commands[command]) fail(`unknown command "${command}"; use one of ${Object.keys(commands).join(', ')}`);
installNodeModules();
installLibrdkafka();
if (command === 'test') installChromium();
const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, commands[command]), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.json') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
