/** PROTOCOL §4 domain-separation strings: HKDF infos and AES-GCM associated data. */
export const LABELS = {
  auth: 'starbase/1 auth',
  blob: 'starbase/1 blob',
  blobAadPrefix: 'starbase/1 blob ',
  sealPrefix: 'starbase/1 seal ',
  friendship: 'starbase/1 friendship',
  confirm: 'starbase/1 confirm',
  requestProof: 'starbase/1 request proof',
  messagePrefix: 'starbase/1 msg ',
  fingerprint: 'starbase/1 fp',
  file: 'starbase/2 file',
  object: 'starbase/2 object',
  objectAadPrefix: 'starbase/2 object ',
} as const;

export const SYMMETRIC_KEY_BYTES = 32;
export const EMPTY_SALT = new Uint8Array(0);
