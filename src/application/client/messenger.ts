import type { UndeliverableReason } from '../../domain/messaging/message';
import type { MessageRoom } from './peers/message-size';
import type { FileSink } from '../ports/file-sink';

/**
 * The face the client core shows to its driving adapters (the web UI, scripts, tests).
 * Everything behind it — key derivation, the encrypted blob, the handshake, sync — is the
 * client use cases in this folder; the UI only renders these views and calls these methods.
 */

export type ProgressStage = 'deriving-keys' | 'contacting-server' | 'encrypting' | 'solving-captcha' | 'syncing';
export type ProgressListener = (stage: ProgressStage, fraction?: number) => void;

/** What the user is shown to solve: an image, or a proof-of-work the client solves itself. */
export type CaptchaPrompt =
  | {
      readonly kind: 'image';
      readonly image: string;
      readonly expiresAt: number;
      /** The previous answer was wrong or late: this is a fresh picture for the same request. */
      readonly retry: boolean;
      /** The server would take proof of work instead (answer with `SOLVE_BY_PROOF_OF_WORK`). */
      readonly proofOfWorkOffered: boolean;
    }
  | { readonly kind: 'pow'; readonly expiresAt: number };

/** The answer that asks the device to solve the server's proof of work instead of the picture. */
export const SOLVE_BY_PROOF_OF_WORK = { proofOfWork: true } as const;

/** The characters the user read, or SOLVE_BY_PROOF_OF_WORK. */
export type CaptchaAnswer = string | typeof SOLVE_BY_PROOF_OF_WORK;

/** Called for image captchas; resolves with the user's answer (or rejects to cancel). */
export type CaptchaSolver = (prompt: CaptchaPrompt) => Promise<CaptchaAnswer>;

/** What changed in the server's password parameters since this device last logged in. */
export interface KdfChange {
  /** A new salt: a password change (here or on another device), or a server trying something. */
  readonly saltChanged: boolean;
  readonly before: { readonly memoryKiB: number; readonly iterations: number; readonly parallelism: number };
  readonly after: { readonly memoryKiB: number; readonly iterations: number; readonly parallelism: number };
}

export interface ClientOptions {
  readonly onProgress?: ProgressListener;
  /** register only: the code a server whose registration is `invite` asks for (ignored elsewhere). */
  readonly inviteCode?: string;
  /** Keep the keys on this device (wrapped) so reloading signs in again; without it, any kept session is forgotten. */
  readonly staySignedIn?: boolean;
  /**
   * logIn only: asked when the server's password parameters differ from what this device used
   * last, BEFORE anything is derived from the password or sent. Resolve true to go on. Without
   * it, such a login is refused with `kdf_changed`.
   */
  readonly confirmKdfChange?: (change: KdfChange) => Promise<boolean>;
}

export type FriendStatus =
  | 'pending-outgoing'
  | 'pending-incoming'
  | 'awaiting-confirmation'
  | 'established'
  | 'removed'
  /** Their server no longer knows the account: it was deleted. */
  | 'gone'
  | 'identity-changed';

export interface FriendView {
  readonly address: string;
  readonly status: FriendStatus;
  readonly note: string | null;
  readonly unread: number;
  readonly lastMessageAt: number | null;
  /** The newest message, for the contact list's preview. */
  readonly lastMessage: { readonly body: string; readonly direction: 'in' | 'out' } | null;
  /** False while the sender's identity key could not be checked against their own server. */
  readonly verified: boolean;
  /** The user compared the safety number of the friend's current key and marked it verified. */
  readonly safetyNumberVerified: boolean;
  /** The chat's disappearing-message timer in seconds (the latest either side set), null when off. */
  readonly disappearingTimer: number | null;
}

export interface IncomingRequestView {
  readonly id: string;
  readonly from: string;
  readonly note: string | null;
  readonly receivedAt: number;
  /** The request proved possession of its key and the sender's own server vouches for that key. */
  readonly verified: boolean;
  /**
   * The request proved possession of its key, so checkSender can verify it. False for requests
   * from clients without the proof (and forgeries): unverified until the handshake completes.
   */
  readonly proven: boolean;
}

