import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionBody } from './chain';
import { ActionLogAppender } from './store';

/** What waits in the outbox: the entry's body and the id it will have in the log. */
export interface PendingAction {
  id: string;
  body: ActionBody;
}

const pendingSuffix = '.json';

/**
 * The API's outbox of action-log entries: a directory with one file per entry, written and
 * fsync'd before the write's answer goes out, so an entry survives the API dying and MongoDB
 * being down. A drain moves the entries into the hash-chained log in the order they were put,
 * under the id they got here: an entry appended twice (a crash between its append and its
 * removal, or two APIs draining one outbox) is refused the second time by its `_id`.
 */
export class ActionLogOutbox {
  private counter = 0;
  private kick?: () => void;

  constructor(readonly dir: string) {}

  async put(body: ActionBody): Promise<PendingAction> {
    await fs.mkdir(this.dir, { recursive: true });
    const id = randomUUID();
    // Names sort in the order entries were put: time, then this process's own counter.
    const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${String(++this.counter).padStart(9, '0')}-${id}`;
    const pending: PendingAction = { id, body };
    const temp = path.join(this.dir, `${name}.tmp`);
    const file = await fs.open(temp, 'wx');
    try {
      await file.writeFile(JSON.stringify(pending));
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temp, path.join(this.dir, `${name}${pendingSuffix}`));
    await syncDirectory(this.dir); // the rename itself must survive a crash
    this.kick?.();
    return pending;
  }

  /** Entries not yet in the log, oldest first. */
  async pending(): Promise<string[]> {
    const names = await fs
      .readdir(this.dir)
      .catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
    return names.filter((name) => name.endsWith(pendingSuffix)).sort();
  }

  /**
   * Moves entries into the log until `signal` aborts: at once after each put, and every
   * `idleMs` for what other processes left. While the log cannot be written it waits,
   * from 1 s doubling to 30 s, and the entries stay where they are.
   */
  async drain(
    appender: Pick<ActionLogAppender, 'append'>,
    signal: AbortSignal,
    onError: (err: Error) => void,
    idleMs = 5_000,
  ): Promise<void> {
    let backoff = 0;
    while (!signal.aborted) {
      try {
        await this.drainOnce(appender);
        backoff = 0;
        await this.idle(idleMs, signal);
      } catch (err) {
        onError(err as Error);
        backoff = Math.min(30_000, backoff ? backoff * 2 : 1_000);
        await sleep(backoff, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** Appends every pending entry once; answers how many it appended. */
  async drainOnce(appender: Pick<ActionLogAppender, 'append'>): Promise<number> {
    let appended = 0;
    for (const name of await this.pending()) {
      const file = path.join(this.dir, name);
      const text = await fs
        .readFile(file, 'utf8')
        .catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
      if (text === undefined) continue; // another process drained it
      const { id, body } = JSON.parse(text) as PendingAction;
      await appender.append(body, id);
      await fs.rm(file, { force: true });
      appended++;
    }
    return appended;
  }

  private idle(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.kick = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      this.kick = done;
    });
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
