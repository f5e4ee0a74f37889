import { useEffect, useRef } from 'preact/hooks';
import type { AccountOverview } from '../../application/client/messenger';
import type { Preferences } from './preferences';

const TITLE = 'starbase';

/** Unread messages plus friend requests waiting for an answer. */
export const waitingCount = (overview: AccountOverview): number =>
  overview.friends.reduce((sum, friend) => sum + friend.unread, 0) + overview.incomingRequests.length;

export const titleFor = (waiting: number): string => (waiting > 0 ? `(${waiting}) ${TITLE}` : TITLE);

const inBackground = (): boolean => document.visibilityState === 'hidden' || !document.hasFocus();

/**
 * What a person sees from another tab: the count in the title and on the favicon, and, if they
 * turned it on in Settings, a desktop notification naming the sender (the text only if asked for).
 */
export function useBackgroundAwareness(overview: AccountOverview, preferences: Preferences): void {
  const waiting = waitingCount(overview);
  useEffect(() => {
    document.title = titleFor(waiting);
    const restoreIcon = showFaviconBadge(waiting);
    return () => {
      document.title = TITLE;
      restoreIcon();
    };
  }, [waiting]);

  const seenUnread = useRef<Map<string, number> | null>(null);
  /** The notification shown for each friend, with the text it shows. */
  const notified = useRef(new Map<string, { readonly notification: Notification; readonly body: string }>());
  useEffect(() => {
    const previous = seenUnread.current;
    seenUnread.current = new Map(overview.friends.map((friend) => [friend.address, friend.unread]));
    // Fewer unread (read here or on another device, deleted for everyone, expired, the chat gone): what was announced
    // may no longer be there, and its text must not stay on the screen after its sender took it back.
    for (const [address, { notification }] of notified.current) {
      const unread = seenUnread.current.get(address) ?? 0;
      if (unread >= (previous?.get(address) ?? 0)) continue;
      notification.close();
      notified.current.delete(address);
    }
    // The first overview is what was there before: nothing in it is news.
    if (previous === null || !preferences.notifications || typeof Notification === 'undefined') return;
    if (Notification.permission !== 'granted') return;
    for (const friend of overview.friends) {
      if (friend.lastMessage?.direction !== 'in') continue;
      const body = preferences.notificationText ? friend.lastMessage.body : '';
      const isNews = friend.unread > (previous.get(friend.address) ?? 0) && inBackground();
      // Edited since it was announced: the notification takes its place (the same tag) with the text as it is now.
      const shown = notified.current.get(friend.address);
      const edited = shown !== undefined && shown.body !== body;
      if (!isNews && !edited) continue;
      const notification = new Notification(`New message from ${friend.address}`, { body, tag: `starbase-${friend.address}` });
      notification.onclick = () => window.focus();
      // Dismissed by the user: an edit then brings no new one.
      notification.onclose = () => {
        if (notified.current.get(friend.address)?.notification === notification) notified.current.delete(friend.address);
      };
      notified.current.set(friend.address, { notification, body });
    }
  }, [overview, preferences.notifications, preferences.notificationText]);
}

/** Draws the count onto the app's icon; returns how to put the plain icon back. */
function showFaviconBadge(waiting: number): () => void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (link === null || waiting === 0) return () => undefined;
  const original = link.getAttribute('href') ?? '';
  const originalType = link.type;
  let cancelled = false;
  const icon = new Image();
  icon.onload = () => {
    if (cancelled) return;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const context = canvas.getContext('2d');
    if (context === null) return;
    context.drawImage(icon, 0, 0, 64, 64);
    context.fillStyle = '#d93025';
    context.beginPath();
    context.arc(44, 20, 20, 0, 2 * Math.PI);
    context.fill();
    context.fillStyle = '#ffffff';
    context.font = 'bold 26px sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(waiting > 9 ? '9+' : String(waiting), 44, 21);
    link.type = 'image/png';
    link.href = canvas.toDataURL('image/png');
  };
  icon.src = original;
  return () => {
    cancelled = true;
    link.type = originalType;
    link.setAttribute('href', original);
  };
}
