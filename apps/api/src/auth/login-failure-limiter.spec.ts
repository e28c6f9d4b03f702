import { resetSettings } from '../../../../libs/config/settings';
import { LoginFailureLimiter } from './login-failure-limiter';

describe('LoginFailureLimiter', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T09:00:00+08:00') });
    resetSettings();
  });
  afterEach(() => jest.useRealTimers());

  it('blocks an address after 30 failures within 15 minutes, across accounts', () => {
    const limiter = new LoginFailureLimiter();
    for (let i = 0; i < 29; i += 1) limiter.recordFailure('10.0.0.1');
    expect(limiter.isBlocked('10.0.0.1')).toBe(false);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.isBlocked('10.0.0.1')).toBe(true);
    expect(limiter.isBlocked('10.0.0.2')).toBe(false);
  });

  it('lets the address in again once the failures age out of the window', () => {
    const limiter = new LoginFailureLimiter();
    for (let i = 0; i < 30; i += 1) limiter.recordFailure('10.0.0.1');
    jest.advanceTimersByTime(15 * 60 * 1000 - 1);
    expect(limiter.isBlocked('10.0.0.1')).toBe(true);
    jest.advanceTimersByTime(1);
    expect(limiter.isBlocked('10.0.0.1')).toBe(false);
  });

  it('counts failures only: an office of successful logins never fills it', () => {
    const limiter = new LoginFailureLimiter();
    // Successes are not recorded at all; a few typos among 200 logins stay far below the cap.
    for (let i = 0; i < 5; i += 1) limiter.recordFailure('10.0.0.1');
    expect(limiter.isBlocked('10.0.0.1')).toBe(false);
  });
});
