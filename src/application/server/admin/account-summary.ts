import { Account } from '../../../domain/home-server/account';
import { DropToken } from '../../../domain/home-server/drop-token';
import { AdminDependencies } from './admin-dependencies';

/** An account's business data as the operator sees it: sizes and dates, never hashes or keys. */
export interface AccountSummary {
  readonly name: string;
  readonly createdAt: number;
  readonly lastSeenAt: number | null;
  readonly disabled: boolean;
  readonly openInbox: boolean;
  readonly blobVersion: number;
  readonly blobBytes: number;
  readonly inboxItems: number;
  readonly inboxBytes: number;
  readonly dropTokens: number;
  /** Staged + committed objects of the user store and their bytes (the head is `blobBytes`). */
  readonly storeObjects: number;
  readonly storeObjectBytes: number;
  /** Objects friends dropped into the inbox (PROTOCOL §9.2) that wait to be claimed, and their bytes. */
  readonly droppedObjects: number;
  readonly droppedObjectBytes: number;
}

/** The summary together with the drop tokens it counted, for callers that show them too. */
export const summarizeAccountWithTokens = async (
  deps: Pick<AdminDependencies, 'blobs' | 'inbox' | 'dropTokens' | 'objects'>,
  account: Account,
): Promise<{ readonly summary: AccountSummary; readonly tokens: DropToken[] }> => {
  const [blob, inbox, tokens, store, dropped] = await Promise.all([
    deps.blobs.find(account.name),
    deps.inbox.stats(account.name),
    deps.dropTokens.list(account.name),
    deps.objects.usage(account.name),
    deps.inbox.droppedStats(account.name),
  ]);
  const summary = {
    name: account.name,
    createdAt: account.createdAt,
    lastSeenAt: account.lastSeenAt,
    disabled: account.disabled,
    openInbox: account.openInbox,
    blobVersion: blob?.version ?? 0,
    blobBytes: blob?.ciphertext.length ?? 0,
    inboxItems: inbox.items,
    inboxBytes: inbox.bytes,
    dropTokens: tokens.length,
    storeObjects: store.objects,
    storeObjectBytes: store.bytes,
    droppedObjects: dropped.objects,
    droppedObjectBytes: dropped.bytes,
  };
  return { summary, tokens };
};

export const summarizeAccount = async (
  deps: Pick<AdminDependencies, 'blobs' | 'inbox' | 'dropTokens' | 'objects'>,
  account: Account,
): Promise<AccountSummary> => (await summarizeAccountWithTokens(deps, account)).summary;
