import { foldPages } from '../../../domain/messaging/store/fold-pages';
import { IndexPage, serializeIndexPage } from '../../../domain/messaging/store/index-page';
import { MessagePage, serializeMessagePage } from '../../../domain/messaging/store/message-page';
import { applyCompaction, planCompaction } from '../../../domain/messaging/store/plan-compaction';
import { PAGE_MAX_BYTES, sealTail } from '../../../domain/messaging/store/seal-tail';
import { StoreHead, tailDocument, withTailDocument } from '../../../domain/messaging/store/store-head';
import { settlePagedTargets } from '../../../domain/messaging/message-lifecycle';
import { ok, Result } from '../../../domain/protocol/result';
import { MAX_OBJECT_IDS, type ObjectChangesBody } from '../../../domain/protocol/wire';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, fromGateway } from '../client-error';
import { newObjectId } from '../protocol/object-cipher';
import { writeObject } from '../store/write-object';
import { accountObjects } from './account-objects';
import { liveOpenedMessages } from './open-pages-of-targets';
import { SignedInAccount } from './signed-in-account';

/** The head one write attempt commits, with the new page or index it uploaded (staged) for it, if any. */
export interface HeadWithNewObject {
  readonly head: StoreHead;
  readonly objects: ObjectChangesBody | undefined;
  readonly page: { readonly id: string; readonly page: MessagePage } | undefined;
  readonly index: { readonly id: string; readonly index: IndexPage } | undefined;
}

const unchanged = (head: StoreHead): HeadWithNewObject => ({ head, objects: undefined, page: undefined, index: undefined });

/**
 * The one new object a head write may commit (§8.4's cost rule: one head write and at most one
 * page): a page sealed out of a tail past its threshold; or else an index folding the oldest page
 * references once the head holds too many; or else a compaction of the opened pages. Uploaded
 * staged, for the write to commit.
 */
export class SealFoldOrCompact {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'clock'>) {}

  /** `releaseBudget`: how many ids the write's release list (§8.2) still has room for. */
  async execute(account: SignedInAccount, head: StoreHead, releaseBudget = MAX_OBJECT_IDS): Promise<Result<HeadWithNewObject, ClientError>> {
    const access = accountObjects(this.deps, account);
    const sealed = sealTail(head, newObjectId(this.deps.crypto.random));
    if (sealed !== null) {
      const uploaded = await writeObject(access, sealed.ref.id, serializeMessagePage(sealed.page));
      if (!uploaded.ok) return fromGateway(uploaded.error, 'Saving a page of your history failed');
      return ok({ head: sealed.head, objects: { commit: [sealed.ref.id] }, page: { id: sealed.ref.id, page: sealed.page }, index: undefined });
    }
    const folded = foldPages(head, newObjectId(this.deps.crypto.random));
    if (folded === null) return this.compactIfDue(account, head, releaseBudget);
    const uploaded = await writeObject(access, folded.ref.id, serializeIndexPage(folded.index));
    if (!uploaded.ok) return fromGateway(uploaded.error, 'Saving an index of your history failed');
    return ok({ head: folded.head, objects: { commit: [folded.ref.id] }, page: undefined, index: { id: folded.ref.id, index: folded.index } });
  }

  /**
   * Rewrites the opened pages holding a deleted, expired or edited-away copy (§11) into one new page, released
   * by the same write (§8.4 compaction): judged on pages in memory only, so deciding costs no download.
   * The chunks of the deleted chats' messages the pages held last go with them.
   */
  private async compactIfDue(account: SignedInAccount, head: StoreHead, releaseBudget: number): Promise<Result<HeadWithNewObject, ClientError>> {
    const plan = planCompaction(head, account.pages, PAGE_MAX_BYTES, account.indexes, releaseBudget);
    if (plan === null) return ok(unchanged(head));
    const id = newObjectId(this.deps.crypto.random);
    const now = this.deps.clock.now();
    const rewritten = applyCompaction(head, plan, id, now);
    // The edits whose text the new page now holds are settled by the same write, so no later session looks for their targets.
    const copies = () => [...liveOpenedMessages(account, plan.release), ...(plan.page?.messages ?? [])];
    const compacted = withTailDocument(rewritten, settlePagedTargets(tailDocument(rewritten), copies));
    const release = [...plan.release, ...plan.chunks];
    if (plan.page === null) return ok({ head: compacted, objects: { release }, page: undefined, index: undefined });
    const uploaded = await writeObject(accountObjects(this.deps, account), id, serializeMessagePage(plan.page));
    if (!uploaded.ok) return fromGateway(uploaded.error, 'Saving a page of your history failed');
    return ok({ head: compacted, objects: { commit: [id], release }, page: { id, page: plan.page }, index: undefined });
  }
}
