import { err, ok, Result } from '../../protocol/result';
import { StoreObjectInfo, storeAllows } from './store-object';

/** A head write's `objects` member (§8.2). */
export interface ObjectChanges {
  /** Staged or committed objects of this account that the new head refers to. */
  readonly commit: readonly string[];
  /** Committed (or staged) objects the new head no longer needs: deleted. */
  readonly release: readonly string[];
  /** Dropped objects of this account's inbox that move into its store as committed. */
  readonly claim: readonly string[];
}

export const NO_OBJECT_CHANGES: ObjectChanges = { commit: [], release: [], claim: [] };

export const hasObjectChanges = (changes: ObjectChanges): boolean =>
  changes.commit.length + changes.release.length + changes.claim.length > 0;

/** Every id the changes name, each once. */
export const namedIds = (changes: ObjectChanges): string[] => [
  ...new Set([...changes.commit, ...changes.release, ...changes.claim]),
];

/** An id named in two lists: the request contradicts itself. */
export const contradictoryIds = (changes: ObjectChanges): string[] => {
  const seen = new Map<string, number>();
  for (const list of [changes.commit, changes.release, changes.claim]) {
    for (const id of new Set(list)) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, lists]) => lists > 1).map(([id]) => id);
};

/** What an adapter reads inside its transaction before deciding a head write. */
export interface StoreCommitFacts {
  readonly expectedVersion: number;
  readonly currentVersion: number;
  /** The account's objects among the ids the changes name (any state); absent ids are not held. */
  readonly held: ReadonlyMap<string, StoreObjectInfo>;
  /** Staged + committed object bytes before the write. */
  readonly objectBytes: number;
  readonly oldHeadBytes: number;
  readonly newHeadBytes: number;
  readonly storeBytes: number;
}

/** What the adapter then applies, in the same transaction as the head's compare-and-set. */
export interface StoreCommitPlan {
  /** Staged ids that become committed (already committed ones need no write). */
  readonly commit: readonly string[];
  readonly claim: readonly StoreObjectInfo[];
  readonly release: readonly StoreObjectInfo[];
}

export type StoreCommitFailure =
  | { readonly code: 'blob/version-conflict'; readonly currentVersion: number }
  | { readonly code: 'object/missing'; readonly missing: readonly string[] }
  | { readonly code: 'store/full' };

const isOwnObject = (object: StoreObjectInfo | undefined): object is StoreObjectInfo =>
  object !== undefined && object.state !== 'dropped';

/**
 * Decides a head write with `objects` (§8.2), in the protocol's order: the version (412), then
 * every named id (409 `object_missing`, listing all of them), then the store quota (507) with the
 * new head, the claims and the releases counted once each.
 */
export const planStoreCommit = (
  facts: StoreCommitFacts,
  changes: ObjectChanges,
): Result<StoreCommitPlan, StoreCommitFailure> => {
  if (facts.currentVersion !== facts.expectedVersion) {
    return err({ code: 'blob/version-conflict', currentVersion: facts.currentVersion });
  }
  const missing = new Set<string>();
  const commit: string[] = [];
  const claim: StoreObjectInfo[] = [];
  const release: StoreObjectInfo[] = [];
  for (const id of new Set(changes.commit)) {
    const object = facts.held.get(id);
    if (!isOwnObject(object)) missing.add(id);
    else if (object.state === 'staged') commit.push(id);
  }
  for (const id of new Set(changes.claim)) {
    const object = facts.held.get(id);
    if (object?.state === 'dropped') claim.push(object);
    else missing.add(id);
  }
  for (const id of new Set(changes.release)) {
    const object = facts.held.get(id);
    if (isOwnObject(object)) release.push(object);
    else missing.add(id);
  }
  if (missing.size > 0) return err({ code: 'object/missing', missing: [...missing] });

  const before = facts.objectBytes + facts.oldHeadBytes;
  const after = before - facts.oldHeadBytes + facts.newHeadBytes + sumBytes(claim) - sumBytes(release);
  if (!storeAllows(before, after, facts.storeBytes)) return err({ code: 'store/full' });
  return ok({ commit, claim, release });
};

const sumBytes = (objects: readonly StoreObjectInfo[]): number => objects.reduce((sum, object) => sum + object.bytes, 0);

/** What a PUT of new bytes under `id` does, given what the account already holds under it. */
export type ObjectPutDecision = 'create' | 'same' | 'exists' | 'full';

export const decideObjectPut = (input: {
  readonly existing: { readonly state: string; readonly sameBytes: boolean } | null;
  readonly objectBytes: number;
  readonly headBytes: number;
  readonly newBytes: number;
  readonly storeBytes: number;
}): ObjectPutDecision => {
  if (input.existing) return input.existing.sameBytes && input.existing.state !== 'dropped' ? 'same' : 'exists';
  const before = input.objectBytes + input.headBytes;
  return storeAllows(before, before + input.newBytes, input.storeBytes) ? 'create' : 'full';
};
