import { Client } from '@temporalio/client';
import { Connection } from 'mongoose';
import { Gauge, Registry } from 'prom-client';
import { probeDependencies } from '../dependencies';

/**
 * 1 when the API reaches the dependency at scrape time, else 0: beside a rise of 503 answers, it
 * names what is down (Temporal takes every write and by-id read, MongoDB the lists and the action log).
 */
export function dependencyGauge(
  registry: Registry,
  deps: { temporal: Client; db: Connection },
  waitMs: number,
): void {
  new Gauge({
    name: 'lianxin_dependency_up',
    help: 'Whether the API reached the dependency (temporal, mongodb) when scraped',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      for (const [dependency, state] of Object.entries(await probeDependencies(deps, waitMs)))
        this.set({ dependency }, state === 'ok' ? 1 : 0);
    },
  });
}
