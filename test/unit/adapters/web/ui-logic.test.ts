/** The web app's pure rules: error explanations, password hints, safety number layout (address input: address-input.test.ts). */
import { MessengerError } from '../../../../src/application/client/messenger';
import { CLIENT_ERROR_CODES, SERVER_ERROR_CODES, explainError, isInviteProblem } from '../../../../src/adapters/web/error-messages';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { applyPasswordDictionaries, checkNewPassword, MIN_PASSWORD_SCORE, ratePassword } from '../../../../src/adapters/web/password-strength';
import { safetyNumberGroups } from '../../../../src/adapters/web/safety-number-format';

describe('error explanations', () => {
  it.each([...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES])('explains %s in plain words, never echoing the code alone', (code) => {
    const explained = explainError(new MessengerError(code, 'technical detail'), 'general');
    expect(explained.code).toBe(code);
    expect(explained.message).not.toContain(code);
    expect(explained.message).not.toContain('technical detail');
    expect(explained.message.length).toBeGreaterThan(10);
  });

  it('says "wrong address or password" for any failed log-in, not which one was wrong', () => {
    for (const code of ['unauthorized', 'not_found', 'wrong_password']) {
      expect(explainError(new MessengerError(code, ''), 'log-in').message).toBe('Wrong address or password.');
    }
  });

  it('names the server a friend request went to when that server failed, and says nothing was sent', () => {
    const unreachable = explainError(new MessengerError('network_error', '', { friend: 'bob@chat.example.org' }), 'add-friend').message;
    expect(unreachable).toContain('chat.example.org');
    expect(unreachable).toContain('bob@chat.example.org');
    expect(unreachable).toContain('nothing was sent');
    const ownServerDown = explainError(new MessengerError('network_error', ''), 'add-friend').message;
    expect(ownServerDown).toContain('your own server');
    const captchaMissed = explainError(new MessengerError('captcha_invalid', '', { friend: 'bob@chat.example.org' }), 'add-friend').message;
    expect(captchaMissed).toContain('Send the request again for a new puzzle');
  });

  it('says a friend request to a blocked address waits for an unblock in Settings', () => {
    expect(explainError(new MessengerError('not_friends', ''), 'add-friend').message).toBe('You blocked this address. Unblock it in Settings first; nothing was sent.');
  });

  it('tells a person registering on an invite-only server what to do about the code', () => {
    const missing = explainError(new MessengerError('invite_required', ''), 'register').message;
    const refused = explainError(new MessengerError('forbidden', ''), 'register').message;
    expect(missing).toMatch(/only with an invite code/);
    expect(refused).toMatch(/did not accept this invite code/);
    expect(explainError(new MessengerError('registration_closed', ''), 'register').message).toBe('This server does not accept new accounts.');
    expect(['invite_required', 'forbidden'].map(isInviteProblem)).toEqual([true, true]);
    expect(['registration_closed', 'name_taken', null].map(isInviteProblem)).toEqual([false, false, false]);
  });

  it('says whose server failed to deliver new messages: the own one, or a friend\'s by address', () => {
    expect(explainError(new MessengerError('network_error', ''), 'sync').message).toMatch(/^Could not reach your own server\./);
    expect(explainError(new MessengerError('internal', ''), 'sync').message).toMatch(/^Your own server/);
    const friends = explainError(new MessengerError('network_error', '', { friend: 'bob@south.example' }), 'sync').message;
    expect(friends).toMatch(/^Could not reach bob@south.example's server/);
  });

  it('passes an unknown code through with its message', () => {
    expect(explainError(new MessengerError('teapot', 'short and stout'), 'general')).toEqual({
      message: 'The operation failed: short and stout',
      code: 'teapot',
    });
  });
});

describe('password strength', () => {
  it('refuses repeats and sequences even before the word lists arrive', () => {
    expect(ratePassword('aaaaaaaaaa').acceptable).toBe(false);
    expect(ratePassword('abcdefghijklmnopqrst').acceptable).toBe(false);
  });

  it('refuses common passwords and their variants once the word lists are in, and says why', () => {
    applyPasswordDictionaries({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
    for (const weak of ['password123', 'iloveyou2024', 'dragon12345', 'Summer2024!']) expect(ratePassword(weak).acceptable).toBe(false);
    expect(ratePassword('password123').hint).toContain('This is a commonly used password.');
    expect(ratePassword('password123').hint).toContain('offline');
  });

  it('asks for an acceptable new password, typed the same twice, unlike the current one', () => {
    const good = 'correct horse battery staple';
    expect(checkNewPassword(good, good)).toEqual({ password: null, confirmation: null });
    expect(checkNewPassword('aaaaaaaaaa', 'aaaaaaaaaa').password).toMatch(/^Too weak \(very weak\)\./);
    expect(checkNewPassword(good, `${good}!`)).toEqual({ password: null, confirmation: 'The two passwords differ.' });
    expect(checkNewPassword(good, good, good).password).toBe('Choose a password different from the current one.');
  });

  it('rates a repeated or sequential password below a passphrase of the same length', () => {
    expect(ratePassword('aaaaaaaaaaaaaaaaaaaa').score).toBeLessThan(MIN_PASSWORD_SCORE);
    expect(ratePassword('abcdefghijklmnopqrst').score).toBeLessThan(MIN_PASSWORD_SCORE);
    expect(ratePassword('correct horse battery staple').score).toBe(4);
  });
});

describe('safety number layout', () => {
  it('shows 12 groups of 5 digits whatever the separators', () => {
    const digits = '0123456789'.repeat(6);
    expect(safetyNumberGroups(digits)).toHaveLength(12);
    expect(safetyNumberGroups(digits.replace(/(\d{5})/g, '$1 ')).join('')).toBe(digits);
  });
});
