import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core';

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

/**
 * zxcvbn's score 3: at least 10^8 guesses. Whoever holds the server's data (its operator, or a
 * thief) can guess offline against the encrypted blob at Argon2id's pace, with no rate limit,
 * so a password below this falls to a patient attacker.
 */
export const MIN_PASSWORD_SCORE: PasswordScore = 3;

export interface PasswordRating {
  readonly score: PasswordScore;
  readonly label: string;
  readonly hint: string;
  /** Strong enough to stand up to offline guessing (MIN_PASSWORD_SCORE). */
  readonly acceptable: boolean;
}

/** Word lists, keyboard layouts and the English feedback texts, all fetched together. */
export type PasswordDictionaries = Pick<OptionsType, 'dictionary' | 'graphs' | 'translations'>;

const LABELS: Record<PasswordScore, string> = { 0: 'Very weak', 1: 'Weak', 2: 'Fair', 3: 'Strong', 4: 'Very strong' };

const WHY =
  'Your password is the only lock on your encrypted data: whoever copies the server can try passwords against it offline, without limit.';

/** Without dictionaries it still sees repeats, sequences, dates and keyboard runs; with them, common passwords and words. */
let estimator = new ZxcvbnFactory();
let withDictionaries = false;

/** Called once the lazily fetched dictionaries arrived (see password-dictionaries.ts). */
export function applyPasswordDictionaries(dictionaries: PasswordDictionaries): void {
  estimator = new ZxcvbnFactory(dictionaries);
  withDictionaries = true;
}

export const hasPasswordDictionaries = (): boolean => withDictionaries;

export function ratePassword(password: string): PasswordRating {
  const result = estimator.check(password);
  const score = result.score as PasswordScore;
  const acceptable = score >= MIN_PASSWORD_SCORE;
  // Without the translations zxcvbn's feedback is bare keys such as "simpleRepeat": show none then.
  const advice = withDictionaries ? [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text)) : [];
  if (!acceptable) {
    const tip = advice.length > 0 ? `${advice.join(' ')} ` : '';
    return { score, label: LABELS[score], hint: `${tip}A few unrelated words make a strong password that is easy to remember. ${WHY}`, acceptable };
  }
  return {
    score,
    label: LABELS[score],
    hint: 'Strong enough. Nobody, not even your server, can reset it: keep it safe.',
    acceptable,
  };
}

export interface NewPasswordErrors {
  readonly password: string | null;
  readonly confirmation: string | null;
}

/** A new password must be strong enough, typed the same twice and, when changing, differ from the current one. */
export function checkNewPassword(password: string, confirmation: string, current?: string): NewPasswordErrors {
  const rating = ratePassword(password);
  return {
    password: password === '' ? 'Choose a password.' : !rating.acceptable ? `Too weak (${rating.label.toLowerCase()}). ${rating.hint}` : password === current ? 'Choose a password different from the current one.' : null,
    confirmation: password === confirmation ? null : 'The two passwords differ.',
  };
}
