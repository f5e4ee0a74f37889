import { InviteView } from '../../application/server/admin/list-invites';
import { MAX_INVITES_PER_CALL } from '../../application/server/create-invites';
import { withAdminServer } from './admin-server';
import { expectPositionals } from './cli-args';
import { UsageError } from './cli-io';
import { Command, configOf, JSON_FLAG, valueOf } from './command';
import { json, parseDuration, table, when } from './format';

const DEFAULT_EXPIRY = '7d';

const createInvites: Command = {
  path: ['admin', 'invites', 'create'],
  synopsis: '[--count N] [--expires 7d|12h|30m|2w|never] [--json]',
  summary: 'single-use registration codes for STARBASE_REGISTRATION=invite (shown once: only hashes are stored)',
  options: { flags: [JSON_FLAG], values: ['count', 'expires'] },
  run: async (args, context) => {
    expectPositionals(args, []);
    const countText = args.values.get('count') ?? '1';
    const count = /^[0-9]{1,4}$/.test(countText) ? Number(countText) : NaN;
    if (!(count >= 1 && count <= MAX_INVITES_PER_CALL)) throw new UsageError(`--count must be a whole number from 1 to ${MAX_INVITES_PER_CALL}`);
    const validForMs = parseDuration(args.values.get('expires') ?? DEFAULT_EXPIRY);
    if (validForMs === undefined) throw new UsageError('--expires takes a duration such as 30m, 12h, 7d, 2w, or never');
    const config = configOf(args, context);

    const created = await withAdminServer(config, async ({ admin }) => {
      const result = await admin.createInvites.execute({ count, validForMs });
      if (!result.ok) throw new UsageError('invalid --count or --expires');
      return result.value;
    });
    if (config.registration !== 'invite') {
      context.io.err(`note: STARBASE_REGISTRATION is ${config.registration}; these codes count only once it is set to invite`);
    }
    if (args.flags.has(JSON_FLAG)) return context.io.out(json(created));
    context.io.out(
      table(created, [
        { header: 'CODE', value: (invite) => invite.code },
        { header: 'EXPIRES', value: (invite) => when(invite.expiresAt) },
      ]),
    );
  },
};

const listInvites: Command = {
  path: ['admin', 'invites', 'list'],
  synopsis: '[--json]',
  summary: 'every invite and whether it is unused, redeemed or expired (codes are not stored)',
  options: { flags: [JSON_FLAG] },
  run: async (args, context) => {
    expectPositionals(args, []);
    const invites = await withAdminServer(configOf(args, context), async ({ admin }) => valueOf(await admin.listInvites.execute()));
    if (args.flags.has(JSON_FLAG)) return context.io.out(json(invites));
    if (invites.length === 0) return context.io.out('no invites');
    context.io.out(
      table<InviteView>(invites, [
        { header: 'ID', value: (invite) => invite.id },
        { header: 'STATUS', value: (invite) => invite.status },
        { header: 'CREATED', value: (invite) => when(invite.createdAt) },
        { header: 'EXPIRES', value: (invite) => when(invite.expiresAt) },
        { header: 'REDEEMED', value: (invite) => when(invite.redeemedAt, '-') },
      ]),
    );
  },
};

export const INVITES_COMMANDS: readonly Command[] = [createInvites, listInvites];
