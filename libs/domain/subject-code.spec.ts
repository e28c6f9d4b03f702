import { isValidResidentId, residentIdCheckCharacter, subjectKindOf } from './subject-code';

describe('subject codes', () => {
  // GB 11643-1999's worked example: 11010519491231002X.
  it('computes the resident identity number check character of GB 11643', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('refuses a date of birth that does not exist or lies ahead', () => {
    const feb30 = `42010219900230001`;
    expect(isValidResidentId(feb30 + residentIdCheckCharacter(feb30))).toBe(false);
    const future = `42010221000101001`;
    expect(isValidResidentId(future + residentIdCheckCharacter(future), new Date('2026-12-01'))).toBe(false);
    expect(isValidResidentId('11010519491231002x')).toBe(false);
  });

  it('tells an organisation from a natural person, each by its own rule', () => {
    expect(subjectKindOf('91420100MA4K00001U')).toBe('organisation');
    expect(subjectKindOf('91420100MA4K00001A')).toBeUndefined();
    expect(subjectKindOf('11010519491231002X')).toBe('person');
  });
});
