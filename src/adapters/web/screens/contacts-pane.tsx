import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AccountOverview, MessengerSession } from '../../../application/client/messenger';
import { ErrorAlert } from '../components/error-alert';
import { ErrorBoundary } from '../components/error-boundary';
import { FriendListItem } from '../components/friend-list-item';
import { LiveStatus } from '../components/live-status';
import { serverOf } from '../address-input';
import { RequestItem } from '../components/request-item';
import { useAsyncAction } from '../hooks';

interface Props {
  readonly session: MessengerSession;
  readonly overview: AccountOverview;
  readonly selectedAddress: string | null;
  /**
   * The client records a request before its captcha is answered (PROTOCOL §4.1): while the person
   * is still at the captcha, it is not listed as sent.
   */
  readonly requestUnderWay: string | null;
  readonly onOpenChat: (address: string) => void;
  readonly onAddFriend: () => void;
}

const byRecentActivity = (a: { lastMessageAt: number | null; address: string }, b: { lastMessageAt: number | null; address: string }) =>
  (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0) || a.address.localeCompare(b.address);

/** A confirmation stays this long: long enough to read, not so long that it describes the past. */
const STATUS_VISIBLE_MS = 8000;

export function ContactsPane({ session, overview, selectedAddress, requestUnderWay, onOpenChat: openChat, onAddFriend }: Props) {
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (status === null) return undefined;
    const timer = setTimeout(() => setStatus(null), STATUS_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  const onOpenChat = (address: string) => {
    setStatus(null);
    openChat(address);
  };
  const requestFrom = (id: string) => overview.incomingRequests.find((request) => request.id === id)?.from ?? 'them';
  const accept = useAsyncAction(async (id: string) => {
    const request = overview.incomingRequests.find((candidate) => candidate.id === id);
    // Their server may be slow or silent: the chat opens once the acceptance is recorded, and it goes out from there.
    await session.acceptFriendRequest(id, { deliverInBackground: true });
    setStatus(request === undefined ? 'Request accepted.' : `You accepted ${request.from}'s request.`);
    // What people do next is say hello: the new friend's conversation opens.
    if (request !== undefined) onOpenChat(request.from);
  }, 'accept-request');
  const check = useAsyncAction(async (id: string) => {
    const from = requestFrom(id);
    await session.checkSender(id);
    const checked = session.overview().incomingRequests.find((request) => request.id === id);
    if (checked === undefined) setStatus(`${from}'s own server does not vouch for this request: it was a forgery and is gone.`);
    else setStatus(checked.verified ? `${from}'s own server confirms this request.` : `${from}'s server did not answer in time; the request stays unchecked.`);
  }, 'request');
  const decline = useAsyncAction(async (id: string) => {
    const from = requestFrom(id);
    await session.declineFriendRequest(id);
    setStatus(`You declined ${from}'s request.`);
  }, 'request');
  const declineAndBlock = useAsyncAction(async (id: string) => {
    const from = requestFrom(id);
    await session.blockContact(from, { tellInBackground: true });
    setStatus(`You declined and blocked ${from}. Unblock them in Settings.`);
  }, 'request');

  const friends = overview.friends.filter((friend) => friend.status !== 'pending-outgoing').slice().sort(byRecentActivity);
  const outgoing = overview.friends.filter((friend) => friend.status === 'pending-outgoing' && friend.address !== requestUnderWay);
  const busy = accept.busy || decline.busy || declineAndBlock.busy;
  // Answering disables the card's buttons, then takes the card away: focus, dropped to the page's body, goes to what is left of the list.
  const answered = useRef(false);
  const requestsHeadingRef = useRef<HTMLHeadingElement>(null);
  const friendsHeadingRef = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (!answered.current || busy) return;
    answered.current = false;
    if (document.activeElement === null || document.activeElement === document.body) (requestsHeadingRef.current ?? friendsHeadingRef.current)?.focus();
  });
  const answer = (action: typeof decline, id: string) => {
    answered.current = true;
    void action.run(id);
  };

  return (
    <div class="contacts">
      <LiveStatus message={status} />
      <ErrorAlert error={accept.error ?? decline.error ?? declineAndBlock.error ?? check.error} />
      {overview.incomingRequests.length > 0 && (
        <section class="contacts__section" aria-labelledby="requests-heading">
          <h2 ref={requestsHeadingRef} id="requests-heading" class="contacts__heading" tabIndex={-1}>
            Friend requests <span class="badge">{overview.incomingRequests.length}</span>
          </h2>
          <ul class="contacts__list">
            {overview.incomingRequests.map((request) => (
              <ErrorBoundary key={request.id} fallback={() => <li class="request">A request from {request.from} cannot be shown.</li>}>
              <RequestItem
                request={request}
                ownServer={serverOf(session.address)}
                busy={busy}
                checking={check.busy}
                onCheck={(id) => void check.run(id)}
                onAccept={(id) => void accept.run(id)}
                onDecline={(id) => answer(decline, id)}
                onDeclineAndBlock={(id) => answer(declineAndBlock, id)}
              />
              </ErrorBoundary>
            ))}
          </ul>
        </section>
      )}
      <section class="contacts__section" aria-labelledby="friends-heading">
        <h2 ref={friendsHeadingRef} id="friends-heading" class="contacts__heading" tabIndex={-1}>
          Friends
        </h2>
        {friends.length === 0 ? (
          <div class="contacts__empty">
            <p>No friends yet.</p>
            <button type="button" class="button button--primary" onClick={onAddFriend}>
              Add a friend
            </button>
          </div>
        ) : (
          <ul class="contacts__list">
            {friends.map((friend) => (
              <ErrorBoundary key={friend.address} fallback={() => <UnrenderableContact address={friend.address} onOpen={onOpenChat} />}>
                <FriendListItem friend={friend} selected={friend.address === selectedAddress} onOpen={onOpenChat} />
              </ErrorBoundary>
            ))}
          </ul>
        )}
      </section>
      {outgoing.length > 0 && (
        <section class="contacts__section" aria-labelledby="outgoing-heading">
          <h2 id="outgoing-heading" class="contacts__heading">
            Sent requests
          </h2>
          <ul class="contacts__list">
            {outgoing.map((friend) => (
              <FriendListItem key={friend.address} friend={friend} selected={friend.address === selectedAddress} onOpen={onOpenChat} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** A contact whose summary failed to render still opens its conversation. */
function UnrenderableContact({ address, onOpen }: { readonly address: string; readonly onOpen: (address: string) => void }) {
  return (
    <li class="contact">
      <button type="button" class="contact__button" onClick={() => onOpen(address)}>
        <span class="contact__text">
          <span class="contact__address">{address}</span>
        </span>
      </button>
    </li>
  );
}
