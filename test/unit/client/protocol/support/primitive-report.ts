import { ClientCrypto } from '../../../../../src/application/ports/client-crypto';
import { Argon2idInput } from '../../../../../src/adapters/crypto/argon2id-input';
import { hex, toHex } from './hex';
import { VECTORS } from './vectors';

/*
 * Every published vector as `name -> hex output (or error code)`, computed through the ports.
 * The same function runs in Node (jest) and in Chromium (the browser bundle); each runtime's
 * report must equal expectedPrimitiveReport(), which reads the answers straight from the JSON.
 */

export type Report = Record<string, string>;

type Argon2id = (input: Argon2idInput) => Promise<Uint8Array>;

const describeResult = (result: { ok: true; value: Uint8Array } | { ok: false; error: string }): string =>
  result.ok ? toHex(result.value) : result.error;

export const computePrimitiveReport = async (crypto: ClientCrypto, argon2id: Argon2id): Promise<Report> => {
  const report: Report = {};
  const { hkdf, shaHmac, x25519, aesGcm, argon2id: argon2Vectors } = VECTORS;

  for (const testCase of hkdf.cases) {
    report[`hkdf:${testCase.name}`] = toHex(
      await crypto.hkdf.derive(hex(testCase.ikm), hex(testCase.salt), hex(testCase.info), testCase.length),
    );
    const extractKey = testCase.salt === '' ? new Uint8Array(32) : hex(testCase.salt);
    report[`hkdf-extract:${testCase.name}`] = toHex(await crypto.digest.hmacSha256(extractKey, hex(testCase.ikm)));
  }

  for (const [index, testCase] of shaHmac.sha256.entries()) {
    report[`sha256:${index}`] = toHex(await crypto.digest.sha256(hex(testCase.message)));
  }
  for (const [index, testCase] of shaHmac.sha512.entries()) {
    report[`sha512:${index}`] = toHex(await crypto.digest.sha512(hex(testCase.message)));
  }
  for (const testCase of shaHmac.hmacSha256) {
    report[`hmac-sha256:${testCase.name}`] = toHex(await crypto.digest.hmacSha256(hex(testCase.key), hex(testCase.data)));
  }

  for (const testCase of x25519.scalarMultiplication) {
    report[`x25519:${testCase.name}`] = describeResult(
      await crypto.keyAgreement.deriveShared(hex(testCase.scalar), hex(testCase.u)),
    );
  }
  let k = hex(x25519.iterated.start);
  let u = hex(x25519.iterated.start);
  const checkpoints = new Set(x25519.iterated.after.map((checkpoint) => checkpoint.iterations));
  const maxIterations = Math.max(...checkpoints);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const next = await crypto.keyAgreement.deriveShared(k, u);
    if (!next.ok) throw new Error(`X25519 iteration ${iteration} failed: ${next.error}`);
    [k, u] = [next.value, k];
    if (checkpoints.has(iteration)) report[`x25519:iterated ${iteration}`] = toHex(k);
  }
  const dh = x25519.diffieHellman;
  report['x25519:alice public'] = describeResult(await crypto.keyAgreement.publicKeyOf(hex(dh.alicePrivate)));
  report['x25519:bob public'] = describeResult(await crypto.keyAgreement.publicKeyOf(hex(dh.bobPrivate)));
  report['x25519:alice shared'] = describeResult(await crypto.keyAgreement.deriveShared(hex(dh.alicePrivate), hex(dh.bobPublic)));
  report['x25519:bob shared'] = describeResult(await crypto.keyAgreement.deriveShared(hex(dh.bobPrivate), hex(dh.alicePublic)));
  for (const [index, lowOrder] of x25519.lowOrderPublicKeys.keys.entries()) {
    report[`x25519:low-order ${index} ${lowOrder.name}`] = describeResult(
      await crypto.keyAgreement.deriveShared(hex(dh.alicePrivate), hex(lowOrder.publicKey)),
    );
  }

  for (const testCase of aesGcm.valid) {
    const key = hex(testCase.key);
    const nonce = hex(testCase.nonce);
    const aad = hex(testCase.aad);
    report[`aes-gcm encrypt:${testCase.name}`] = toHex(await crypto.cipher.encrypt(key, nonce, hex(testCase.plaintext), aad));
    report[`aes-gcm decrypt:${testCase.name}`] = describeResult(
      await crypto.cipher.decrypt(key, nonce, hex(testCase.ciphertext + testCase.tag), aad),
    );
  }
  for (const testCase of aesGcm.invalid) {
    report[`aes-gcm decrypt:${testCase.name}`] = describeResult(
      await crypto.cipher.decrypt(hex(testCase.key), hex(testCase.nonce), hex(testCase.ciphertext + testCase.tag), hex(testCase.aad)),
    );
  }

  const rfc = argon2Vectors.rfc9106;
  report['argon2id:rfc9106'] = toHex(
    await argon2id({
      password: hex(rfc.password),
      salt: hex(rfc.salt),
      secret: hex(rfc.secret),
      associatedData: hex(rfc.associatedData),
      memoryKiB: rfc.memoryKiB,
      iterations: rfc.iterations,
      parallelism: rfc.parallelism,
      hashLength: rfc.tag.length / 2,
    }),
  );
  return report;
};

export const expectedPrimitiveReport = (): Report => {
  const report: Report = {};
  const { hkdf, shaHmac, x25519, aesGcm, argon2id } = VECTORS;
  for (const testCase of hkdf.cases) {
    report[`hkdf:${testCase.name}`] = testCase.okm;
    report[`hkdf-extract:${testCase.name}`] = testCase.prk;
  }
  shaHmac.sha256.forEach((testCase, index) => (report[`sha256:${index}`] = testCase.digest));
  shaHmac.sha512.forEach((testCase, index) => (report[`sha512:${index}`] = testCase.digest));
  for (const testCase of shaHmac.hmacSha256) report[`hmac-sha256:${testCase.name}`] = testCase.mac;
  for (const testCase of x25519.scalarMultiplication) report[`x25519:${testCase.name}`] = testCase.output;
  for (const checkpoint of x25519.iterated.after) report[`x25519:iterated ${checkpoint.iterations}`] = checkpoint.k;
  report['x25519:alice public'] = x25519.diffieHellman.alicePublic;
  report['x25519:bob public'] = x25519.diffieHellman.bobPublic;
  report['x25519:alice shared'] = x25519.diffieHellman.shared;
  report['x25519:bob shared'] = x25519.diffieHellman.shared;
  x25519.lowOrderPublicKeys.keys.forEach(
    (lowOrder, index) => (report[`x25519:low-order ${index} ${lowOrder.name}`] = 'crypto/invalid-key'),
  );
  for (const testCase of aesGcm.valid) {
    report[`aes-gcm encrypt:${testCase.name}`] = testCase.ciphertext + testCase.tag;
    report[`aes-gcm decrypt:${testCase.name}`] = testCase.plaintext;
  }
  for (const testCase of aesGcm.invalid) report[`aes-gcm decrypt:${testCase.name}`] = 'crypto/decrypt-failed';
  report['argon2id:rfc9106'] = argon2id.rfc9106.tag;
  return report;
};
