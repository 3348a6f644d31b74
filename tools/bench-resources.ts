import type { ServiceProcess } from '@faultline/local-infra';
import { MetricsScrape } from '@faultline/testing';
import fs from 'node:fs';

/**
 * What a service used while a benchmark runs: its peak resident memory (the kernel's high-water
 * mark), its peak JavaScript heap in use and its CPU seconds between `start` and `stop` (its
 * `/metrics`). The heap is sampled once a second: every scrape also counts what the relay has
 * not published, a query the database would otherwise answer four times a second under the load
 * being measured.
 */
export class ResourceSampler {
  private peakRss = 0;
  private peakHeap = 0;
  private cpuAtStart = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly service: Pick<ServiceProcess, 'baseUrl' | 'child'>) {}

  async start(): Promise<void> {
    this.cpuAtStart = (await this.sample()).value('process_cpu_seconds_total');
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 1_000);
  }

  /** `cpuSeconds` since `start`; `processCpuSeconds` since the process started. */
  async stop(): Promise<{ peakRssMb: number; peakHeapMb: number; cpuSeconds: number; processCpuSeconds: number }> {
    clearInterval(this.timer);
    const last = await this.sample();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    const processCpuSeconds = last.value('process_cpu_seconds_total');
    const peakRss = Math.max(this.peakRss, highWaterMark(this.service.child.pid) ?? 0);
    return { peakRssMb: mb(peakRss), peakHeapMb: mb(this.peakHeap), cpuSeconds: processCpuSeconds - this.cpuAtStart, processCpuSeconds };
  }

  private async sample(): Promise<MetricsScrape> {
    const scrape = await MetricsScrape.of(this.service.baseUrl);
    this.peakRss = Math.max(this.peakRss, scrape.value('process_resident_memory_bytes'));
    this.peakHeap = Math.max(this.peakHeap, scrape.value('nodejs_heap_size_used_bytes'));
    return scrape;
  }
}

/** The most resident memory the process has held, in bytes (Linux `/proc`); none elsewhere. */
function highWaterMark(pid: number | undefined): number | undefined {
  const status = pid === undefined || !fs.existsSync(`/proc/${pid}/status`) ? '' : fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
}

type CpuTicks = Map<string, number>;

/** Where the machine's CPU went between `start` and `stop`, by the processes' part in the run (Linux `/proc`). */
export class MachineCpu {
  private atStart: CpuTicks = new Map();
  private readonly tickSeconds = 1 / 100; // USER_HZ: 100 on every Linux Node supports

  constructor(private readonly partOf: (pid: number, commandLine: string) => string) {}

  start(): void {
    this.atStart = this.ticks();
  }

  /** CPU seconds by part, plus `idle`, most first; none where there is no `/proc`. */
  stop(): Array<[string, number]> {
    const now = this.ticks();
    return [...now.entries()]
      .map(([part, ticks]): [string, number] => [part, (ticks - (this.atStart.get(part) ?? 0)) * this.tickSeconds])
      .filter(([, seconds]) => seconds > 0)
      .sort((a, b) => b[1] - a[1]);
  }

  private ticks(): CpuTicks {
    const ticks: CpuTicks = new Map();
    if (!fs.existsSync('/proc/stat')) return ticks; // not Linux: no figures
    const add = (part: string, value: number) => ticks.set(part, (ticks.get(part) ?? 0) + value);
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after the command name in parentheses: state is the first, utime the 12th, stime the 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
        add(this.partOf(Number(entry), commandLine), Number(fields[11]) + Number(fields[12]));
      } catch {
        // the process ended while being read: its CPU is lost to the figures, not to the run
      }
    }
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    add('idle', cpu[3] + cpu[4]);
    return ticks;
  }
}
