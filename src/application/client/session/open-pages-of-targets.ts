import { MessageRecord } from '../../../domain/messaging/message';
import { hasOwn, OwnRecord } from '../../../domain/messaging/own-record';
import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { unresolvedTargets } from '../../../domain/messaging/store/paged-targets';
import { ClientDependencies } from '../client-dependencies';
import { LoadOlderMessages } from '../use-cases/load-older-messages';
import { SignedInAccount } from './signed-in-account';

/**
 * Pages one head write may open to look for the targets of edits and deletes: a chat's newest pages
 * hold about 48 KiB each (`seal-tail.ts`), so four cover its last few hundred messages — where
 * nearly every edit or delete points — in one write, while a target deep in a long history costs a
 * few writes rather than one write that downloads the whole history (§8.4's cost rule).
 */
const TARGET_PAGES_PER_WRITE = 4;

/** The messages of the opened pages that are still live (referenced by the head or an opened index, not released), but those of `releasing`. */
export const liveOpenedMessages = (account: SignedInAccount, releasing: readonly string[] = []): MessageRecord[] => {
  const live = knownPageRefs(account.head, account.indexes);
  return account.pages.filter(({ id }) => hasOwn(live, id) && !releasing.includes(id)).flatMap(({ page }) => page.messages);
};

/**
 * Opens, newest first and through the object cache (scrolling back's own way, `LoadOlderMessages`),
 * the pages of each chat whose edits or deletes (§11) wait for a target in no open page, until the
 * targets are found or `TARGET_PAGES_PER_WRITE` pages were opened (with the indexes that reference
 * them). Found, the head write's settling and compaction take the old text out of the page; not
 * found, the next write looks further back, until every page of the chat is open. Best effort: a
 * page that cannot be read now is looked for again by the next write.
 */
export class OpenPagesOfTargets {
  private readonly loadOlder: LoadOlderMessages;

  constructor(deps: Pick<ClientDependencies, 'crypto'>) {
    this.loadOlder = new LoadOlderMessages(deps);
  }

  async execute(account: SignedInAccount, tail: OwnRecord<MessageRecord>): Promise<void> {
    const openedPages = () => account.pages.length;
    const start = openedPages();
    const done = new Set<string>();
    while (openedPages() - start < TARGET_PAGES_PER_WRITE) {
      const waiting = unresolvedTargets(tail, () => liveOpenedMessages(account));
      const friend = [...waiting.keys()].find((address) => !done.has(address));
      if (friend === undefined) return;
      const before = openedPages();
      const loaded = await this.loadOlder.execute(account, friend);
      if (!loaded.ok || !loaded.value || openedPages() === before) done.add(friend);
    }
  }
}
