/** One scrape of a service's `/metrics`: each sample's value by its name and labels. */
export class MetricsScrape {
  private constructor(private readonly samples: Array<{ name: string; labels: Record<string, string>; value: number }>) {}

  static async of(baseUrl: string): Promise<MetricsScrape> {
    const response = await fetch(`${baseUrl}/metrics`);
    if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
    return new MetricsScrape(parseExposition(await response.text()));
  }

  /** The sum of the samples named `name` whose labels include `labels` (0 when none). */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.samples
      .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((sum, sample) => sum + sample.value, 0);
  }

  has(name: string): boolean {
    return this.samples.some((sample) => sample.name === name);
  }
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseExposition(text: string) {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText = '', value] = SAMPLE.exec(line) ?? [];
      if (!name) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...labelText.matchAll(LABEL)].map(([, key, raw]) => [key, raw.replace(/\\(.)/g, '$1')]));
      return { name, labels, value: Number(value) };
    });
}
