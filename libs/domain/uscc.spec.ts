import { isValidUscc, usccCheckCharacter } from './uscc';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes with the right check character', () => {
    // The standard's own example, and a code printed on a real business licence.
    for (const code of ['91350100M000100Y43', '91110000802100433B']) {
      expect(isValidUscc(code)).toBe(true);
    }
  });

  it('computes the check character over the first 17 characters', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110000802100433')).toBe('B');
  });

  it('rejects a wrong check character, a wrong length, and letters outside the alphabet', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
    // I, O, Z, S, V are not in the alphabet.
    expect(isValidUscc('91350100M0001O0Y43')).toBe(false);
    expect(isValidUscc('91350100m000100Y43')).toBe(false);
    // Characters 3–8 are the administrative division: digits only.
    expect(isValidUscc('913A0100M000100Y43')).toBe(false);
  });

  it('maps a remainder of zero to the check character 0', () => {
    // Search the space for a code whose weighted sum is divisible by 31.
    const first17 = Array.from({ length: 31 }, (_, d) => `9142010000000000${'0123456789ABCDEFGHJKLMNPQRTUWXY'[d]}`).find((c) => usccCheckCharacter(c) === '0');
    expect(first17).toBeDefined();
    expect(isValidUscc(`${first17}0`)).toBe(true);
  });
});
