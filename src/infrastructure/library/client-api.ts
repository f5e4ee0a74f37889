/*
 * What `starbase/client` offers in every build: the Messenger facade, its views and its errors,
 * and createMessenger for callers who bring their own ports (crypto, gateways, local store).
 */
export { createMessenger } from '../../application/client/create-messenger';
export type { CreateMessengerDependencies } from '../../application/client/create-messenger';
export { MessengerError } from '../../application/client/messenger';
export type {
  AccountOverview,
  CaptchaPrompt,
  CaptchaSolver,
  ClientOptions,
  ConversationEntry,
  FileDownload,
  FileSave,
  FriendStatus,
  FriendView,
  IncomingRequestView,
  MessageState,
  Messenger,
  MessengerSession,
  ProgressListener,
  ProgressStage,
  Unsubscribe,
} from '../../application/client/messenger';
export type { LocalStore } from '../../application/ports/local-store';
export type { FileSink } from '../../application/ports/file-sink';
export type { Argon2idCost } from '../../application/ports/client-crypto';
export type { Clock } from '../../application/ports/clock';
export type { Timer } from '../../application/ports/timer';
export { WallClock } from '../../adapters/time/wall-clock';
export { SetTimeoutTimer } from '../../adapters/time/set-timeout-timer';
export { MemoryLocalStore } from '../../adapters/local-store/memory-local-store';
export { createWebCryptoSuite } from '../../adapters/crypto/web-crypto-suite';
export { FetchHomeServerGatewayFactory } from '../../adapters/gateway/fetch-home-server-gateway';
