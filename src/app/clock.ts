/**
 * The one source of "now". Domain code takes instants as arguments; the application reads them
 * from an injected Clock, so a past campaign can be rehearsed (`--clock ISO --clock-speed X`)
 * and tests can stand still.
 */
export interface Clock {
  /** Epoch milliseconds, UTC. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Stands still at `at` until moved; for tests. */
export class FixedClock implements Clock {
  constructor(private at: number) {}
  now(): number {
    return this.at;
  }
  set(at: number): void {
    this.at = at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/**
 * Starts at `start` and runs at `speed` times the real clock (0 = frozen): the server's clock
 * for rehearsals and demos of a campaign whose dates are past.
 */
export function rehearsalClock(start: number, speed: number, real: Clock = systemClock): Clock {
  if (!Number.isFinite(speed) || speed < 0)
    throw new RangeError(`clock speed ${speed} must be ≥ 0`);
  const origin = real.now();
  return { now: () => start + Math.floor((real.now() - origin) * speed) };
}

/**
 * A clock that can be moved forward (never back) once, before anything reads it in earnest:
 * `serve --demo` resumes where the previous run left the engine's clock.
 */
export class ResumableClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock) {}
  now(): number {
    return this.base.now() + this.offset;
  }
  /** Moves the clock forward so `now()` is at least `at`; an earlier `at` changes nothing. */
  resumeAt(at: number): void {
    const behind = at - this.now();
    if (behind > 0) this.offset += behind;
  }
}

/**
 * A clock that can be held at an instant while some work runs: `gala serve --demo` replays the
 * history of a fresh demo before the server takes requests, each batch with the server's time
 * at the batch's last event, as if the events had come in as they happened. Nothing else holds it.
 */
export class HoldableClock implements Clock {
  private held: number | undefined;
  constructor(private readonly base: Clock) {}
  now(): number {
    return this.held ?? this.base.now();
  }
  async holding<T>(at: number, work: () => Promise<T>): Promise<T> {
    this.held = at;
    try {
      return await work();
    } finally {
      this.held = undefined;
    }
  }
}
