import { passwordProblems } from './password-policy';

describe('password policy', () => {
  const check = (password: string) => passwordProblems(password, 'service_clerk_1', 'demo-pass-2026');

  it('accepts a long, uncommon password unrelated to the username', () => {
    expect(check('柳絮-fly-2026-spring')).toEqual([]);
    expect(check('Correct-Horse-7')).toEqual([]);
  });

  it('needs at least 10 characters (counted as characters, not UTF-16 units)', () => {
    expect(check('Sh0rt-pw!')).toEqual([expect.stringMatching(/at least 10/)]);
    expect(check('征信中心业务流程管理系')).toEqual([]);
  });

  it('must not contain the username, in any case', () => {
    expect(check('SERVICE_CLERK_1-2026')).toEqual([expect.stringMatching(/username/)]);
  });

  it('must not be a common password', () => {
    expect(check('1234567890')).toEqual([expect.stringMatching(/common/)]);
    expect(check('QwertyUiop')).toEqual([expect.stringMatching(/common/)]);
    expect(passwordProblems('demo-pass-2026', 'analyst_1', 'other-pass-2026')).toEqual([expect.stringMatching(/common/)]);
  });

  it('must differ from the current one', () => {
    expect(passwordProblems('Same-pass-2026', 'analyst_1', 'Same-pass-2026')).toEqual([expect.stringMatching(/differ/)]);
  });
});
