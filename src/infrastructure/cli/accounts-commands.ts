import { AccountSummary } from '../../application/server/admin/account-summary';
import { withAdminServer } from './admin-server';
import { expectPositionals } from './cli-args';
import { CommandFailed, UsageError } from './cli-io';
import { Command, configOf, JSON_FLAG, valueOf } from './command';
import { bytes, fields, json, table, when } from './format';

const status = (account: { disabled: boolean }): string => (account.disabled ? 'disabled' : 'active');

const notFound = (name: string): CommandFailed => new CommandFailed(`no account named ${JSON.stringify(name)}`);

const listAccounts: Command = {
  path: ['admin', 'accounts', 'list'],
  synopsis: '[--json]',
  summary: 'every account: created, last seen, status, blob size, inbox items and bytes, drop tokens',
  options: { flags: [JSON_FLAG] },
  run: async (args, context) => {
    const { io } = context;
    expectPositionals(args, []);
    const accounts = await withAdminServer(configOf(args, context), async ({ admin }) => valueOf(await admin.listAccountSummaries.execute()));
    if (args.flags.has(JSON_FLAG)) return io.out(json(accounts));
    if (accounts.length === 0) return io.out('no accounts');
    io.out(
      table<AccountSummary>(accounts, [
        { header: 'NAME', value: (a) => a.name },
        { header: 'CREATED', value: (a) => when(a.createdAt) },
        { header: 'LAST SEEN', value: (a) => when(a.lastSeenAt) },
        { header: 'STATUS', value: status },
        { header: 'BLOB', value: (a) => bytes(a.blobBytes), align: 'right' },
        { header: 'INBOX', value: (a) => a.inboxItems, align: 'right' },
        { header: 'INBOX SIZE', value: (a) => bytes(a.inboxBytes), align: 'right' },
        { header: 'TOKENS', value: (a) => a.dropTokens, align: 'right' },
      ]),
    );
  },
};

const showAccount: Command = {
  path: ['admin', 'accounts', 'show'],
  synopsis: '<name> [--json]',
  summary: 'one account in detail (no secrets: no auth hash, salt or token hashes)',
  options: { flags: [JSON_FLAG] },
  run: async (args, context) => {
    const [name = ''] = expectPositionals(args, ['name']);
    const result = await withAdminServer(configOf(args, context), ({ admin }) => admin.showAccount.execute({ name }));
    if (!result.ok) throw notFound(name);
    const a = result.value;
    if (args.flags.has(JSON_FLAG)) return context.io.out(json(a));
    context.io.out(
      fields([
        ['name', a.name],
        ['status', status(a)],
        ['created', when(a.createdAt)],
        ['last seen', when(a.lastSeenAt)],
        ['open inbox', a.openInbox ? 'yes' : 'no'],
        ['identity key', a.identityKey],
        ['kdf', `argon2id m=${a.kdf.memoryKiB} KiB t=${a.kdf.iterations} p=${a.kdf.parallelism}`],
        ['blob', `${bytes(a.blobBytes)} (version ${a.blobVersion})`],
        ['inbox', `${a.inboxItems} items, ${bytes(a.inboxBytes)}`],
        ['store', `${a.storeObjects} objects, ${bytes(a.storeObjectBytes)}`],
        ['dropped objects', `${a.droppedObjects} waiting to be claimed, ${bytes(a.droppedObjectBytes)}`],
        ['drop tokens', a.dropTokens],
      ]),
    );
    if (a.dropTokenList.length > 0) {
      context.io.out(
        `\n${table(a.dropTokenList, [
          { header: 'TOKEN ID', value: (t) => t.id },
          { header: 'CREATED', value: (t) => when(t.createdAt) },
          { header: 'LAST USED', value: (t) => when(t.lastUsedAt) },
          { header: 'USES', value: (t) => t.uses, align: 'right' },
        ])}`,
      );
    }
  },
};

const setDisabled = (disabled: boolean): Command => ({
  path: ['admin', 'accounts', disabled ? 'disable' : 'enable'],
  synopsis: '<name> [--json]',
  summary: disabled
    ? 'stop an account from logging in and receiving anything (ends its sessions; keeps its data)'
    : 'let a disabled account log in and receive again',
  options: { flags: [JSON_FLAG] },
  run: async (args, context) => {
    const [name = ''] = expectPositionals(args, ['name']);
    const result = await withAdminServer(configOf(args, context), ({ admin }) => admin.setAccountDisabled.execute({ name, disabled }));
    if (!result.ok) throw notFound(name);
    if (args.flags.has(JSON_FLAG)) return context.io.out(json(result.value));
    const ended = result.value.sessionsRevoked;
    context.io.out(`${name}: ${disabled ? 'disabled' : 'enabled'}${disabled ? ` (${ended} session${ended === 1 ? '' : 's'} ended)` : ''}`);
  },
});

const deleteAccount: Command = {
  path: ['admin', 'accounts', 'delete'],
  synopsis: '<name> [--yes] [--json]',
  summary: 'delete an account with its blob, inbox, drop tokens and sessions (asks first unless --yes)',
  options: { flags: [JSON_FLAG, 'yes'] },
  run: async (args, context) => {
    const [name = ''] = expectPositionals(args, ['name']);
    const config = configOf(args, context);
    if (!args.flags.has('yes')) {
      if (!context.io.interactive) throw new UsageError(`deleting ${name} cannot be undone: add --yes to confirm`);
      const answer = await context.io.ask(`Delete account ${name} and all its data? This cannot be undone. Type its name to confirm: `);
      if (answer.trim() !== name) throw new CommandFailed('not confirmed: nothing deleted');
    }
    const result = await withAdminServer(config, ({ admin }) => admin.removeAccount.execute({ name }));
    if (!result.ok) throw notFound(name);
    context.io.out(args.flags.has(JSON_FLAG) ? json({ name, deleted: true }) : `${name}: deleted`);
  },
};

export const ACCOUNTS_COMMANDS: readonly Command[] = [listAccounts, showAccount, setDisabled(true), setDisabled(false), deleteAccount];
