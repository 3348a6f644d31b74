import { PARTITIONS, Topics } from '@faultline/contracts';
import { SERVICE_V8_FLAGS } from '@faultline/local-infra';
import fs from 'node:fs';
import path from 'node:path';

const compose = fs.readFileSync(path.resolve(__dirname, '../../../docker-compose.yml'), 'utf8');
const dockerfile = fs.readFileSync(path.resolve(__dirname, '../../../Dockerfile'), 'utf8');

/** docker-compose cannot import the contracts library, so it is checked against it here. */
describe('docker-compose.yml', () => {
  it('creates every topic of the contracts, each with its dead-letter topic and partition count', () => {
    const loop = /for topic in ([^;]+);/.exec(compose);
    expect(loop?.[1].trim().split(/\s+/).sort()).toEqual(Object.values(Topics).sort());
    expect(compose).toContain('"$$topic" "$$topic.dlq"');
    expect(compose).toContain(`--partitions ${PARTITIONS}`);
  });

  it.each(['errors', 'assignment', 'identity', 'notifications'])('runs the %s service from the shared image', (service) => {
    expect(compose).toMatch(new RegExp(`\\n  ${service}:\\n    <<: \\*service\\n    build: \\{ context: \\., args: \\{ SERVICE: ${service} \\} \\}`));
  });

  it('serves the console in front of the four services, and points the emails’ links at it', () => {
    expect(compose).toContain('command: ["node", "--enable-source-maps", "dist/apps/console-gateway/apps/console/gateway/main.js"]');
    for (const service of ['errors', 'assignment', 'identity', 'notifications']) expect(compose).toContain(`${service.toUpperCase()}_URL: http://${service}:`);
    expect(compose).toContain('LINK_BASE_URL: ${LINK_BASE_URL:-http://localhost:3000}');
  });
});

describe('Dockerfile', () => {
  it('runs each service with the memory settings npm start gives it', () => {
    expect(dockerfile).toContain(`exec node ${SERVICE_V8_FLAGS.join(' ')} --enable-source-maps dist/apps/$SERVICE/apps/$SERVICE/src/main.js`);
  });
});
