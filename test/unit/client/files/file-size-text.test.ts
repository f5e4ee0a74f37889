import { fileSizeText, percentText } from '../../../../src/application/client/files/file-size-text';

describe('file sizes and transfer percentages in words', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [14_540, '14 KB'],
    [3 * 1024 * 1024 + 100 * 1024, '3.1 MB'],
    [100 * 1024 * 1024, '100 MB'],
    [5 * 1024 ** 3, '5 GB'],
  ])('%i bytes are %s', (bytes, text) => {
    expect(fileSizeText(bytes)).toBe(text);
  });

  it('says 100% only once every byte is through, and 0% of nothing before it starts', () => {
    expect(percentText(999, 1000)).toBe('99%');
    expect(percentText(1000, 1000)).toBe('100%');
    expect(percentText(0, 0)).toBe('0%');
    expect(percentText(400, 1000)).toBe('40%');
  });
});
