import { bodyOrFilesPreview } from '../../../domain/messaging/file-description';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { isChatDeleted, isInDeletedChat } from '../../../domain/messaging/deleted-chats';
import { blockedAddresses } from '../../../domain/messaging/friends';
import { currentLink, Friend, FriendLink, isHardStopped, isSafetyNumberVerified } from '../../../domain/messaging/friendship';
import { disappearingTimerOf, readReceiptsOn } from '../../../domain/messaging/chat-settings';
import { isUnread } from '../../../domain/messaging/messages';
import { isNewsRecord, kindOfRecord } from '../../../domain/messaging/record-kind';
import { AccountOverview, FriendStatus, FriendView, IncomingRequestView } from '../messenger';
import { SignedInAccount } from './signed-in-account';

interface MessageStats {
  unread: number;
  lastMessageAt: number | null;
  lastMessage: FriendView['lastMessage'];
  count: number;
}

const messageStats = (doc: BlobDocument): Map<string, MessageStats> => {
  const stats = new Map<string, MessageStats>();
  for (const message of Object.values(doc.messages)) {
    if (isInDeletedChat(doc.friends, message)) continue;
    const entry = stats.get(message.friend) ?? { unread: 0, lastMessageAt: null, lastMessage: null, count: 0 };
    entry.count += 1;
    if (isNewsRecord(message) && isUnread(doc, message)) entry.unread += 1;
    // Edits, reactions and receipts are no news of their own: the preview is the latest message.
    const kind = kindOfRecord(message);
    if (kind.type === 'message' && (entry.lastMessageAt === null || message.sentAt >= entry.lastMessageAt)) {
      entry.lastMessageAt = message.sentAt;
      entry.lastMessage = { body: bodyOrFilesPreview(message.body, kind.files ?? []), direction: message.direction };
    }
    stats.set(message.friend, entry);
  }
  return stats;
};

const statusOf = (friend: Friend, link: FriendLink): FriendStatus => {
  if (isHardStopped(friend)) return 'identity-changed';
  return link.state.kind === 'removed' && link.state.reason === 'gone' ? 'gone' : link.state.kind;
};

/** Requests waiting for an answer are shown as requests; closed handshakes that never became a friendship not at all. */
const isShownAsFriend = (link: FriendLink, stats: MessageStats | undefined): boolean => {
  if (link.state.kind === 'pending-incoming') return false;
  if (link.state.kind !== 'removed') return true;
  return link.state.reason === 'removed' || link.state.reason === 'gone' || (stats?.count ?? 0) > 0;
};

const friendViews = (doc: BlobDocument): FriendView[] => {
  const stats = messageStats(doc);
  return Object.values(doc.friends).flatMap((friend): FriendView[] => {
    const link = currentLink(friend);
    const friendStats = stats.get(friend.address);
    if (!link || isChatDeleted(friend) || !isShownAsFriend(link, friendStats)) return [];
    return [
      {
        address: friend.address,
        status: statusOf(friend, link),
        note: link.state.kind === 'pending-outgoing' && link.state.request.note !== '' ? link.state.request.note : null,
        unread: friendStats?.unread ?? 0,
        lastMessageAt: friendStats?.lastMessageAt ?? null,
        lastMessage: friendStats?.lastMessage ?? null,
        verified: link.verification === 'verified',
        safetyNumberVerified: isSafetyNumberVerified(friend),
        disappearingTimer: disappearingTimerOf(doc, friend.address),
      },
    ];
  });
};

/** A blocked address's request is never offered, even one another device took in before the block reached it. */
const incomingRequests = (doc: BlobDocument): IncomingRequestView[] =>
  Object.values(doc.friends)
    .filter((friend) => !friend.blocked.value)
    .flatMap((friend) =>
      Object.values(friend.links).flatMap((link): IncomingRequestView[] =>
        link.state.kind === 'pending-incoming'
          ? [
              {
                id: link.handshakeId,
                from: friend.address,
                note: link.state.request.note === '' ? null : link.state.request.note,
                receivedAt: link.state.request.receivedAt,
                verified: link.verification === 'verified' && link.state.request.proven === true,
                proven: link.state.request.proven === true,
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => a.receivedAt - b.receivedAt);

export const accountOverview = (account: SignedInAccount): AccountOverview => ({
  address: account.address,
  openInbox: account.openInbox,
  readReceipts: readReceiptsOn(account.doc),
  friends: friendViews(account.shownDocument),
  incomingRequests: incomingRequests(account.doc),
  blocked: blockedAddresses(account.doc),
  storageWarning: account.storageWarning,
  securityWarning: account.securityWarning,
});
