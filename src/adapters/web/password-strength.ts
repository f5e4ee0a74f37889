export const MIN_PASSWORD_LENGTH = 10;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordRating {
  readonly score: PasswordScore;
  readonly label: string;
  readonly hint: string;
  /** Long enough and not a well-known password. */
  readonly acceptable: boolean;
}

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  '1234567890',
  '0123456789',
  'qwertyuiop',
  'iloveyou12',
  'letmein123',
  'starbase123',
  'passw0rd12',
  'administrator',
  'welcome123',
  'qwerty1234',
  'abc1234567',
  '1q2w3e4r5t',
]);

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function alphabetSize(password: string): number {
  let size = 0;
  if (/[a-z]/.test(password)) size += 26;
  if (/[A-Z]/.test(password)) size += 26;
  if (/[0-9]/.test(password)) size += 10;
  if (/[^a-zA-Z0-9]/.test(password)) size += 33;
  return size;
}

/** Characters that repeat the previous one or continue a keyboard or alphabet run add little. */
function effectiveLength(password: string): number {
  const lower = password.toLowerCase();
  let length = 0;
  for (let i = 0; i < lower.length; i += 1) {
    const previous = lower[i - 1];
    const current = lower[i] ?? '';
    const repeats = previous === current;
    const continuesRun = previous !== undefined && SEQUENCES.some((run) => run.includes(previous + current));
    length += repeats || continuesRun ? 0.25 : 1;
  }
  return length;
}

/** A rough entropy estimate in bits: enough for a hint, not a guarantee. */
export function estimateBits(password: string): number {
  const size = alphabetSize(password);
  return size === 0 ? 0 : effectiveLength(password) * Math.log2(size);
}

export function ratePassword(password: string): PasswordRating {
  const characters = [...password].length;
  if (characters < MIN_PASSWORD_LENGTH) {
    return {
      score: 0,
      label: 'Too short',
      hint: `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`,
      acceptable: false,
    };
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return { score: 0, label: 'Too common', hint: 'This password is among the first ones attackers try.', acceptable: false };
  }
  const bits = estimateBits(password);
  if (bits < 45) {
    return { score: 1, label: 'Weak', hint: 'Add another word or two, or avoid repeated and sequential characters.', acceptable: true };
  }
  if (bits < 65) {
    return { score: 2, label: 'Fair', hint: 'Good start. One more unrelated word would make it strong.', acceptable: true };
  }
  if (bits < 85) {
    return { score: 3, label: 'Strong', hint: 'A strong password. Nobody, not even your server, can reset it: keep it safe.', acceptable: true };
  }
  return { score: 4, label: 'Very strong', hint: 'Excellent. Nobody, not even your server, can reset it: keep it safe.', acceptable: true };
}

export interface NewPasswordErrors {
  readonly password: string | null;
  readonly confirmation: string | null;
}

/** A new password must be acceptable, typed the same twice and, when changing, differ from the current one. */
export function checkNewPassword(password: string, confirmation: string, current?: string): NewPasswordErrors {
  const rating = ratePassword(password);
  return {
    password: !rating.acceptable ? rating.hint : password === current ? 'Choose a password different from the current one.' : null,
    confirmation: password === confirmation ? null : 'The two passwords differ.',
  };
}
