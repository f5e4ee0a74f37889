import { getOwn, hasOwn, mergeRecords, setOwn, withoutOwn } from '../../../../src/domain/messaging/own-record';

describe('records keyed by untrusted strings', () => {
  it('store "__proto__" as data, never as the prototype', () => {
    const record = setOwn<number>({}, '__proto__', 1);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(getOwn(record, '__proto__')).toBe(1);
    expect(Object.keys(mergeRecords(record, { a: 2 }, Math.max))).toEqual(['__proto__', 'a']);
    expect(hasOwn(withoutOwn(record, '__proto__'), '__proto__')).toBe(false);
  });

  it('do not see inherited properties', () => {
    expect(getOwn<number>({}, 'toString')).toBeUndefined();
    expect(hasOwn({}, 'constructor')).toBe(false);
  });
});
