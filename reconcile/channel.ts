/**
 * A bounded queue between async stages: `push` waits while it is full, iteration waits while it
 * is empty, and ends once it is closed and drained. Once closed, pushes are dropped: a reader that
 * stops early closes it, so no writer waits forever.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private wake: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async push(item: T): Promise<void> {
    while (!this.closed && this.items.length >= this.capacity) await this.changed();
    if (this.closed) return;
    this.items.push(item);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length) {
        yield this.items.shift()!;
        this.notify();
      } else if (this.closed) return;
      else await this.changed();
    }
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.wake.push(resolve));
  }

  private notify(): void {
    const waiting = this.wake;
    this.wake = [];
    waiting.forEach((resolve) => resolve());
  }
}
