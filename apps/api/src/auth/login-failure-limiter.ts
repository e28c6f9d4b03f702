import { Injectable } from '@nestjs/common';
import { settings } from '../../../../libs/config/settings';

/**
 * Failed logins per client address across accounts (password spraying): over
 * LOGIN_FAILURE_LIMIT failures within LOGIN_FAILURE_WINDOW_S, the address gets 429 until the
 * oldest failure ages out. Successful logins are never counted, so an office behind one address
 * logging in at 09:00 is never refused. In memory: one API process, reset by a restart.
 */
@Injectable()
export class LoginFailureLimiter {
  /** Failure times (ms) per address, oldest first. */
  private readonly failures = new Map<string, number[]>();

  private recent(address: string): number[] {
    const since = Date.now() - settings().LOGIN_FAILURE_WINDOW_S * 1000;
    const kept = (this.failures.get(address) ?? []).filter((at) => at > since);
    if (kept.length) this.failures.set(address, kept);
    else this.failures.delete(address);
    return kept;
  }

  isBlocked(address: string): boolean {
    return this.recent(address).length >= settings().LOGIN_FAILURE_LIMIT;
  }

  recordFailure(address: string): void {
    this.failures.set(address, [...this.recent(address), Date.now()]);
    // Addresses that never come back would stay forever: sweep them now and then.
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
