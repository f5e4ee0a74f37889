import fc from 'fast-check';
import { checkHeadHistory, extendForkLog, FORK_LOG_LENGTH, ForkLog, HeadMark, parseForkLog } from '../../../../src/domain/messaging/fork-log';

const hashOf = (label: string): string => label.padEnd(43, 'A').slice(0, 43);
const mark = (version: number, label = `h${version}`): HeadMark => ({ version, hash: hashOf(label) });

/** A server's honest history: head v+1 is written on top of head v. */
const history = (length: number, label = 'h'): { marks: HeadMark[]; logs: ForkLog[] } => {
  const marks: HeadMark[] = [mark(1, `${label}1`)];
  const logs: ForkLog[] = [[]];
  for (let version = 2; version <= length; version++) {
    logs.push(extendForkLog(logs[logs.length - 1]!, marks[marks.length - 1]!));
    marks.push(mark(version, `${label}${version}`));
  }
  return { marks, logs };
};

describe('the fork log (PROTOCOL §8.3)', () => {
  it('accepts every later head of one honest history from any remembered head within reach', () => {
    const { marks, logs } = history(150);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 149 }), fc.integer({ min: 0, max: FORK_LOG_LENGTH }), (from, ahead) => {
        const to = Math.min(149, from + ahead);
        expect(checkHeadHistory(marks[from]!, marks[to]!, logs[to]!)).toEqual({ ok: true, value: undefined });
      }),
    );
  });

  it('keeps the newest 64 ancestors, newest last', () => {
    const { logs } = history(100);
    const log = logs[99]!;
    expect(log).toHaveLength(FORK_LOG_LENGTH);
    expect(log[0]![0]).toBe(100 - FORK_LOG_LENGTH);
    expect(log[log.length - 1]![0]).toBe(99);
  });

  it('stops at a fork: two devices shown two histories after a common head', () => {
    const common = history(10, 'c');
    // The server lets device A write head 11 on top of 10, and shows device B another head 11 on top of 10.
    const a11 = mark(11, 'a11');
    const b11 = mark(11, 'b11');
    const b12Log = extendForkLog(extendForkLog(common.logs[9]!, common.marks[9]!), b11);
    // Device A, remembering a11, is later shown B's head 12.
    expect(checkHeadHistory(a11, mark(12, 'b12'), b12Log)).toEqual({ ok: false, error: 'store/fork' });
    // Or B's head 11 itself.
    expect(checkHeadHistory(a11, b11, [])).toEqual({ ok: false, error: 'store/fork' });
    // Device B sees its own branch continue.
    expect(checkHeadHistory(b11, mark(12, 'b12'), b12Log)).toEqual({ ok: true, value: undefined });
  });

  it('calls an older head a rollback', () => {
    expect(checkHeadHistory(mark(20), mark(19), [])).toEqual({ ok: false, error: 'store/rollback' });
  });

  it('cannot check a head more than 64 versions ahead, and lets it pass (the rollback rule still holds)', () => {
    expect(checkHeadHistory(mark(1), mark(2 + FORK_LOG_LENGTH), [])).toEqual({ ok: true, value: undefined });
    expect(checkHeadHistory(mark(1), mark(1 + FORK_LOG_LENGTH), [])).toEqual({ ok: false, error: 'store/fork' });
  });

  it('accepts anything on a device that remembers no head yet', () => {
    expect(checkHeadHistory(null, mark(7), [])).toEqual({ ok: true, value: undefined });
  });

  it('parses only bounded, well-formed, increasing logs', () => {
    const good = history(70).logs[69]!;
    expect(parseForkLog(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseForkLog([])).toEqual([]);
    for (const bad of [
      null,
      {},
      [[1]],
      [[0, hashOf('x')]],
      [[1.5, hashOf('x')]],
      [[1, 'short']],
      [[1, `${'A'.repeat(42)}B`]],
      [[2, hashOf('x')], [2, hashOf('y')]],
      [[3, hashOf('x')], [2, hashOf('y')]],
      Array.from({ length: FORK_LOG_LENGTH + 1 }, (_, i) => [i + 1, hashOf('x')]),
    ]) {
      expect(parseForkLog(bad)).toBeNull();
    }
  });
});
