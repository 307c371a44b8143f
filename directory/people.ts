import { OrgPersonDoc } from './models';
import { DirectoryStore } from './store';

/** People remembered for an outage: about 200 bytes each. */
const remembered = 10_000;

/** Rejects with the directory's words when `reading` has not settled within `ms`. */
async function within<T>(reading: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the org directory did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([reading, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The person behind each request, read from the store by `_id` every time, so that disabling or
 * reassigning someone takes effect at their next call. When the store does not answer within
 * `timeoutMs` (down, or stalled), the person as this process last read them serves instead: filings
 * are accepted through a MongoDB outage, as they go to Temporal. A copy may only let a caller in,
 * never refuse one (`admits`: it may lack an assignment given since it was read). Without a copy that
 * admits, the store gets `unknownTimeoutMs` to answer (a store slow under a burst, not down) before
 * the store's error, a 503, answers.
 */
export class PeopleReader {
  private readonly lastRead = new Map<string, OrgPersonDoc | undefined>();

  constructor(
    private readonly store: Pick<DirectoryStore, 'person'>,
    private readonly timeoutMs = 1_000,
    private readonly unknownTimeoutMs = 5_000,
  ) {}

  async person(
    id: string,
    admits: (copy: OrgPersonDoc | undefined) => boolean = (copy) => copy !== undefined,
  ): Promise<OrgPersonDoc | undefined> {
    const reading = this.store.person(id).then((person) => {
      this.remember(id, person);
      return person;
    });
    const copy = this.lastRead.get(id);
    if (!this.lastRead.has(id) || !admits(copy)) return within(reading, this.unknownTimeoutMs);
    return within(reading, this.timeoutMs).catch(() => copy);
  }

  private remember(id: string, person: OrgPersonDoc | undefined): void {
    this.lastRead.delete(id);
    this.lastRead.set(id, person);
    if (this.lastRead.size > remembered) this.lastRead.delete(this.lastRead.keys().next().value!);
  }
}
