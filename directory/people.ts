import { OrgPersonDoc } from './models';
import { DirectoryStore } from './store';

/** People remembered for an outage: about 200 bytes each. */
const remembered = 10_000;

/**
 * The person behind each request, read from the store by `_id` every time, so that disabling or
 * reassigning someone takes effect at their next call. When the store does not answer within
 * `timeoutMs` (down, or stalled), the person as this process last read them serves instead: filings
 * are accepted through a MongoDB outage, as they go to Temporal. Someone this process has not read
 * since it started has no copy to serve, so the store gets `unknownTimeoutMs` to answer (a store slow
 * under a burst, not down) before the store's error, a 503, answers.
 */
export class PeopleReader {
  private readonly lastRead = new Map<string, OrgPersonDoc | undefined>();

  constructor(
    private readonly store: Pick<DirectoryStore, 'person'>,
    private readonly timeoutMs = 1_000,
    private readonly unknownTimeoutMs = 5_000,
  ) {}

  async person(id: string): Promise<OrgPersonDoc | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const limitMs = this.lastRead.has(id) ? this.timeoutMs : this.unknownTimeoutMs;
    const stalled = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the org directory did not answer within ${limitMs} ms`)),
        limitMs,
      );
    });
    try {
      const person = await Promise.race([this.store.person(id), stalled]);
      this.remember(id, person);
      return person;
    } catch (err) {
      if (this.lastRead.has(id)) return this.lastRead.get(id);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(id: string, person: OrgPersonDoc | undefined): void {
    this.lastRead.delete(id);
    this.lastRead.set(id, person);
    if (this.lastRead.size > remembered) this.lastRead.delete(this.lastRead.keys().next().value!);
  }
}
