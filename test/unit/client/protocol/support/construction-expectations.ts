import { FIXED } from './construction-report';
import { Report } from './primitive-report';

/** What the construction report must say in any runtime (besides equalling the other runtime's values). */
export const expectConstructionInvariants = (report: Report): void => {
  expect(report['account:authKey']).toMatch(/^[0-9a-f]{64}$/);
  expect(report['account:authKey']).not.toBe(report['account:blobKey']);
  expect(report['friendship:K requester']).toMatch(/^[0-9a-f]{64}$/);
  expect(report['friendship:K accepter']).toBe(report['friendship:K requester']);
  expect(report['friendship:confirm verifies']).toBe('true');
  expect(report['friendship:confirm with ephemerals swapped']).toBe('false');
  expect(report['friendship:low-order peer ephemeral']).toBe('crypto/invalid-key');
  expect(report['message:round trip']).toBe('hello bob');
  expect(report['message:reflected to its sender']).toBe('crypto/decrypt-failed');
  expect(report['message:flipped bit']).toBe('crypto/decrypt-failed');
  expect(report['blob:round trip']).toBe('{"version":1}');
  expect(report['blob:under another account name']).toBe('crypto/decrypt-failed');
  expect(report['seal:round trip']).toBe('request');
  expect(report['seal:epk is the supplied ephemeral']).toBe('true');
  expect(report['seal:opened for another purpose']).toBe('crypto/decrypt-failed');
  expect(report['seal:epk replaced']).toBe('crypto/decrypt-failed');
  expect(report['seal:low-order epk']).toBe('crypto/invalid-key');
  expect(report['seal:to a low-order recipient']).toBe('crypto/invalid-key');
  expect(report['fingerprint:alice']).toMatch(/^\d{30}$/);
  expect(report['safety number:alice view']).toMatch(/^\d{60}$/);
  expect(report['safety number:bob view']).toBe(report['safety number:alice view']);
  for (const artifact of ['interop:sealed to bob', 'interop:message alice > bob', 'interop:blob of alice']) {
    expect(report[artifact]).toBe(FIXED.interopText);
  }
};
