import { checkHeadHistory, FORK_LOG_LENGTH } from '../../../../../src/domain/messaging/fork-log';
import { headForWrite } from '../../../../../src/domain/messaging/store/head-write';
import { headOf } from './store-builders';

const hash = (n: number) => String.fromCharCode(65 + (n % 26)).repeat(42) + 'A';

describe('headForWrite', () => {
  it('writes the next version and logs the parent, so a device that remembers the parent accepts the new head', () => {
    const upgraded = headForWrite(headOf(), { mark: { version: 13, hash: hash(0) }, log: [] });
    expect(upgraded.version).toBe(14);
    expect(upgraded.log).toEqual([[13, hash(0)]]);
    expect(checkHeadHistory({ version: 13, hash: hash(0) }, { version: 14, hash: hash(1) }, upgraded.log).ok).toBe(true);
    expect(checkHeadHistory({ version: 13, hash: hash(2) }, { version: 14, hash: hash(1) }, upgraded.log).ok).toBe(false);
  });

  it('keeps the last 64 parents, whatever log the merged head carried', () => {
    let parent = { mark: { version: 1, hash: hash(1) }, log: headOf().log };
    for (let version = 1; version <= 100; version++) {
      const written = headForWrite({ ...headOf(), log: [[1, hash(9)]] }, parent);
      parent = { mark: { version: written.version, hash: hash(written.version) }, log: written.log };
    }
    expect(parent.log).toHaveLength(FORK_LOG_LENGTH);
    expect(parent.log[FORK_LOG_LENGTH - 1]).toEqual([100, hash(100)]);
  });
});
