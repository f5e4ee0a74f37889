import { AcceptFriendRequest } from './accept-friend-request';
import { DeliverHandshakeReplies } from '../peers/deliver-handshake-replies';
import { ChangePassword } from './change-password';
import { CheckRequestSenders } from './check-request-senders';
import { ClientDependencies } from '../client-dependencies';
import { ComputeSafetyNumber } from './compute-safety-number';
import { DeclineFriendRequest } from './decline-friend-request';
import { DeleteAccount } from './delete-account';
import { DeleteChat } from './delete-chat';
import { DeleteUnsentMessage } from './delete-message';
import { ExportData } from './export-data';
import { StreamingDigest } from '../../ports/streaming-digest';
import { MemoryUploadJournal } from '../files/upload-journal';
import { UploadStores } from '../files/pending-uploads';
import { ResumableUploads } from '../files/resumable-uploads';
import { SignedInAccount } from '../session/signed-in-account';
import { DownloadFile } from './download-file';
import { SendFiles } from './send-files';
import { LogIn } from './log-in';
import { LogOut } from './log-out';
import { MarkConversationRead } from './mark-conversation-read';
import { MarkSafetyNumberVerified } from './mark-safety-number-verified';
import { RefreshBlob } from './refresh-blob';
import { ResumeSession } from './resume-session';
import { Register } from './register';
import { RemoveExpiredMessages } from './remove-expired-messages';
import { blockContact, RemoveFriend } from './remove-friend';
import { RetryUndeliveredMessages } from './retry-undelivered-messages';
import { SendFriendRequest } from './send-friend-request';
import { SearchHistory } from './search-history';
import { LoadOlderMessages } from './load-older-messages';
import { SendMessage } from './send-message';
import { RefreshOpenInbox, SetOpenInbox } from './set-open-inbox';
import { SetReadReceipts } from './set-read-receipts';
import { SyncInbox } from './sync-inbox';
import { UnblockContact } from './unblock-contact';
import { WritePendingChanges } from './write-pending-changes';

/** Every client use case, wired once with the same dependencies. */
const streamingDigestOf = (deps: ClientDependencies): StreamingDigest =>
  deps.streamingDigest ?? {
    sha256: () => Promise.reject(new Error('This client was put together without a streaming SHA-256, so it cannot send or open files.')),
  };

/** One set of upload stores per signed-in account (they derive keys on opening); null when this device keeps none. */
const uploadStoresOf = (deps: ClientDependencies): ((account: SignedInAccount) => UploadStores | null) => {
  const opened = new WeakMap<SignedInAccount, UploadStores>();
  return (account) => {
    const open = deps.uploadStores;
    if (open === undefined) return null;
    const known = opened.get(account);
    if (known !== undefined) return known;
    const stores = open({ address: account.address, blobKey: account.blobKey });
    opened.set(account, stores);
    return stores;
  };
};

export const createClientUseCases = (deps: ClientDependencies) => {
  const uploadStores = uploadStoresOf(deps);
  const memoryJournal = new MemoryUploadJournal();
  const sendFiles = new SendFiles(deps, { streamingDigest: streamingDigestOf(deps), journals: (account) => uploadStores(account)?.journal ?? memoryJournal });
  return {
    register: new Register(deps),
    logIn: new LogIn(deps),
    resumeSession: new ResumeSession(deps),
    syncInbox: new SyncInbox(deps),
    sendFriendRequest: new SendFriendRequest(deps),
    acceptFriendRequest: new AcceptFriendRequest(deps),
    deliverHandshakeReplies: new DeliverHandshakeReplies(deps),
    declineFriendRequest: new DeclineFriendRequest(deps),
    checkRequestSenders: new CheckRequestSenders(deps),
    removeFriend: new RemoveFriend(deps),
    deleteChat: new DeleteChat(deps),
    blockContact: blockContact(deps),
    unblockContact: new UnblockContact(deps),
    sendMessage: new SendMessage(deps),
    retryUndeliveredMessages: new RetryUndeliveredMessages(deps),
    deleteUnsentMessage: new DeleteUnsentMessage(deps),
    refreshBlob: new RefreshBlob(deps),
    loadOlderMessages: new LoadOlderMessages(deps),
    searchHistory: new SearchHistory(deps),
    writePendingChanges: new WritePendingChanges(deps),
    markConversationRead: new MarkConversationRead(deps),
    removeExpiredMessages: new RemoveExpiredMessages(deps),
    setReadReceipts: new SetReadReceipts(deps),
    computeSafetyNumber: new ComputeSafetyNumber(deps),
    markSafetyNumberVerified: new MarkSafetyNumberVerified(deps),
    setOpenInbox: new SetOpenInbox(),
    refreshOpenInbox: new RefreshOpenInbox(),
    changePassword: new ChangePassword(deps),
    exportData: new ExportData(deps),
    deleteAccount: new DeleteAccount(deps),
    logOut: new LogOut(deps),
    sendFiles,
    resumableUploads: new ResumableUploads(deps, sendFiles, uploadStores),
    downloadFile: new DownloadFile({ crypto: deps.crypto, streamingDigest: streamingDigestOf(deps) }),
  };
};

export type ClientUseCases = ReturnType<typeof createClientUseCases>;
