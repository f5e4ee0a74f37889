import { KdfParams } from '../protocol/account-rules';
import { err, ok, Result } from '../protocol/result';
import { canonicalizeAddress } from './address';
import { BlobDocument, KnownServer } from './blob-document';
import { stampWrite } from './document-updates';
import { lww } from './lww';
import { getOwn, setOwn } from './own-record';

export type KdfChange = 'first-use' | 'unchanged' | 'changed';

const sameKdf = (a: KdfParams, b: KdfParams): boolean =>
  a.algorithm === b.algorithm &&
  a.salt === b.salt &&
  a.memoryKiB === b.memoryKiB &&
  a.iterations === b.iterations &&
  a.parallelism === b.parallelism;

export const knownServerOf = (doc: BlobDocument, address: string): KnownServer | undefined => {
  const canonical = canonicalizeAddress(address);
  return canonical.ok ? getOwn(doc.knownServers, canonical.value)?.value : undefined;
};

/** How the parameters a server hands out compare with the last ones we used there (§4 KDF downgrade). */
export const compareWithKnownKdf = (doc: BlobDocument, address: string, kdf: KdfParams): KdfChange => {
  const known = knownServerOf(doc, address);
  if (!known) return 'first-use';
  return sameKdf(known.kdf, kdf) ? 'unchanged' : 'changed';
};

/** Remembers the salt and parameters used at an address (after login or a password change). */
export const rememberServerKdf = (
  doc: BlobDocument,
  input: { readonly address: string; readonly kdf: KdfParams; readonly now: number; readonly deviceId: string },
): Result<BlobDocument, 'address/invalid'> => {
  const canonical = canonicalizeAddress(input.address);
  if (!canonical.ok) return err('address/invalid');
  const known = getOwn(doc.knownServers, canonical.value);
  if (known && sameKdf(known.value.kdf, input.kdf)) return ok(doc);
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return ok({ ...stamped.doc, knownServers: setOwn(doc.knownServers, canonical.value, lww({ kdf: input.kdf }, stamped.stamp)) });
};
