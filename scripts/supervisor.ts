import { ServerProcess } from './servers';

/** Something `npm start` keeps running: how to start it, ready, once more. */
export interface Service<P extends ServerProcess = ServerProcess> {
  name: string;
  start(): Promise<P>;
}

export interface RestartPolicy {
  /** The wait before the first restart; it doubles with every fast failure after that. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A process that ran this long had been well: its next failure starts the count again. */
  stableAfterMs: number;
  /** Give up after this many failures in a row, each within stableAfterMs of its start. */
  maxFastFailures: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxFastFailures: 5,
};

/** The wait before restarting after the given number of fast failures in a row (1 for the first). */
export function restartDelay(policy: RestartPolicy, fastFailures: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (fastFailures - 1));
}

interface Slot {
  service: Service;
  current?: ServerProcess;
  fastFailures: number;
}

/**
 * Keeps every service running: one that exits on its own is restarted after a backoff, and a
 * service failing fast again and again makes the supervisor give up (`onGiveUp`), since restarting
 * it forever would only hide the fault. The others run on meanwhile: a worker that died leaves the
 * API accepting writes, and cases wait in Temporal until a worker polls again.
 */
export class Supervisor {
  private readonly slots: Slot[] = [];
  private stopping = false;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly onGiveUp: (service: string, why: string) => void,
    private readonly policy: RestartPolicy = defaultRestartPolicy,
  ) {}

  /** Starts a service the first time; a failure here is the caller's, as at any start-up. */
  async start<P extends ServerProcess>(service: Service<P>): Promise<P> {
    const slot: Slot = { service, fastFailures: 0 };
    this.slots.push(slot);
    const started = await service.start();
    this.log(`${service.name} started (pid ${started.pid})`);
    this.watch(slot, started);
    return started;
  }

  /** Stops every service in the reverse order of their starts, each gracefully. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    this.sleepers.forEach((wake) => wake());
    for (const slot of [...this.slots].reverse()) {
      if (!slot.current) continue;
      this.log(`stopping ${slot.service.name}`);
      await slot.current.stop().catch((err) => this.log(`${slot.service.name}: ${err}`));
    }
  }

  private watch(slot: Slot, process: ServerProcess): void {
    slot.current = process;
    const startedAt = Date.now();
    void process.exited.then((code) => {
      if (this.stopping) return;
      slot.current = undefined;
      this.restart(slot, `exited (${code})`, Date.now() - startedAt);
    });
  }

  private restart(slot: Slot, why: string, ranMs: number): void {
    const { name } = slot.service;
    slot.fastFailures = ranMs >= this.policy.stableAfterMs ? 1 : slot.fastFailures + 1;
    if (slot.fastFailures > this.policy.maxFastFailures) {
      this.log(
        `${name} ${why}; giving up after ${this.policy.maxFastFailures} failures in a row, each within ${this.policy.stableAfterMs / 1000} s of its start`,
      );
      this.onGiveUp(name, why);
      return;
    }
    const delay = restartDelay(this.policy, slot.fastFailures);
    this.log(
      `${name} ${why} after ${(ranMs / 1000).toFixed(1)} s; restarting in ${delay / 1000} s (failure ${slot.fastFailures} in a row)`,
    );
    const startedAt = Date.now();
    void this.sleep(delay)
      .then(() => (this.stopping ? undefined : slot.service.start()))
      .then(
        (started) => {
          if (!started) return;
          if (this.stopping) return void started.stop();
          this.log(`${name} restarted (pid ${started.pid})`);
          this.watch(slot, started);
        },
        (err: Error) =>
          this.restart(
            slot,
            `failed to start: ${err.message.split('\n')[0]}`,
            Date.now() - startedAt - delay,
          ),
      );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
