/**
 * Who an information subject is, from its code (002 §10–12, 003 C.3): an organisation by its
 * unified social credit code (GB 32100-2015) or a natural person by the 18-character resident
 * identity number (公民身份号码, GB 11643-1999), each checked by its own rule.
 */
import { isValidUscc } from './uscc';

export type SubjectKind = 'organisation' | 'person';

const RESIDENT_ID = /^(\d{6})(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** GB 11643's check character (ISO 7064 MOD 11-2) over the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return RESIDENT_ID_CHECK[sum % 11];
}

/** 18 characters: area, a real date of birth (not in the future), sequence, check character. */
export function isValidResidentId(code: string, today = new Date()): boolean {
  const match = RESIDENT_ID.exec(code);
  if (!match) return false;
  const [, , year, month, day] = match;
  const birth = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDate = birth.getUTCFullYear() === Number(year) && birth.getUTCMonth() === Number(month) - 1 && birth.getUTCDate() === Number(day);
  if (!realDate || Number(year) < 1900 || birth.getTime() > today.getTime()) return false;
  return residentIdCheckCharacter(code.slice(0, 17)) === code[17];
}

export function subjectKindOf(code: string): SubjectKind | undefined {
  if (isValidUscc(code)) return 'organisation';
  if (isValidResidentId(code)) return 'person';
  return undefined;
}
