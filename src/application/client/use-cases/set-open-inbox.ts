import { ok, Result } from '../../../domain/protocol/result';
import { ClientError, fromGateway } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { asOwner } from '../session/owner-call';

/** PATCH /account: whether strangers may drop without a token (friend requests still need a captcha). */
export class SetOpenInbox {
  async execute(account: SignedInAccount, open: boolean): Promise<Result<void, ClientError>> {
    const updated = await asOwner(account, (token) => account.gateway.updateAccount(token, { openInbox: open }));
    if (!updated.ok) return fromGateway(updated.error, 'Changing the inbox setting failed');
    account.setOpenInbox(updated.value.openInbox);
    return ok(undefined);
  }
}
