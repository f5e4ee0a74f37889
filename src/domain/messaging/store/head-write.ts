import { extendForkLog, ForkLog, HeadMark } from '../fork-log';
import { StoreHead } from './store-head';

/** The head read from the server, as the next write descends from it; a v1 blob (§8.6) has an empty log. */
export interface ParentHead {
  readonly mark: HeadMark;
  readonly log: ForkLog;
}

/**
 * The head to `PUT` with `If-Match: parent.version`: the next version (§4 rollback) and the parent
 * appended to the fork log (§8.3), whatever the merge carried over.
 */
export const headForWrite = (head: StoreHead, parent: ParentHead): StoreHead => ({
  ...head,
  version: parent.mark.version + 1,
  log: extendForkLog(parent.log, parent.mark),
});
