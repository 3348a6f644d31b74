import { Topics } from '@faultline/contracts';
import { TOPIC_PARTIES } from '@faultline/contracts/published';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const ESLINT = path.join(ROOT, 'node_modules', '.bin', 'eslint');

/** Lints source text as if it were the given file, the way `nx lint` would. */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  // In its own process: ESLint loads its configuration with import(), which jest's sandbox lacks.
  const run = spawnSync(ESLINT, ['--stdin', '--stdin-filename', filePath, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

/** The rules that keep the architecture are checked to fail when broken, not only to pass. */
describe('the architecture rules', () => {
  it.each(['@nestjs/common', 'typeorm', 'pg', 'kafkajs', '@faultline/eventing'])(
    'a decider importing %s is refused',
    async (module) => {
      const messages = await lintAs(
        'apps/errors/src/errors/example.decider.ts',
        `import { x } from '${module}';\nexport const y = x;\n`,
      );
      expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*Domain code is plain TypeScript/));
    },
  );

  it.each(['apps/assignment/src/assignments/example.policy.ts', 'apps/notifications/src/digests/example.rules.ts', 'apps/errors/src/errors/example.events.ts'])(
    'a pure rule file (%s) importing a framework is refused too',
    async (filePath) => {
      const messages = await lintAs(filePath, `import { Injectable } from '@nestjs/common';
export const y = Injectable;
`);
      expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*Domain code is plain TypeScript/));
    },
  );

  it('a decider importing only domain files and the access policy kernel passes', async () => {
    const messages = await lintAs(
      'apps/errors/src/errors/example.decider.ts',
      `import type { ErrorEvent } from './error.events';\nimport { isAdministrator } from '@faultline/access-policy';\n` +
        `export const none: ErrorEvent[] = [];\nexport const check = isAdministrator;\n`,
    );
    expect(messages).toEqual([]);
  });

  it('an app reaching into another app is refused', async () => {
    const messages = await lintAs(
      'apps/assignment/src/example.ts',
      `import { decide } from '../../errors/src/errors/error.decider';\nexport const d = decide;\n`,
    );
    expect(messages).toContainEqual(expect.stringMatching(/^@nx\/enforce-module-boundaries/));
  });
});

/** Every `@EventPattern(Topics.x)` under a folder, with the topic it names. */
function consumedTopics(folder: string): string[] {
  const files = fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
  return files.flatMap((file) =>
    [...fs.readFileSync(path.join(ROOT, folder, file), 'utf8').matchAll(/@EventPattern\(Topics\.(\w+)\)/g)].map((match) => Topics[match[1] as keyof typeof Topics]),
  );
}

describe('the published AsyncAPI document', () => {
  it("names each app's consumers as the apps' code has them", () => {
    const apps = ['errors', 'assignment', 'identity', 'notifications'];
    // Every app that admits users keeps its own copy of identity's events (libs/access).
    const usesAccess = (app: string) => fs.readFileSync(path.join(ROOT, `apps/${app}/src/app.module.ts`), 'utf8').includes('AccessModule');
    const inCode = Object.fromEntries(
      Object.values(Topics).map((topic) => [topic, apps.filter((app) => consumedTopics(`apps/${app}/src`).includes(topic) || (usesAccess(app) && consumedTopics('libs/access/src').includes(topic))).sort()]),
    );
    const documented = Object.fromEntries(Object.values(Topics).map((topic) => [topic, [...TOPIC_PARTIES[topic].consumers].filter((party) => apps.includes(party)).sort()]));
    expect(documented).toEqual(inCode);
  });
});
