/**
 * Failed console sign-ins, counted in a sliding window. Once a key has `maxFailures` failures in
 * the last `windowMs`, further attempts are refused until the oldest of them leaves the window,
 * with the right password or not: a guesser learns nothing while refused, and costs the server no
 * argon2 hash. Kept in the process (each `gala serve` counts its own; a restart forgets).
 *
 * Two keys per attempt (`SignInThrottle`): the username from this address (5 in 15 min), so one
 * address cannot guess a person's password and the person can still sign in from elsewhere; and
 * the address alone (50 in 15 min), so one address cannot try a password across many usernames.
 */

export interface WindowPolicy {
  maxFailures: number;
  windowMs: number;
}

export const PER_USER_AT_ADDRESS: WindowPolicy = { maxFailures: 5, windowMs: 15 * 60_000 };
export const PER_ADDRESS: WindowPolicy = { maxFailures: 50, windowMs: 15 * 60_000 };

/** Failure instants per key, oldest first; bounded in keys, so a flood of names cannot grow it. */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly policy: WindowPolicy,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.policy.maxFailures) return 0;
    return recent[recent.length - this.policy.maxFailures]! + this.policy.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Only the last maxFailures instants ever decide a wait.
    if (recent.length > this.policy.maxFailures) recent.shift();
    this.failures.delete(key); // re-inserted last: the map's order is then least recent first
    this.failures.set(key, recent);
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  /** The failures of `key` still inside the window (a live list: `fail` appends to it). */
  private recent(key: string, now: number): number[] {
    const list = this.failures.get(key) ?? [];
    const from = now - this.policy.windowMs;
    let stale = 0;
    while (stale < list.length && list[stale]! <= from) stale++;
    if (stale > 0) list.splice(0, stale);
    return list;
  }
}

export class SignInThrottle {
  private readonly byUser = new FailureWindow(PER_USER_AT_ADDRESS);
  private readonly byAddress = new FailureWindow(PER_ADDRESS);

  /** Milliseconds until this username may try again from this address; 0 when it may now. */
  waitMs(username: string, address: string, now: number): number {
    return Math.max(
      this.byUser.waitMs(userKey(username, address), now),
      this.byAddress.waitMs(address, now),
    );
  }

  failed(username: string, address: string, now: number): void {
    this.byUser.fail(userKey(username, address), now);
    this.byAddress.fail(address, now);
  }

  /** A right password forgives the username's failures from this address, not the address's. */
  succeeded(username: string, address: string): void {
    this.byUser.clear(userKey(username, address));
  }
}

const userKey = (username: string, address: string) => `${address}\n${username}`;
