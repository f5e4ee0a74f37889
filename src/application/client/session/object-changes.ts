import type { ObjectChangesBody } from '../../../domain/protocol/wire';

/** A head write's `objects` (§8.2) without the ids the server said it does not hold; undefined when nothing is left. */
export const withoutObjects = (objects: ObjectChangesBody | undefined, missing: ReadonlySet<string>): ObjectChangesBody | undefined => {
  if (objects === undefined) return undefined;
  const keep = (ids: readonly string[] | undefined): string[] => (ids ?? []).filter((id) => !missing.has(id));
  const commit = keep(objects.commit);
  const claim = keep(objects.claim);
  const release = keep(objects.release);
  if (commit.length + claim.length + release.length === 0) return undefined;
  return {
    ...(commit.length === 0 ? {} : { commit }),
    ...(claim.length === 0 ? {} : { claim }),
    ...(release.length === 0 ? {} : { release }),
  };
};

/** Both lists of ids to commit and claim in one write, each id once. */
export const joinObjects = (...all: readonly (ObjectChangesBody | undefined)[]): ObjectChangesBody | undefined =>
  withoutObjects(
    {
      commit: [...new Set(all.flatMap((objects) => objects?.commit ?? []))],
      claim: [...new Set(all.flatMap((objects) => objects?.claim ?? []))],
      release: [...new Set(all.flatMap((objects) => objects?.release ?? []))],
    },
    new Set(),
  );
