/**
 * The password policy of README ("Passwords"): at least 10 characters, not containing the
 * username, not a commonly used password, not the current one. Checked on /auth/password.
 */

export const MIN_PASSWORD_LENGTH = 10;

/**
 * Passwords of 10+ characters that top the public leak lists (and the demo password, which the
 * README publishes). Compared case-insensitively.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '123456789a', 'a123456789', '1234567890a', '123456789q', 'q123456789',
  '1111111111', '0000000000', '5555555555', '8888888888', '6666666666', '9876543210', '1234512345', '1122334455',
  '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'asdfghjkl1', 'zxcvbnm123',
  '1qazxsw23edc', 'qazwsxedc123', 'asdf123456', 'abc1234567', 'abcd123456', 'abcdefghij', 'aaaaaaaaaa', 'iloveyou12',
  'password12', 'password123', 'password1234', 'password01', 'p@ssw0rd123', 'passw0rd123', 'administrator', 'admin12345',
  'admin123456', 'root123456', 'welcome123', 'welcome1234', 'letmein123', 'changeme123', 'football123', 'baseball123',
  'sunshine123', 'princess123', 'superman123', 'starwars123', 'computer123', 'internet123', 'woaini1314', 'woaini520',
  '5201314520', '1314520520', 'wangyang123', 'zhang123456', 'li123456789', 'a1234567890', 'aa123456789', 'test123456',
  'demo-pass-2026',
]);

/** What is wrong with a new password, as messages for the `newPassword` field (empty: acceptable). */
export function passwordProblems(newPassword: string, username: string, currentPassword: string): string[] {
  const problems: string[] = [];
  const lower = newPassword.toLowerCase();
  if ([...newPassword].length < MIN_PASSWORD_LENGTH) problems.push(`newPassword must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (username && lower.includes(username.toLowerCase())) problems.push('newPassword must not contain the username');
  if (COMMON_PASSWORDS.has(lower)) problems.push('newPassword is a commonly used password');
  if (newPassword === currentPassword) problems.push('newPassword must differ from the current password');
  return problems;
}
