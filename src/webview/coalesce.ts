/**
 * "Render at once when the previous render is done": the inspector's answer to typing. A request made while nothing
 * is in flight is sent at once (no fixed wait, so a slow typist never waits); requests made while one is in flight
 * are coalesced into a single one, sent when the answer arrives and reading the state as it is then (so a fast typist
 * never queues work). An answer that never comes (the extension dropped it) stops holding requests after `maxWaitMs`.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Coalescer {
  private inFlight = false;
  private wanted = false;
  private timer: unknown;

  /** `send` returns whether it sent anything (text not worth sending yet is not "in flight"). */
  constructor(
    private readonly send: () => boolean,
    private readonly maxWaitMs = 1000,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** The state changed: send now, or once the answer in flight has arrived. */
  request(): void {
    if (this.inFlight) this.wanted = true;
    else this.fire();
  }

  /** An answer arrived: send what was asked for meanwhile, if anything. */
  answered(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.inFlight = false;
    if (this.wanted) {
      this.wanted = false;
      this.fire();
    }
  }

  get busy(): boolean {
    return this.inFlight;
  }

  private fire(): void {
    if (!this.send()) return;
    this.inFlight = true;
    this.timer = this.timers.set(() => this.answered(), this.maxWaitMs);
  }
}
