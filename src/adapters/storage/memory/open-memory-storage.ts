import { InProcessInboxNotifier } from '../../system/in-process-inbox-notifier';
import { createMemoryStorage } from './memory-storage';

/** The `memory` storage module: state and inbox events both live and die with this one process. */
export const open = async () => ({ storage: createMemoryStorage(), notifier: new InProcessInboxNotifier() });
