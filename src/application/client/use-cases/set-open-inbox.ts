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

/** Reads the setting anew from our own profile: another device may have opened or closed the inbox since this one signed in. */
export class RefreshOpenInbox {
  async execute(account: SignedInAccount): Promise<Result<void, ClientError>> {
    const profile = await account.gateway.getProfile(account.name);
    if (!profile.ok) return fromGateway(profile.error, 'Reading the inbox setting failed');
    if (profile.value.openInbox !== account.openInbox) account.setOpenInbox(profile.value.openInbox);
    return ok(undefined);
  }
}
