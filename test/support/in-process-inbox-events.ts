import type { InboxEvent, InboxEventStream, InboxStreamEnd } from '../../src/application/ports/home-server-gateway';
import type { InboxNotifier } from '../../src/application/ports/inbox-notifier';

/**
 * The server's notifier as the `/inbox/events` stream a session of `owner` (token id `jti`) would
 * read, filtered as the route filters it: a session never hears of its own blob writes. Open until
 * the caller aborts or stops iterating; nothing in process makes it fail.
 */
export function inProcessInboxEvents(notifier: InboxNotifier, owner: string, jti: string, signal?: AbortSignal): InboxEventStream {
  const queue: InboxEvent[] = [];
  let wake: (() => void) | null = null;
  let end: (reason: InboxStreamEnd) => void = () => undefined;
  const ended = new Promise<InboxStreamEnd>((resolve) => {
    end = resolve;
  });
  const unsubscribe = notifier.subscribe(owner, (event) => {
    if (event.kind === 'blob' && event.origin === jti) return;
    queue.push(event.kind === 'inbox' ? { type: 'inbox', data: '', lastEventId: '' } : { type: 'blob', version: event.version });
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);

  async function* events(): AsyncGenerator<InboxEvent> {
    try {
      while (signal?.aborted !== true) {
        const next = queue.shift();
        if (next !== undefined) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      end({ reason: 'aborted' });
    }
  }
  return Object.assign(events(), { ended, retryMs: () => null });
}