export type MessageState = 'sending' | 'sent' | 'failed' | 'received';

/** Why a failed message will not go out by itself; null in a ConversationEntry: it is retried. */
export type { UndeliverableReason } from '../../domain/messaging/message';
export type { MessageRoom } from './peers/message-size';

/** Why a session ended without the user logging out here. */
export type SessionEndReason = 'revoked';

/** The disappearing-message timers the UI offers (seconds); null turns the timer off. */
export const DISAPPEARING_TIMER_CHOICES: readonly number[] = [5 * 60, 60 * 60, 24 * 60 * 60, 7 * 24 * 60 * 60];

/** Who reacted with one emoji: 'out' is this account, 'in' the friend. */
export interface ReactionView {
  readonly emoji: string;
  readonly by: readonly ('in' | 'out')[];
}

/** The message a reply quotes; `snippet` and `direction` are null while it is unknown here (not arrived yet, expired, deleted). */
export interface QuotedMessage {
  readonly id: string;
  /** Whose it is; null when the quoted message is not in the history shown (expired, or in an older page). */
  readonly direction: 'in' | 'out' | null;
  /** Null when it is not shown, or (with its `direction` known) deleted for everyone. */
  readonly snippet: string | null;
  /**
   * True when the quoted message is known to be no longer here: it disappeared (§11) or was removed on this device. False
   * while it may be in an older page or has not arrived yet, and for one deleted for everyone whose delete is shown.
   */
  readonly gone: boolean;
}

export interface SendOptions {
  /** Quotes this message of the conversation (either direction). */
  readonly replyTo?: string;
  /** Seconds until it disappears; without it the chat's disappearing timer applies. */
  readonly expiresIn?: number;
}

/**
 * A file of a message as the UI shows it (§9.1): the name without any path or control characters,
 * the sender's claimed type (a hint only, never trusted for rendering), the size, and the sender's
 * thumbnail (a JPEG data URL of at most 16 KiB) or null.
 */
export interface FileView {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly thumbnail: string | null;
}

/** A file to send: bytes in memory, or a Blob (a browser File), read one chunk at a time. */
export interface FileToSend {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array | Blob;
  /** `data:image/jpeg;base64,…` of at most 16 KiB, made by the caller. */
  readonly thumbnail?: string;
}

