import { ServerStorage } from '../../../src/application/ports/server-storage';

/**
 * Everything durable the storage holds, read through the ports only: accounts (minus last-seen),
 * blob versions and bytes, inbox contents, drop tokens and store objects. Equal snapshots: nothing changed.
 */
export const storageState = async (storage: ServerStorage): Promise<unknown> => {
  const accounts = await storage.accounts.list();
  return Promise.all(
    accounts
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async ({ lastSeenAt: _lastSeen, ...account }) => {
        const blob = await storage.blobs.find(account.name);
        return {
          account,
          blob: blob && { version: blob.version, ciphertext: Buffer.from(blob.ciphertext).toString('base64url') },
          inbox: await wholeInbox(storage, account.name),
          dropTokens: await storage.dropTokens.list(account.name),
          store: {
            objects: (await storage.objects.list(account.name, { state: null, afterId: '', limit: 1000 })).items,
            usage: await storage.objects.usage(account.name),
          },
        };
      }),
  );
};

const wholeInbox = async (storage: ServerStorage, owner: string) => {
  const items = [];
  let after = 0;
  for (;;) {
    const page = await storage.inbox.list(owner, after, 500);
    items.push(...page.items);
    if (page.nextAfterSeq === null) return items;
    after = page.nextAfterSeq;
  }
};
