import { testServiceEnvironment } from '@faultline/testing';
import { freePort } from './free-port';
import { ProcessRuntime, ServiceProcess, startConsoleProcess, startServiceProcess } from './service-process';

export const SERVICES = ['errors', 'assignment', 'identity', 'notifications'] as const;
export type SystemService = (typeof SERVICES)[number];

export interface RunningSystemOptions {
  /** Settings every service gets besides the test defaults (an SMTP server, short windows). */
  env?: NodeJS.ProcessEnv;
  /** Also serve the built web console from this folder through its gateway, which emails link to. */
  consoleDir?: string;
  /** Sources (default) or the production build, which the caller has built. */
  runtime?: ProcessRuntime;
}

/** The four service processes as `npm start` runs them, each with its own database, on one broker; and the console when asked. */
export class RunningSystem {
  private constructor(
    readonly services: ServiceProcess[],
    readonly consoleUrl: string | undefined,
  ) {}

  static async start(topicPrefix: string, options: RunningSystemOptions = {}): Promise<RunningSystem> {
    const output = new Map<string, string[]>();
    const consolePort = options.consoleDir ? await freePort() : undefined;
    const consoleUrl = consolePort ? `http://127.0.0.1:${consolePort}` : undefined;
    const services = await Promise.all(
      SERVICES.map(async (service) => {
        const httpPort = await freePort();
        const env = { ...(await testServiceEnvironment(service, { httpPort, topicPrefix })), ...(consoleUrl ? { LINK_BASE_URL: consoleUrl } : {}), ...options.env };
        output.set(service, []);
        return startServiceProcess(service, { env, httpPort, onOutput: (line) => output.get(service)?.push(line), runtime: options.runtime });
      }),
    );
    if (options.consoleDir && consolePort) {
      output.set('console', []);
      const upstreams = Object.fromEntries(services.map((service) => [service.service, service.baseUrl]));
      services.push(startConsoleProcess({ httpPort: consolePort, staticDir: options.consoleDir, upstreams, onOutput: (line) => output.get('console')?.push(line), runtime: options.runtime }));
    }
    try {
      await Promise.all(services.map((service) => service.healthy(90_000)));
    } catch (error) {
      for (const [service, lines] of output) process.stderr.write(`--- ${service}\n${lines.slice(-20).join('\n')}\n`);
      throw error;
    }
    return new RunningSystem(services, consoleUrl);
  }

  service(name: SystemService): ServiceProcess {
    return this.services.find((service) => service.service === name)!;
  }

  url(name: SystemService): string {
    return this.service(name).baseUrl;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
  }
}
