import { InboxItemKind } from '../../domain/home-server/inbox-item';
import { ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface InboxDelivery {
  readonly owner: string;
  readonly kind: InboxItemKind;
  readonly envelope: string;
  /** The drop token that authorized it, counted against that token's use. */
  readonly tokenId: string | null;
}

export type DeliverToInboxDeps = Pick<ServerDependencies, 'inbox' | 'notifier' | 'ids' | 'clock' | 'policy'>;

/** The last step of every drop, once it is authorized: append within the quotas, then wake the owner's listeners. */
export const deliverToInbox = async (
  deps: DeliverToInboxDeps,
  delivery: InboxDelivery,
): Promise<Result<{ readonly id: string }, 'inbox/full' | 'account/not-found'>> => {
  const now = deps.clock.now();
  const { owner, kind, envelope, tokenId } = delivery;
  const appended = await deps.inbox.append(
    { id: deps.ids.next(), owner, kind, tokenId, receivedAt: now, envelope },
    deps.policy.quotas,
    tokenId === null ? undefined : { id: tokenId, at: now },
  );
  if (!appended.ok) return appended;
  deps.notifier.notify(owner);
  return ok({ id: appended.value.id });
};
