// A clock that follows real time but can be pushed forward, so an HTTP test can make a session
// or a sync token expire without waiting (`POST /__control/clock {advanceMs}`).

export class SandboxClock {
  private offset = 0;

  constructor(private readonly base: () => number = Date.now) {}

  readonly now = (): number => this.base() + this.offset;

  advance(ms: number): void {
    this.offset += ms;
  }
}

/** A clock that moves only when told: for in-process tests that must be exactly repeatable. */
export class ManualClock {
  constructor(private time = Date.UTC(2026, 10, 1, 10, 0, 0)) {}

  readonly now = (): number => this.time;

  advance(ms: number): void {
    this.time += ms;
  }

  set(ms: number): void {
    this.time = ms;
  }
}
