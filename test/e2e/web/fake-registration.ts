import { MessengerError, type Messenger } from '../../../src/application/client/messenger';
import type { RegistrationMode } from '../../../src/adapters/web/environment';

/** The code a fake invite-only server accepts. */
export const FAKE_INVITE_CODE = 'fake-invite-code';

/**
 * The fake network lets anybody register; this plays a server whose registration is by invite or
 * closed, failing the way the client core does (invite_required, forbidden, registration_closed).
 */
export function withRegistration(messenger: Messenger, mode: RegistrationMode): Messenger {
  return {
    logIn: (address, password, options) => messenger.logIn(address, password, options),
    resume: (options) => messenger.resume(options),
    register: async (address, password, options) => {
      const server = address.slice(address.lastIndexOf('@') + 1);
      if (mode === 'closed') throw new MessengerError('registration_closed', `${server} does not accept new accounts.`);
      const code = options?.inviteCode?.trim() ?? '';
      if (mode === 'invite' && code === '') throw new MessengerError('invite_required', `${server} accepts new accounts only with an invite code.`);
      if (mode === 'invite' && code !== FAKE_INVITE_CODE) throw new MessengerError('forbidden', `${server} did not accept this invite code.`);
      return messenger.register(address, password, options);
    },
  };
}
