import { Client } from '@temporalio/client';
import { Connection } from 'mongoose';
import { Gauge, Registry } from 'prom-client';

/** Whether a probe answered within `waitMs`; a server that is gone would otherwise hold the scrape for the driver's whole timeout. */
async function answers(probe: () => Promise<unknown>, waitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
  try {
    return await Promise.race([probe().then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * 1 when the API reaches the dependency at scrape time, else 0: beside a rise of 503 answers, it
 * names what is down (Temporal takes every write and by-id read, MongoDB the lists and the action log).
 */
export function dependencyGauge(registry: Registry, deps: { temporal: Client; db: Connection }, waitMs: number): void {
  const probes = {
    temporal: () => deps.temporal.workflowService.describeNamespace({ namespace: deps.temporal.options.namespace }),
    mongodb: () => deps.db.db!.admin().ping(),
  };
  new Gauge({
    name: 'lianxin_dependency_up',
    help: 'Whether the API reached the dependency (temporal, mongodb) when scraped',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      const results = await Promise.all(Object.entries(probes).map(async ([dependency, probe]) => [dependency, await answers(probe, waitMs)] as const));
      for (const [dependency, up] of results) this.set({ dependency }, up ? 1 : 0);
    },
  });
}
