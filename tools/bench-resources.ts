import { MetricsScrape } from '@faultline/testing';

/**
 * A service's own account of what it used, scraped from its `/metrics` while a benchmark runs:
 * peak resident memory and peak JavaScript heap in use, and CPU seconds between `start` and `stop`.
 */
export class ResourceSampler {
  private peakRss = 0;
  private peakHeap = 0;
  private cpuAtStart = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly baseUrl: string) {}

  async start(): Promise<void> {
    this.cpuAtStart = (await this.sample()).value('process_cpu_seconds_total');
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 250);
  }

  async stop(): Promise<{ peakRssMb: number; peakHeapMb: number; cpuSeconds: number }> {
    clearInterval(this.timer);
    const last = await this.sample();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    return { peakRssMb: mb(this.peakRss), peakHeapMb: mb(this.peakHeap), cpuSeconds: last.value('process_cpu_seconds_total') - this.cpuAtStart };
  }

  private async sample(): Promise<MetricsScrape> {
    const scrape = await MetricsScrape.of(this.baseUrl);
    this.peakRss = Math.max(this.peakRss, scrape.value('process_resident_memory_bytes'));
    this.peakHeap = Math.max(this.peakHeap, scrape.value('nodejs_heap_size_used_bytes'));
    return scrape;
  }
}
