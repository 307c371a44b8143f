import { performance } from 'node:perf_hooks';

/** Runs `count` tasks, `concurrency` at a time, in order of their index; returns the wall time. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  until = Infinity,
): Promise<{ ms: number; done: number }> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < count && Date.now() < until) {
      await task(next++);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { ms: performance.now() - started, done };
}

/** Latencies by name (an action, a path), in milliseconds. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  /** Times `work` under `name`; a failure is timed too, then thrown on. */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(name, performance.now() - started);
    }
  }

  add(name: string, ms: number): void {
    const list = this.samples.get(name) ?? [];
    list.push(ms);
    this.samples.set(name, list);
  }

  names(): string[] {
    return [...this.samples.keys()];
  }

  percentile(name: string, p: number): number {
    return percentile(this.samples.get(name) ?? [], p);
  }
}

/** The nearest-rank percentile (p in 0..100); NaN for no samples. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
