import { keyOfMessage, MessageRecord } from '../../../../../src/domain/messaging/message';
import { unresolvedTargets } from '../../../../../src/domain/messaging/store/paged-targets';
import { ALICE, BOB } from '../builders';
import { message } from './store-builders';

const edit = message({ id: 'e1', seq: 5, body: 'new text', kind: { type: 'edit', target: 'm1' } });
const deletion = message({ id: 'd1', seq: 6, body: '', kind: { type: 'delete', target: 'm2' } });
const tailOf = (...records: ReturnType<typeof message>[]) => Object.fromEntries(records.map((record) => [keyOfMessage(record), record] as const));
const nothingOpen = (): MessageRecord[] => [];

describe('unresolvedTargets', () => {
  it('names, by friend, the targets of tail edits and deletes that are neither in the tail nor in an open page', () => {
    expect(unresolvedTargets(tailOf(edit, deletion), nothingOpen)).toEqual(new Map([[BOB, [keyOfMessage(message({ id: 'm1' })), keyOfMessage(message({ id: 'm2' }))]]]));
  });

  it('waits for nothing a page this device has open holds, nor for a target in the tail', () => {
    const inPage = [message({ id: 'm1', seq: 1 })];
    expect(unresolvedTargets(tailOf(edit, deletion, message({ id: 'm2' })), () => inPage)).toEqual(new Map());
  });

  it('takes only a copy under the target’s key: the same id from another friend or our own direction is another message', () => {
    const elsewhere = [message({ id: 'm1', friend: ALICE }), message({ id: 'm2', direction: 'out' })];
    expect(unresolvedTargets(tailOf(edit, deletion), () => elsewhere)).toEqual(new Map([[BOB, [keyOfMessage(message({ id: 'm1' })), keyOfMessage(message({ id: 'm2' }))]]]));
  });

  it('finds a target whose id has colons in it', () => {
    const colons = message({ id: 'e2', seq: 7, kind: { type: 'edit', target: 'a:b:c' } });
    expect(unresolvedTargets(tailOf(colons), () => [message({ id: 'a:b:c' })])).toEqual(new Map());
  });

  it('takes a record that knows its target’s time as settled: the delete had its target in hand, the edit’s text reached it', () => {
    expect(unresolvedTargets(tailOf({ ...deletion, targetSentAt: 1 }, { ...edit, targetSentAt: 1 }), nothingOpen)).toEqual(new Map());
  });

  it('waits for nothing for a delete naming its target’s seq: our own, recorded with its target’s tombstone, or the friend’s, kept so only when its target never arrived', () => {
    const withdrawal = { ...deletion, direction: 'out' as const, kind: { type: 'delete' as const, target: 'm2', targetSeq: 3 } };
    expect(unresolvedTargets(tailOf(withdrawal), nothingOpen)).toEqual(new Map());
    const theirs = { ...withdrawal, direction: 'in' as const };
    expect(unresolvedTargets(tailOf(theirs), nothingOpen)).toEqual(new Map());
    // The friend's whose target arrived is stored without the seq, and looks for it.
    expect(unresolvedTargets(tailOf({ ...theirs, kind: { type: 'delete', target: 'm2' } }), nothingOpen)).toEqual(new Map([[BOB, [keyOfMessage(message({ id: 'm2' }))]]]));
  });

  it('looks at no page when nothing in the tail waits', () => {
    const sealed = jest.fn(nothingOpen);
    expect(unresolvedTargets(tailOf(message({ id: 'm3' })), sealed)).toEqual(new Map());
    expect(sealed).not.toHaveBeenCalled();
  });
});
