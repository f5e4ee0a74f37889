import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/**
 * How long logging out waits on the user's own server (its turn behind work under way, writing what is unsaved, revoking
 * the session): past it the user is out of this device all the same, and hears that the server was not told.
 */
export const LOG_OUT_DEADLINE_MS = 5000;

/** Session tokens live at most an hour (PROTOCOL §5): one the server was not told of ends by itself within that. */
export const serverNotTold = (why: string): string => `Your server could not be told of the log-out (${why}); the session there ends by itself within an hour.`;

/**
 * Writes what is still only in memory, then DELETE /sessions/current, then forgets the keys: in its turn, after the work
 * under way with them, which a seal under wiped keys would turn to zeros. Once `signal` aborts (the caller stopped
 * waiting), nothing more goes to the server, and the keys are forgotten all the same.
 */
export class LogOut {
  private readonly saveBlob: SaveBlob;

  constructor(deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock'>) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, signal: AbortSignal = new AbortController().signal): Promise<Result<void, ClientError>> {
    // Only facts whose loss costs a harmless resend are unsaved: a failure to write them keeps no one from leaving.
    if (account.unsaved && !signal.aborted) await this.saveBlob.flush(account);
    if (signal.aborted) {
      account.close();
      return clientError('server_session_kept', serverNotTold('it did not answer in time'));
    }
    const closed = await account.gateway.closeSession(account.session.token, { signal });
    account.close();
    // Unauthorized: the session had ended already (it expired, or was revoked), which is what logging out is for.
    if (!closed.ok && closed.error.code !== 'unauthorized') return clientError('server_session_kept', serverNotTold(closed.error.detail || closed.error.code));
    return ok(undefined);
  }
}
