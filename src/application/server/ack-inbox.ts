import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export const ACK_MAX_IDS = 1000;

export interface AckInboxInput {
  readonly name: string;
  readonly ids: readonly string[];
}

export interface AckInboxOutput {
  readonly deleted: number;
}

export type AckInboxDeps = Pick<ServerDependencies, 'inbox'>;

/** Idempotent: ids already gone (or never this owner's) are ignored. */
export class AckInbox {
  constructor(private readonly deps: AckInboxDeps) {}

  async execute(input: AckInboxInput): Promise<Result<AckInboxOutput, 'input/invalid'>> {
    if (input.ids.length > ACK_MAX_IDS) return err('input/invalid');
    return ok({ deleted: await this.deps.inbox.ack(input.name, input.ids) });
  }
}
