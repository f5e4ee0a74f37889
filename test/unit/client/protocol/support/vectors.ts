import aesGcm from '../../../../vectors/aes-256-gcm.json';
import argon2id from '../../../../vectors/argon2id.json';
import hkdf from '../../../../vectors/hkdf-sha256.json';
import shaHmac from '../../../../vectors/sha-hmac.json';
import x25519 from '../../../../vectors/x25519.json';

export const VECTORS = { aesGcm, argon2id, hkdf, shaHmac, x25519 };
