import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freshDataDir, removeDir, useCli } from './cli-harness';

const REPO = resolve(__dirname, '..', '..');

describe('starbase usage', () => {
  let dataDir: string;
  const cli = useCli(() => dataDir);

  beforeAll(() => {
    dataDir = freshDataDir();
  });
  afterAll(() => removeDir(dataDir));

  it('prints every command with exit 0 for help', async () => {
    for (const args of [[], ['help'], ['--help']]) {
      const run = await cli.run(args);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      for (const command of [
        'serve',
        'admin accounts list',
        'admin accounts show <name>',
        'admin accounts disable <name>',
        'admin accounts enable <name>',
        'admin accounts delete <name>',
        'admin invites create',
        'admin invites list',
        'admin purge',
        'admin stats',
        'admin backup <file>',
        'admin restore <file>',
        'admin migrate --from',
      ]) {
        expect(run.stdout).toContain(`starbase ${command}`);
      }
    }
  });

  it('prints the help of one command with exit 0', async () => {
    const run = await cli.run(['admin', 'backup', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('starbase admin backup <file> [--force] [--json]');
    expect(run.stdout).not.toContain('admin restore');
  });

  it('prints the commands of a group with exit 0, as people type it: bare, with --help, -h or help', async () => {
    for (const args of [['admin'], ['admin', '--help'], ['admin', '-h'], ['admin', 'help'], ['help', 'admin']]) {
      const run = await cli.run(args);
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(run.stdout).toContain('starbase admin accounts list');
      expect(run.stdout).toContain('starbase admin backup <file>');
      expect(run.stdout).not.toContain('starbase serve');
    }
    const group = await cli.run(['admin', 'invites', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('starbase admin invites create');
    expect(group.stdout).not.toContain('admin accounts');
  });

  it('answers an unknown command with its neighbours on stderr and exit 2', async () => {
    const unknown = await cli.run(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown command: starbase frobnicate');
    const misspelt = await cli.run(['admin', 'invites', 'craete']);
    expect(misspelt).toMatchObject({ code: 2, stdout: '' });
    expect(misspelt.stderr).toContain('unknown command: starbase admin invites craete');
    expect(misspelt.stderr).toContain('starbase admin invites create');
    expect(misspelt.stderr).not.toContain('admin accounts');
  });

  it('refuses to serve with a bad configuration, naming the variable (exit 2)', async () => {
    const run = await cli.run(['serve', '--metrics=maybe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('STARBASE_METRICS="maybe" is not valid: expected allowed values: on, off');
  });

  it('is the package bin, a shim over the compiled entry point that `npm start` runs', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin).toEqual({ starbase: 'bin/starbase.js' });
    const shim = readFileSync(join(REPO, pkg.bin.starbase ?? ''), 'utf8');
    expect(shim.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(shim).toContain("join(__dirname, '..', 'dist', 'src', 'infrastructure', 'main.js')");
    expect(pkg.scripts.start).toContain('node dist/src/infrastructure/main.js serve');
  });
});
