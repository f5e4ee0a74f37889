import { withAdminServer } from './admin-server';
import { expectPositionals } from './cli-args';
import { Command, configOf, JSON_FLAG, valueOf } from './command';
import { bytes, fields, json } from './format';

const purge: Command = {
  path: ['admin', 'purge'],
  synopsis: '[--json]',
  summary: 'delete expired captchas, sessions and staged objects, and inbox items and dropped objects past the retention, now (the server also does it every 10 minutes)',
  options: { flags: [JSON_FLAG] },
  run: async (args, context) => {
    expectPositionals(args, []);
    const purged = await withAdminServer(configOf(args, context), async ({ useCases }) => valueOf(await useCases.purgeExpired.execute()));
    context.io.out(
      args.flags.has(JSON_FLAG) ? json(purged) : `purged ${purged.captchas} expired captchas, ${purged.sessions} expired sessions, ${purged.stagedObjects} expired staged objects, ${purged.inboxItems} inbox items and ${purged.droppedObjects} dropped objects past the retention`,
    );
  },
};

const stats: Command = {
  path: ['admin', 'stats'],
  synopsis: '[--json]',
  summary: 'storage totals: accounts, blob bytes, inbox items and bytes, store objects and bytes, drop tokens, unused invites',
  options: { flags: [JSON_FLAG] },
  run: async (args, context) => {
    expectPositionals(args, []);
    const config = configOf(args, context);
    const totals = await withAdminServer(config, async ({ admin }) => valueOf(await admin.storageTotals.execute()));
    if (args.flags.has(JSON_FLAG)) return context.io.out(json({ storage: config.storage, ...totals }));
    context.io.out(
      fields([
        ['storage', config.storage === 'sqlite' ? `sqlite (${config.dataDir})` : config.storage],
        ['accounts', `${totals.accounts} (${totals.disabledAccounts} disabled)`],
        ['blobs', bytes(totals.blobBytes)],
        ['inbox items', totals.inboxItems],
        ['inbox bytes', bytes(totals.inboxBytes)],
        ['store objects', totals.storeObjects],
        ['store bytes', bytes(totals.storeObjectBytes)],
        ['dropped objects', totals.droppedObjects],
        ['dropped bytes', bytes(totals.droppedObjectBytes)],
        ['drop tokens', totals.dropTokens],
        ['unused invites', totals.unusedInvites],
      ]),
    );
  },
};

export const MAINTENANCE_COMMANDS: readonly Command[] = [purge, stats];
