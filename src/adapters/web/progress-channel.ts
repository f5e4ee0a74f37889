import type { ProgressListener, Unsubscribe } from '../../application/client/messenger';

/**
 * The client reports progress through the one listener given at log-in; screens that show it
 * (add friend solving a proof of work, a sync) subscribe here while they are visible.
 */
export class ProgressChannel {
  private readonly listeners = new Set<ProgressListener>();

  readonly report: ProgressListener = (stage, fraction) => {
    for (const listener of this.listeners) listener(stage, fraction);
  };

  subscribe(listener: ProgressListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
