import { Static, TSchema } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import type * as port from '../../application/ports/home-server-gateway';
import type * as wire from '../../domain/protocol/wire';

/** A success body is trusted only once it has the exact shape of the shared wire schema. */
export const matchesWire = <S extends TSchema>(schema: S, value: unknown): value is Static<S> =>
  Check(schema, value);

/*
 * The port may not import adapters, so it spells the wire types out again. These compile-time
 * checks keep the two identical: answers (wire) must fit the port, requests (port) the wire.
 */
type Fits<From, To> = [From] extends [To] ? true : false;
/** Mutually assignable and with the same keys (assignability alone ignores optional extras). */
type Same<A, B> = [Fits<A, B>, Fits<B, A>, Fits<keyof A, keyof B>, Fits<keyof B, keyof A>] extends [true, true, true, true]
  ? true
  : false;
type Expect<T extends true> = T;

export type WireConformance = [
  Expect<Same<port.ServerDiscovery, wire.WellKnownBody>>,
  Expect<Same<port.KdfParams, wire.KdfParamsBody>>,
  Expect<Same<port.SealedEnvelope, wire.SealedEnvelope>>,
  Expect<Same<port.MessageEnvelope, wire.MessageEnvelope>>,
  Expect<Same<port.Envelope, wire.Envelope>>,
  Expect<Same<port.RegisterRequest, wire.RegisterRequest>>,
  Expect<Same<port.RegisterResponse, wire.RegisterResponse>>,
  Expect<Same<port.OpenSessionRequest, wire.OpenSessionRequest>>,
  Expect<Same<port.OpenSessionResponse, wire.OpenSessionResponse>>,
  Expect<Same<port.BlobSnapshot, wire.BlobResponse>>,
  Expect<Same<Omit<port.WriteBlobInput, 'expectedVersion'>, wire.WriteBlobRequest>>,
  Expect<Same<port.WriteBlobResponse, wire.WriteBlobResponse>>,
  Expect<Same<port.PatchAccountRequest, wire.PatchAccountRequest>>,
  Expect<Same<port.AccountView, wire.AccountViewBody>>,
  Expect<Same<port.ChangeCredentialsRequest, wire.ChangeCredentialsRequest>>,
  Expect<Same<port.ChangeCredentialsResponse, wire.ChangeCredentialsResponse>>,
  Expect<Same<port.DeleteAccountRequest, wire.DeleteAccountRequest>>,
  Expect<Same<port.CreatedDropToken, wire.CreateDropTokenResponse>>,
  Expect<Same<port.DropTokenInfo, wire.DropTokenBody>>,
  Expect<Fits<wire.DropTokenList, readonly port.DropTokenInfo[]>>,
  Expect<Same<port.Profile, wire.ProfileBody>>,
  Expect<Same<port.CaptchaChallenge, wire.CaptchaBody>>,
  Expect<Same<port.CaptchaSolution, wire.CaptchaSolution>>,
  Expect<Same<port.FriendRequestRequest, wire.FriendRequestRequest>>,
  Expect<Same<port.DropRequest, wire.DropRequest>>,
  Expect<Same<port.AcceptedResponse, wire.AcceptedResponse>>,
  Expect<Same<port.InboxItem, wire.InboxItemBody>>,
  Expect<Fits<wire.InboxPage, port.InboxPage>>,
  Expect<Fits<{ ids: string[] }, wire.AckRequest>>,
  Expect<Same<port.AckResponse, wire.AckResponse>>,
  Expect<Same<port.ProblemCode, wire.ProblemCode>>,
];
