import { AES_GCM_NONCE_BYTES, ClientCrypto } from '../../ports/client-crypto';
import { SealedDraft } from '../../ports/draft-store';
import type { Draft, DraftEdit } from '../messenger';
import { isValidMessageId } from '../../../domain/messaging/message';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { concatBytes } from '../../../domain/protocol/encoding/bytes';
import { encodeUtf8 } from '../../../domain/protocol/encoding/utf8';
import { decryptPaddedText, encryptPaddedText, hasPaddedCiphertextLength } from '../protocol/padded-aead';
import { SYMMETRIC_KEY_BYTES } from '../protocol/protocol-labels';

/*
 * Drafts kept on the device (never sent anywhere, so not part of PROTOCOL):
 *   sealKey = HKDF(storeKey, salt = account, "starbase drafts v1 seal", 32)
 *   nameKey = HKDF(storeKey, salt = account, "starbase drafts v1 name", 32)
 *   name    = b64u(HMAC-SHA-256(nameKey, friend))
 *   sealed  = nonce(12) || AES-256-GCM(sealKey, nonce, pad(json), aad = "starbase drafts v1 " + account + " " + name)
 *   json    = {"friend", "text", "replyTo"?, "edit"?: {"messageId", "text"}}
 * "text" is the new message, "replyTo" the id of the message it answers, "edit" an edit of one of
 * the user's messages under way; the optional fields are left out when unset, so a draft with text
 * only is the record written before they existed ({"friend","text"}), and those still open. Opening
 * checks every known field (a message id has 1 to 128 characters) and refuses the record if one is wrong,
 * as if it did not open; fields it does not know are passed over, so a newer app's record still opens.
 * The store key, not the blobKey: it outlives a password change, so what was typed before the
 * password changed on another device opens after signing in with the new one.
 */

export const DRAFT_LABELS = {
  seal: 'starbase drafts v1 seal',
  name: 'starbase drafts v1 name',
  aadPrefix: 'starbase drafts v1 ',
} as const;

export interface DraftKeys {
  readonly seal: Uint8Array;
  readonly name: Uint8Array;
}

export interface OpenedDraft extends Draft {
  readonly friend: string;
}

type DraftPorts = Pick<ClientCrypto, 'hkdf' | 'cipher' | 'random' | 'digest'>;

export const deriveDraftKeys = async (hkdf: ClientCrypto['hkdf'], storeKey: Uint8Array, account: string): Promise<DraftKeys> => {
  const salt = encodeUtf8(account);
  const [seal, name] = await Promise.all([
    hkdf.derive(storeKey, salt, encodeUtf8(DRAFT_LABELS.seal), SYMMETRIC_KEY_BYTES),
    hkdf.derive(storeKey, salt, encodeUtf8(DRAFT_LABELS.name), SYMMETRIC_KEY_BYTES),
  ]);
  return { seal, name };
};

export const draftName = async (digest: ClientCrypto['digest'], keys: DraftKeys, friend: string): Promise<string> =>
  encodeB64u(await digest.hmacSha256(keys.name, encodeUtf8(friend)));

const draftAad = (account: string, name: string): Uint8Array => encodeUtf8(`${DRAFT_LABELS.aadPrefix}${account} ${name}`);

export const sealDraft = async (ports: DraftPorts, keys: DraftKeys, account: string, draft: OpenedDraft): Promise<SealedDraft> => {
  const name = await draftName(ports.digest, keys, draft.friend);
  const { friend, text, replyTo, edit } = draft;
  const plaintext = JSON.stringify({ friend, text, ...(replyTo === undefined ? {} : { replyTo }), ...(edit === undefined ? {} : { edit: { messageId: edit.messageId, text: edit.text } }) });
  const { nonce, sealed } = await encryptPaddedText(ports, keys.seal, plaintext, draftAad(account, name));
  return { name, sealed: concatBytes(nonce, sealed) };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An absent field is undefined; a present one that is wrong is null. */
const parseEdit = (value: unknown): DraftEdit | undefined | null => {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !isValidMessageId(value.messageId) || typeof value.text !== 'string') return null;
  return { messageId: value.messageId, text: value.text };
};

const parseDraft = (plaintext: string): OpenedDraft | null => {
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.friend !== 'string' || typeof value.text !== 'string') return null;
  const { friend, text, replyTo } = value;
  const edit = parseEdit(value.edit);
  if ((replyTo !== undefined && !isValidMessageId(replyTo)) || edit === null) return null;
  return { friend, text, ...(replyTo === undefined ? {} : { replyTo }), ...(edit === undefined ? {} : { edit }) };
};

/** The draft, or null for a record that does not open under these keys as this name (another account's, damaged, moved). */
export const openDraft = async (ports: DraftPorts, keys: DraftKeys, account: string, draft: SealedDraft): Promise<OpenedDraft | null> => {
  const nonce = draft.sealed.subarray(0, AES_GCM_NONCE_BYTES);
  const sealed = draft.sealed.subarray(AES_GCM_NONCE_BYTES);
  if (nonce.length !== AES_GCM_NONCE_BYTES || !hasPaddedCiphertextLength(sealed)) return null;
  const plaintext = await decryptPaddedText(ports, keys.seal, { nonce, sealed }, draftAad(account, draft.name));
  const opened = plaintext.ok ? parseDraft(plaintext.value) : null;
  if (opened === null || (await draftName(ports.digest, keys, opened.friend)) !== draft.name) return null;
  return opened;
};
