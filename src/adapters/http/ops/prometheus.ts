/** Just enough of the Prometheus text exposition format (0.0.4) for a few counters, gauges and one histogram. */

type Labels = Readonly<Record<string, string>>;

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

const labelText = (labels: Labels): string => {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
};

const header = (name: string, help: string, type: string): string[] => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];

/** Series keyed by their label set, in first-seen order. */
class LabelledSeries<T> {
  private readonly series = new Map<string, { labels: Labels; value: T }>();

  constructor(private readonly initial: () => T) {}

  get(labels: Labels): T {
    const key = labelText(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, value: this.initial() };
      this.series.set(key, entry);
    }
    return entry.value;
  }

  entries(): { labels: Labels; value: T }[] {
    return [...this.series.values()];
  }
}

export class Counter {
  private readonly series = new LabelledSeries(() => ({ count: 0 }));

  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    this.series.get(labels).count += by;
  }

  render(): string[] {
    return [
      ...header(this.name, this.help, 'counter'),
      ...this.series.entries().map(({ labels, value }) => `${this.name}${labelText(labels)} ${value.count}`),
    ];
  }
}

export class Histogram {
  private readonly series: LabelledSeries<{ buckets: number[]; sum: number; count: number }>;

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly bounds: readonly number[],
  ) {
    this.series = new LabelledSeries(() => ({ buckets: bounds.map(() => 0), sum: 0, count: 0 }));
  }

  observe(labels: Labels, value: number): void {
    const entry = this.series.get(labels);
    this.bounds.forEach((bound, i) => {
      if (value <= bound) entry.buckets[i] = (entry.buckets[i] ?? 0) + 1;
    });
    entry.sum += value;
    entry.count += 1;
  }

  render(): string[] {
    const lines = header(this.name, this.help, 'histogram');
    for (const { labels, value } of this.series.entries()) {
      this.bounds.forEach((bound, i) => {
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${value.buckets[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${value.count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${value.sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${value.count}`);
    }
    return lines;
  }
}

export const gauge = (name: string, help: string, value: number): string[] => [...header(name, help, 'gauge'), `${name} ${value}`];

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
