import { resolveLink } from '../../../domain/messaging/document-updates';
import { ourDropTokenIdOf } from '../../../domain/messaging/friendship';
import { SaveBlob } from './save-blob';
import { SignedInAccount } from './signed-in-account';

/**
 * After a write that failed without a known outcome (its answer lost): whether our server's blob,
 * read again, holds the link the write made with our new drop token, so the token is in use and
 * must not be revoked as never written. Null when the blob cannot be read: nobody was given the token unless it is.
 */
export const linkWrittenWithToken = async (
  saveBlob: SaveBlob,
  account: SignedInAccount,
  link: { readonly address: string; readonly handshakeId: string; readonly dropTokenId: string },
): Promise<boolean | null> => {
  const refreshed = await saveBlob.refresh(account);
  if (!refreshed.ok) return null;
  const found = resolveLink(account.doc, link.address, link.handshakeId)?.link;
  return found !== undefined && ourDropTokenIdOf(found) === link.dropTokenId;
};
