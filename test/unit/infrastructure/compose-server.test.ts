import { Container } from 'inversify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SCRYPT_COST } from '../../../src/adapters/security/scrypt-auth-key-hasher';
import { open as openMemoryStorage } from '../../../src/adapters/storage/memory/open-memory-storage';
import { open as openSqliteStorage } from '../../../src/adapters/storage/sqlite/open-sqlite-storage';
import { Clock } from '../../../src/application/ports/clock';
import { composeServer } from '../../../src/infrastructure/compose-server';
import { loadConfig, StarbaseConfig } from '../../../src/infrastructure/config';
import { buildContainer } from '../../../src/infrastructure/container';
import { TOKENS } from '../../../src/infrastructure/tokens';
import { aRegistration } from '../../support/builders';

const configWith = (settings: Partial<StarbaseConfig>): StarbaseConfig => ({
  ...loadConfig({}, []),
  storage: 'memory',
  logLevel: 'silent',
  webRoot: null,
  ...settings,
});

describe('the composition root', () => {
  it('wires the invite verifier over the stored invites: a code the operator creates registers one account', async () => {
    const server = await composeServer(configWith({ registration: 'invite' }), { scryptCost: TEST_SCRYPT_COST });
    try {
      const created = await server.admin.createInvites.execute({ count: 1, validForMs: 60_000 });
      if (!created.ok) throw new Error(created.error);
      const inviteCode = created.value[0]?.code;

      expect((await server.useCases.registerAccount.execute(aRegistration({ name: 'alice', inviteCode }))).ok).toBe(true);
      expect(await server.useCases.registerAccount.execute(aRegistration({ name: 'bob', inviteCode }))).toEqual({
        ok: false,
        error: 'registration/invite-invalid',
      });
    } finally {
      await server.close();
    }
  });

  it('opens the module STARBASE_STORAGE names and closes it with the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'starbase-compose-'));
    try {
      const first = await composeServer(configWith({ storage: 'sqlite', dataDir }));
      await first.admin.createInvites.execute({ count: 2, validForMs: null });
      await first.close();

      const second = await composeServer(configWith({ storage: 'sqlite', dataDir }));
      const totals = await second.admin.storageTotals.execute();
      await second.close();
      expect(totals.ok && totals.value.unusedInvites).toBe(2);
      expect(await second.storage.ping()).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('leaves a storage it was handed open, for whoever opened it to close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'starbase-compose-'));
    const opened = await openSqliteStorage({ dataDir });
    try {
      const server = await composeServer(configWith({ storage: 'sqlite', dataDir }), { storage: opened });
      await server.httpApp();
      await server.close();
      expect(await opened.storage.ping()).toBe(true);
    } finally {
      await opened.storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('resolves each token as the type it names, and refuses a binding of another type at compile time', async () => {
    const container = buildContainer(configWith({}), await openMemoryStorage(), { clock: { now: () => 42 } });
    const clock: Clock = container.get(TOKENS.Clock);
    expect(clock.now()).toBe(42);
    // @ts-expect-error a Clock token takes only a Clock
    new Container().bind(TOKENS.Clock).toConstantValue('noon');
  });
});
