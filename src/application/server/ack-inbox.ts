import { err, ok, Result } from '../../domain/protocol/result';
import { MAX_OBJECT_CHANGES } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export const ACK_MAX_IDS = 1000;

export interface AckInboxInput {
  readonly name: string;
  readonly ids: readonly string[];
  /** Dropped objects the client will not claim (PROTOCOL §9.2): deleted with the items. */
  readonly objects?: readonly string[];
}

export interface AckInboxOutput {
  readonly deleted: number;
}

export type AckInboxDeps = Pick<ServerDependencies, 'inbox'>;

/** Idempotent: ids already gone (or never this owner's) are ignored. `deleted` counts inbox items only. */
export class AckInbox {
  constructor(private readonly deps: AckInboxDeps) {}

  async execute(input: AckInboxInput): Promise<Result<AckInboxOutput, 'input/invalid'>> {
    const objects = input.objects ?? [];
    if (input.ids.length > ACK_MAX_IDS || objects.length > MAX_OBJECT_CHANGES) return err('input/invalid');
    return ok({ deleted: await this.deps.inbox.ack(input.name, input.ids, objects) });
  }
}
