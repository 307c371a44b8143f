import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, Model, Schema } from 'mongoose';
import {
  ActionBody,
  ActionEntry,
  ChainHead,
  ChainVerdict,
  checkNext,
  emptyLog,
  linkEntry,
  startCheck,
  verdict,
} from './chain';

export type ActionLogModel = Model<ActionEntry>;

/** The action log lives in `action_log`; the unique seq is what keeps concurrent appenders on one chain. */
export function createActionLogModel(connection: Connection): ActionLogModel {
  const schema = new Schema<ActionEntry>(
    {
      seq: { type: Number, required: true, unique: true },
      at: { type: String, required: true, index: true },
      actor: { type: Schema.Types.Mixed, required: true },
      action: { type: String, required: true },
      path: { type: String, required: true },
      target: { type: String, index: true },
      requestId: { type: String, required: true },
      outcome: { type: Schema.Types.Mixed, required: true },
      prevHash: { type: String, required: true },
      hash: { type: String, required: true },
    },
    // minimize: false keeps an empty `actor.headers`, which the hash covers.
    { versionKey: false, collection: 'action_log', minimize: false },
  );
  schema.index({ 'actor.id': 1 });
  return connection.model<ActionEntry>('ActionLog', schema);
}

const maxAttempts = 50;

/**
 * Appends after the last entry, one append at a time per process. It remembers the head it wrote,
 * so the usual append is a single insert (finding the last entry is a sort, slow on a long log).
 * When another process has appended meanwhile, the unique seq refuses the insert (E11000); the
 * appender then reads the head again and retries (a refusal by the `_id` is found on that retry). No transaction is needed (FerretDB has none for
 * several documents).
 */
export class ActionLogAppender {
  private head?: ChainHead;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly model: ActionLogModel) {}

  /**
   * With an `id`, the entry is stored under it, once: a second append of the same id finds the
   * first and answers it (the outbox may hand over an entry again after a crash).
   */
  append(body: ActionBody, id?: string): Promise<ActionEntry> {
    const appended = this.queue.then(() => this.appendNow(body, id));
    this.queue = appended.catch(() => undefined);
    return appended;
  }

  private async appendNow(body: ActionBody, id?: string): Promise<ActionEntry> {
    await this.model.init(); // the unique index must exist before the first insert relies on it
    // MongoDB would store an undefined field as null, which the hash did not cover.
    const plain = JSON.parse(JSON.stringify(body)) as ActionBody;
    for (let attempt = 1; ; attempt++) {
      const stored =
        id === undefined
          ? undefined
          : await this.model.collection.findOne<ActionEntry>(
              { _id: id as never },
              { projection: { _id: 0 } },
            );
      if (stored) return stored;
      this.head ??=
        (await this.model.findOne({}, { _id: 0, seq: 1, hash: 1 }).sort({ seq: -1 }).lean()) ?? emptyLog;
      const entry = linkEntry(this.head, plain);
      try {
        await this.model.collection.insertOne(
          id === undefined ? { ...entry } : { _id: id as never, ...entry },
        );
        this.head = { seq: entry.seq, hash: entry.hash };
        return entry;
      } catch (err) {
        this.head = undefined;
        if ((err as { code?: unknown }).code !== 11000 || attempt === maxAttempts) throw err;
        await sleep(Math.random() * attempt); // jitter, so the losers of a race do not collide again
      }
    }
  }
}

/** Verifies the whole log a page at a time, in seq order, stopping at the first break. */
export async function verifyActionLog(model: ActionLogModel, pageSize = 1000): Promise<ChainVerdict> {
  let check = startCheck();
  for (let after = 0; ;) {
    const page = await model
      .find({ seq: { $gt: after } }, { _id: 0 })
      .sort({ seq: 1 })
      .limit(pageSize)
      .lean<ActionEntry[]>();
    for (const entry of page) {
      check = checkNext(check, entry);
      if (check.brokenAt) return verdict(check);
    }
    if (page.length < pageSize) return verdict(check);
    after = page[page.length - 1].seq;
  }
}
