import { freePort, ServiceProcess, startServiceProcess } from '@faultline/local-infra';
import { testServiceEnvironment } from '@faultline/testing';

export const SERVICES = ['errors', 'assignment', 'identity', 'notifications'] as const;
export type SystemService = (typeof SERVICES)[number];

/** The four service processes as `npm start` runs them, each with its own database, on one broker. */
export class RunningSystem {
  private constructor(readonly services: ServiceProcess[]) {}

  static async start(topicPrefix: string): Promise<RunningSystem> {
    const output = new Map<string, string[]>();
    const services = await Promise.all(
      SERVICES.map(async (service) => {
        const httpPort = await freePort();
        const env = await testServiceEnvironment(service, { httpPort, topicPrefix });
        output.set(service, []);
        return startServiceProcess(service, { env, httpPort, onOutput: (line) => output.get(service)?.push(line) });
      }),
    );
    try {
      await Promise.all(services.map((service) => service.healthy(90_000)));
    } catch (error) {
      for (const [service, lines] of output) process.stderr.write(`--- ${service}\n${lines.slice(-20).join('\n')}\n`);
      throw error;
    }
    return new RunningSystem(services);
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