/** Progress of one file of a sendFiles call (plaintext bytes accepted by both servers). */
export interface FileProgress {
  readonly fileIndex: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** A server an upload waits for: it did not answer, and the upload tries again after a while. */
export interface UploadWaiting {
  /** 'own': the user's home server; 'friend': the friend's, where the chunks are dropped. */
  readonly server: 'own' | 'friend';
  readonly friend: string;
}

/** What an upload reports while it runs, and how to cancel it (between chunks). */
export interface UploadWatch {
  readonly onProgress?: (progress: FileProgress) => void;
  /** A server the upload waits for, or null once it goes on. */
  readonly onWaiting?: (waiting: UploadWaiting | null) => void;
  readonly signal?: AbortSignal;
}

/** What a friend request tells while it runs, and how to cancel it. */
export interface FriendRequestWatch {
  /** True while the request waits on the recipient's server, false as soon as that server answered or failed. */
  readonly onAskingTheirServer?: (asking: boolean) => void;
  /** Aborting cancels the request with `request_cancelled`, withdrawing whatever of it was recorded. */
  readonly signal?: AbortSignal;
}

/** Progress of a download: plaintext bytes checked and handed out so far, of the file's size. */
export interface DownloadProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** What a download reports while it runs, and how to cancel it (between chunks). */
export interface DownloadWatch {
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly signal?: AbortSignal;
}

/** A message with files not sent yet, kept on this device (a reload interrupted it): resumeUpload sends it. */
export interface PendingUploadView {
  readonly id: string;
  readonly to: string;
  readonly files: readonly { readonly name: string; readonly size: number }[];
}

/** A downloaded file, checked against its SHA-256; a broken one (missing chunk, wrong key, mismatch) never comes with content. */
export type FileDownload =
  | { readonly kind: 'file'; readonly name: string; readonly type: string; readonly bytes: Uint8Array }
  | { readonly kind: 'broken'; readonly name: string; readonly reason: string };

/** A file written into a FileSink: committed there (`close`) only when it checked out, else the sink was aborted. */
export type FileSave = { readonly kind: 'saved'; readonly name: string; readonly type: string } | { readonly kind: 'broken'; readonly name: string; readonly reason: string };

export type ConversationEntry =
  | {
      readonly kind: 'message';
      readonly id: string;
      readonly direction: 'in' | 'out';
      /** After the latest edit; empty once deleted. */
      readonly body: string;
      readonly sentAt: number;
      readonly state: MessageState;
      readonly undeliverable: UndeliverableReason | null;
      readonly edited: boolean;
      /** Own messages: our latest edit of it has not reached the friend yet (it is sent again until it does). */
      readonly editSending: boolean;
      /** Deleted for everyone by its author: shown as "this message was deleted". */
      readonly deleted: boolean;
      readonly replyTo: QuotedMessage | null;
      readonly reactions: readonly ReactionView[];
      /** Own messages only, and only while read receipts are on: the friend's receipt names it. */
      readonly readByFriend: boolean;
      /** The message disappears this long after it is first displayed (after sending, for own messages). */
      readonly expiresIn: number | null;
      /** When it disappears; null while its countdown has not started (not displayed yet) or it does not expire. */
      readonly expiresAt: number | null;
      /** A type this client does not know (a newer client's): shown as "unsupported message". */
      readonly unsupported: boolean;
      /** Files the message carries (§9), in order; `downloadFile` takes the index. */
      readonly files: readonly FileView[];
    }
  /** "alice set messages to disappear after 1 day" (`seconds` null: turned off); `sending`: our own change has not reached the friend yet. */
  | { readonly kind: 'timer'; readonly id: string; readonly direction: 'in' | 'out'; readonly sentAt: number; readonly seconds: number | null; readonly sending: boolean }
  | { readonly kind: 'gap'; readonly direction: 'in' | 'out' };

/** The signed-in account as the UI shows it at one moment: its settings, friends, open requests and warnings. */
export interface AccountOverview {
  readonly address: string;
  readonly openInbox: boolean;
  /** Read receipts (§11): off unless turned on; on, receipts are sent and the friends' shown. */
  readonly readReceipts: boolean;
  readonly friends: readonly FriendView[];
  readonly incomingRequests: readonly IncomingRequestView[];
  /** Addresses the user blocked (canonical, sorted), whether or not a chat with them is still listed. */
  readonly blocked: readonly string[];
  /** Set when the blob is near its size cap: sync stops acknowledging until the user acts. */
  readonly storageWarning: string | null;
  /** Set when the server handed out KDF parameters different from last time. */
  readonly securityWarning: string | null;
}

export type Unsubscribe = () => void;

/** One message a search found, newest first in the answer. */
export interface SearchResult {
  /** The friend's canonical address: the chat to open. */
  readonly friend: string;
  readonly messageId: string;
  readonly direction: 'in' | 'out';
  readonly sentAt: number;
  /** The message text around the first matched word, cut with "…" where it goes on. */
  readonly snippet: string;
  /** The matched word within `snippet`, to highlight. */
  readonly match: { readonly start: number; readonly length: number };
  /** When a disappearing message goes (ms since the epoch): its result goes with it. Null when it stays. */
  readonly expiresAt: number | null;
}

/** How far a search got through the stored pages of history (PROTOCOL §8.4). */
export interface SearchProgress {
  readonly pagesDone: number;
  readonly pagesTotal: number;
}

export interface SearchOptions {
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Called each time more results are found, with all found so far, newest first, while older pages are still being read. */
  readonly onResults?: (resultsSoFar: readonly SearchResult[]) => void;
  /** Aborting stops the search with `search_cancelled`. */
  readonly signal?: AbortSignal;
}

/** A logged-in user. Every method talks to the user's own home server or a friend's. */
export interface LogOutOptions {
  /** "Forget this browser": delete the cached copy of the account's history on this device. */
  readonly forgetBrowser?: boolean;
}

/** An edit of one of our messages under way: which message, and its text as edited so far. */
export interface DraftEdit {
  readonly messageId: string;
  readonly text: string;
}

/**
 * What the user typed for one friend and has not sent: the new message (`text`, a reply to
 * `replyTo` when set) and an edit under way, shown over the new message until it is saved or
 * cancelled. Empty when it has no text, no reply target and no edit.
 */
export interface Draft {
  readonly text: string;
  readonly replyTo?: string;
  readonly edit?: DraftEdit;
}

export const isEmptyDraft = (draft: Draft): boolean => draft.text === '' && draft.replyTo === undefined && draft.edit === undefined;

export interface EndFriendshipOptions {
  readonly tellInBackground?: boolean;
}

export interface MessengerSession {
  readonly address: string;
  /**
   * What this device's storage failed at for "Stay signed in" while signing in, which did not keep the user out:
   * sign_in_not_kept (asked to stay signed in, signed in for this page only) or sign_in_kept (a sign-in kept before
   * could not be forgotten). Null when nothing failed.
   */
  readonly keptSignInFailure: MessengerError | null;
  overview(): AccountOverview;
  /** Called after every change (local action, sync, live event). */
  onChange(listener: (overview: AccountOverview) => void): Unsubscribe;
  /** Fetch and merge new inbox items now (also done automatically while live). */
  sync(): Promise<void>;
  /** Keep syncing on server-sent events until stopped. */
  goLive(): Unsubscribe;
  /**
   * Failures of work nobody awaits (live sync, resending failed messages): a MessengerError when
   * expected (a `friend` detail names whose server failed), any other Error is a bug. Called with
   * null once a sync succeeds again, so a warning about the failure can be taken down.
   */
  onBackgroundError(listener: (error: Error | null) => void): Unsubscribe;
  sendFriendRequest(address: string, note: string, solveCaptcha: CaptchaSolver, watch?: FriendRequestWatch): Promise<void>;
  /**
   * Records the acceptance, then drops it at the requester's server. With `deliverInBackground`, resolves once it is
   * recorded and drops it behind the caller's back, so a slow or silent server is not waited on; without, once the drop
   * was tried. A drop that failed either way is tried again by every sync.
   */
  acceptFriendRequest(requestId: string, options?: { readonly deliverInBackground?: boolean }): Promise<void>;
  declineFriendRequest(requestId: string): Promise<void>;
  /**
   * Asks the request's claimed sender's own server for their key (the user's choice: that server,
   * picked by a stranger, learns this device's IP address). Runs beside other operations, never
   * queued behind them; a server that does not answer in time leaves the request unchecked.
   */
  checkSender(requestId: string): Promise<void>;
  /**
   * Looks up the still unchecked senders of requests we answered (their server already knows us),
   * at most once per request in this session. Every sync starts it without waiting for it.
   */
  checkAnsweredSenders(): Promise<void>;
  /**
   * Ends the friendship, then tells the friend's server (a courtesy: our revoked token is what ends it). With
   * `tellInBackground`, resolves once it is ended and tells them behind the caller's back, so a slow or silent server is
   * not waited on; without, once telling them was tried.
   */
  removeFriend(address: string, options?: EndFriendshipOptions): Promise<void>;
  /**
   * Blocks an address, friend or not, on every device: their later friend requests and messages
   * are dropped at sync without being shown. A friendship ends as with removeFriend (their server
   * then refuses their drops) and a request from them is declined.
   */
  blockContact(address: string, options?: EndFriendshipOptions): Promise<void>;
  /** Takes a block back. The friendship stays ended: they can send a new request, answered as usual. */
  unblockContact(address: string): Promise<void>;
  /**
   * Deletes the chat with someone who is no longer a friend (removed either way, or their account
   * gone) on every device of the user, for good: the contact leaves the list and its history is
   * gone, and so is this device's kept draft for them. A later friendship with them starts an empty
   * chat. `already_friends` while they are still a friend or asked to be one.
   */
  deleteChat(address: string): Promise<void>;
  conversation(address: string): readonly ConversationEntry[];
  /**
   * Loads the next older page of history with this friend (PROTOCOL §8.4: the head holds only the
   * recent messages), from this device's cache when it has it; `conversation` then shows its
   * messages too. Answers whether older pages remain.
   */
  loadOlder(address: string): Promise<boolean>;
  /**
   * Whether `loadOlder` may still bring older messages of this chat: the head references pages (or
   * indexes) of it this device has not opened. Known at once, without loading or waiting for other
   * operations, so a chat can offer scrolling back only where there is something to scroll back to.
   */
  hasOlder(address: string): boolean;
  /**
   * Messages of every chat, the whole history (the head's tail and every stored page, from this
   * device's cache first), whose words start with each word of `query`, ignoring case and accents;
   * newest first. The decrypted pages and any index stay in this session's memory, never stored or sent.
   * Runs beside other operations; `search_cancelled` when `signal` aborts.
   */
  search(query: string, options?: SearchOptions): Promise<readonly SearchResult[]>;
  /**
   * The user saw the conversation: its messages stop counting as unread, the countdown of its
   * disappearing messages starts, and with read receipts on a receipt goes to the friend. Resolves
   * once that is recorded: the receipt does not wait on the friend's server.
   */
  markRead(address: string): Promise<void>;
  /**
   * Records the message, then delivers it: it shows in the conversation (sending) once recorded,
   * while the delivery waits on the friend's server, which holds up nothing else of the session,
   * and the promise settles with that delivery. Fails with `message_too_long` (nothing stored) when
   * `measureMessage` says it does not fit; a failed delivery stays queued and is resent by itself.
   * An earlier message to the friend that failed goes again first, and should it fail, this one
   * waits with it (network_error): the friend never gets a later one before it.
   * `unknown_message` when `replyTo` names no message of the conversation, `invalid_timer` for an
   * `expiresIn` out of range.
   */
  sendMessage(address: string, body: string, options?: SendOptions): Promise<void>;
  /** sendMessage with `replyTo`. */
  reply(address: string, targetId: string, body: string): Promise<void>;
  /** Replaces the body of one of our messages for both sides; `not_own_message` for the friend's, `unknown_message` for none. */
  editMessage(address: string, messageId: string, body: string): Promise<void>;
  /** One reaction per person per message: `emoji` replaces ours, "" takes it back; `invalid_emoji` unless one emoji. */
  react(address: string, targetId: string, emoji: string): Promise<void>;
  /** Sets the chat's disappearing timer for both sides (a notice both show); null turns it off; `invalid_timer` out of range. */
  setDisappearingTimer(address: string, seconds: number | null): Promise<void>;
  /** Read receipts on or off for every chat, on every device. */
  setReadReceipts(on: boolean): Promise<void>;
  /** How the body fits the server's message size limit, before sending. */
  measureMessage(body: string): MessageRoom;
  /**
   * Sends files in one message (§9): each chunk to the friend's server and to our own store, then
   * the message. `file_too_large` (nothing sent) past the server's fileBytes; `upload_cancelled`
   * when `signal` aborts; `inbox_full` with `friend` set when the friend's server has no room.
   * Sending the same files again after a failure skips the chunks already accepted. Where the
   * device keeps uploads, the message is kept until sent (a reload leaves it to resumeUpload); a
   * server that does not answer is waited for (`onWaiting`), and a cancel forgets the upload.
   */
  sendFiles(
    address: string,
    files: readonly FileToSend[],
    onProgress?: (progress: FileProgress) => void,
    signal?: AbortSignal,
    onWaiting?: (waiting: UploadWaiting | null) => void,
  ): Promise<void>;
  /** Messages with files this device kept because they were not sent yet, other than those running now. */
  pendingUploads(): Promise<readonly PendingUploadView[]>;
  /** Goes on with a pending upload, sending only the chunks not yet accepted; `not_found` once it is gone. */
  resumeUpload(id: string, watch?: UploadWatch): Promise<void>;
  /** Forgets a pending upload that is not running (a running one is cancelled through its signal). */
  cancelUpload(id: string): Promise<void>;
  /** A file of a message (either direction) from our own store, checked whole; broken files come as `kind: 'broken'`. */
  downloadFile(address: string, messageId: string, fileIndex: number, watch?: DownloadWatch): Promise<FileDownload>;
  /**
   * downloadFile without holding the file: each checked chunk goes to `sink` as it arrives, and the
   * sink is closed only when the whole file matches its SHA-256; a broken file, a failure or a
   * cancel aborts it, so nothing of a broken file is ever kept.
   */
  downloadFileTo(address: string, messageId: string, fileIndex: number, sink: FileSink, watch?: DownloadWatch): Promise<FileSave>;
  /**
   * What the user typed and has not sent, by friend (canonical address), as this device kept it
   * through keepDraft: sealed under a key only a signed-in session of the account has, never sent
   * to any server. Null where the device keeps no drafts (so the caller knows a reload loses what is
   * typed); a record that does not open is deleted, and so is one for a chat deleted since.
   */
  keptDrafts(): Promise<ReadonlyMap<string, Draft> | null>;
  /**
   * Keeps (sealed, on this device only) what is typed for `address`, replacing the draft kept for
   * them; an empty draft removes it; nothing is kept where keptDrafts answers null. `unknown_message`
   * for a message id no message can have. Logging out or deleting the account deletes the account's
   * drafts; a session that ended by itself (`onEnded`) leaves them for the next sign-in.
   */
  keepDraft(address: string, draft: Draft): Promise<void>;
  /** Resend failed messages now rather than after the backoff (the network is back, the window got focus). */
  retryUnsent(): void;
  /** Resends one failed message now. */
  retryMessage(address: string, messageId: string): Promise<void>;
  /**
   * Deletes one of our messages for everyone (both sides show it deleted), done once recorded here:
   * the friend is told in the background, after what already waits for them, and again later should
   * that fail. One that failed shows deleted nowhere: gone here (on every device of ours), and, since a
   * drop of it may have reached the friend all the same, taken back at theirs by a delete recorded with
   * it, sent in the background (or from the next session, should this one end first), which leaves them
   * no "a message may be missing" mark for it. `not_own_message` for the friend's messages.
   */
  deleteMessage(address: string, messageId: string): Promise<void>;
  /**
   * Called once when the session ends by itself: `revoked` when it could not be renewed (the
   * password was changed or the account deleted on another device). `leftBehind` is what this device's
   * storage failed at meanwhile (sign_in_kept: it could not forget the kept sign-in), empty when nothing.
   */
  onEnded(listener: (reason: SessionEndReason, leftBehind: readonly MessengerError[]) => void): Unsubscribe;
  /** 60 digits in 12 groups of 5, the same on both sides. */
  safetyNumber(address: string): Promise<string>;
  /** After comparing the safety number out of band: mark the friend's current key verified (or take it back), on every device. */
  markSafetyNumberVerified(address: string, verified: boolean): Promise<void>;
  setOpenInbox(open: boolean): Promise<void>;
  /** Asks our server whether the inbox is open, as another device may have changed it; the overview follows. */
  refreshOpenInbox(): Promise<void>;
  /**
   * Resolves once the password changed, with what this device's storage failed at meanwhile, which did not undo it:
   * sign_in_not_kept where "Stay signed in" kept this account and the storage failed to keep the new keys in place of the
   * old ones (which no longer work, and are forgotten where the storage lets it), so a reload asks for the password.
   * Empty when nothing failed.
   */
  changePassword(currentPassword: string, newPassword: string, onProgress?: ProgressListener): Promise<readonly MessengerError[]>;
  /** The decrypted blob as pretty JSON, for the user's own records (private keys included, flagged). */
  exportData(): Promise<string>;
  /**
   * Resolves, once the server deleted the account, with what this device's storage failed to delete (as logOut with
   * `forgetBrowser`, and account_records_kept: it failed to forget the version marks and password settings it noted for the
   * account): never rejects for it, as the account is gone and what stayed is sealed with keys that no longer exist.
   * Friends are told in the background, one try each, without waiting on their servers.
   */
  deleteAccount(password: string): Promise<readonly MessengerError[]>;
  /**
   * Ends the session on this device at once (nothing more starts), forgets what "Stay signed in" kept and the drafts, then
   * writes what is left and revokes the session at the server, waiting for that no longer than a few seconds, and forgets
   * the keys. With `forgetBrowser`, this device's cache of the account's stored history (PROTOCOL §8.4) is deleted too, so
   * the next login here downloads it again, and so are files still waiting to be sent; without it they are sent after the
   * next login. Resolves with what stayed behind, which did not keep the user from leaving: what this device's storage
   * failed to delete (device_storage, sign_in_kept, and with `forgetBrowser` cached_history_kept and unsent_files_kept), and
   * server_session_kept where the server failed or did not answer in time (its session ends by itself within the hour);
   * empty when nothing was left behind. A session that had already ended (at the server, or by an earlier log-out) resolves
   * likewise. Never rejects for the server's failure.
   */
  logOut(options?: LogOutOptions): Promise<readonly MessengerError[]>;
}

/** Entry point: create an account or log in to one, by address (`name@host[:port]`). */
export interface Messenger {
  register(address: string, password: string, options?: ClientOptions): Promise<MessengerSession>;
  logIn(address: string, password: string, options?: ClientOptions): Promise<MessengerSession>;
  /**
   * Signs in again with what "Stay signed in" kept on this device; null when nothing is kept. Rejects with
   * sign_in_outdated when the server no longer accepts it (then it is forgotten), with sign_in_not_kept when this device's
   * storage could not read what it kept, and with sign_in_kept when it could not forget one the server no longer accepts.
   */
  resume(options?: ClientOptions): Promise<MessengerSession | null>;
}

/**
 * Expected failures the UI explains to the user. `code` is a PROTOCOL §3 problem code, or one of
 * the client's own: network_error, bad_response, wrong_password, kdf_downgrade, rollback_detected,
 * identity_changed, blob_near_cap, not_friends, invalid_address; also already_friends and
 * request_pending (a friend request to someone already befriended or already asked),
 * invite_required (registering without an invite code on a server that asks for one),
 * internal (the server reported a bug of its own); for §11's message types unknown_message (no
 * such message in the conversation), not_own_message (editing or deleting the friend's message),
 * invalid_emoji and invalid_timer; search_cancelled (the search's signal aborted); request_cancelled (a friend request's); device_storage (this device's storage
 * failed to delete the drafts it kept) and sign_in_kept (it failed to forget the sign-in "Stay signed in" kept), reported in
 * the background or, when logging out, deleting the account or the session ending (onEnded), where the user lands, as are
 * cached_history_kept (it failed to delete its cache of the stored history) and unsent_files_kept (the files it kept to
 * send), both only in what logOut and deleteAccount resolve with, and account_records_kept (the version marks and password
 * settings it noted for a deleted account), only in deleteAccount's; sign_in_not_kept
 * (it failed to keep the sign-in, or read it back: see keptSignInFailure and resume) and sign_in_outdated (the server refused
 * the sign-in kept, as the password changed elsewhere: see resume); server_session_kept (logging out, the user's own server
 * could not be told: see logOut); for the user store (§8) store_fork (the server showed this
 * device a history that does not continue the one it saw: a hard stop, nothing more is written)
 * and store_newer_format (a newer app wrote the data: reload or update). `message` is readable as is and never holds a
 * secret, but may quote server text: render it as text.
 */
export class MessengerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: {
      /** The friend whose home server failed; absent when it was the user's own server or no server. */
      readonly friend?: string;
      /** A message being sent was not stored at all: nothing will resend it, so the caller keeps its text. */
      readonly unrecorded?: true;
    } = {},
  ) {
    super(message);
    this.name = 'MessengerError';
  }
}
