import { displayFileName, MAX_THUMBNAIL_LENGTH, parseFileDescriptions } from '../../../../src/domain/messaging/file-description';
import { wireFieldsOf } from '../../../../src/domain/messaging/record-kind';

const MiB = 1_048_576;
/** Canonical b64u of 16 bytes: the last of 22 characters carries 4 unused bits, zero in 'A'. */
const chunkIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `${i}`.padEnd(22, 'A'));
const file = { name: 'report.pdf', type: 'application/pdf', size: 2 * MiB + 1, sha256: 'A'.repeat(43), key: `${'B'.repeat(42)}A`, chunkBytes: MiB, chunks: chunkIds(3) };

describe('file descriptions (PROTOCOL §9.1)', () => {
  it('reads well-formed descriptions, with and without a thumbnail', () => {
    const thumbnail = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
    expect(parseFileDescriptions([file, { ...file, thumbnail }], 100 * MiB)).toEqual([file, { ...file, thumbnail }]);
    expect(parseFileDescriptions([{ ...file, size: 0, chunks: chunkIds(1), type: '' }], 100 * MiB)).toHaveLength(1);
  });

  it.each([
    ['a size over the limit', { ...file, size: 101 * MiB, chunks: chunkIds(101) }],
    ['a negative size', { ...file, size: -1 }],
    ['chunks that do not match the size', { ...file, chunks: chunkIds(2) }],
    ['a repeated chunk', { ...file, chunks: [...chunkIds(2), chunkIds(1)[0]!] }],
    ['a chunk id of the wrong shape', { ...file, chunks: [...chunkIds(2), '../../etc/passwd'] }],
    ['another chunk size', { ...file, chunkBytes: 65536 }],
    ['a key of the wrong length', { ...file, key: 'B'.repeat(42) }],
    ['a key in a second spelling (non-zero unused bits)', { ...file, key: 'B'.repeat(43) }],
    ['a hash in a second spelling', { ...file, sha256: `${'A'.repeat(42)}B` }],
    ['a chunk id in a second spelling', { ...file, chunks: [...chunkIds(2), 'C'.repeat(22)] }],
    ['an empty name', { ...file, name: '' }],
    ['an over-long name', { ...file, name: 'x'.repeat(256) }],
    ['a type that is not a media type', { ...file, type: 'text/html; <script>' }],
    ['a thumbnail that is not a JPEG data URL', { ...file, thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' }],
    ['a thumbnail over 16 KiB', { ...file, thumbnail: `data:image/jpeg;base64,${'A'.repeat(MAX_THUMBNAIL_LENGTH)}` }],
    ['unknown members ignored but a non-object refused', 'report.pdf'],
  ])('refuses a message whose file has %s', (_, bad) => {
    expect(parseFileDescriptions([file, bad], 100 * MiB)).toBeNull();
  });

  it('refuses an empty list and more than 32 files', () => {
    expect(parseFileDescriptions([], 100 * MiB)).toBeNull();
    expect(parseFileDescriptions(Array.from({ length: 33 }, () => file), 100 * MiB)).toBeNull();
  });

  it.each([
    ['holiday.jpg', 'holiday.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\bob\\secret.docx', 'secret.docx'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['line\nbreak.txt', 'linebreak.txt'],
    ['.bashrc', 'bashrc'],
    ['dir/', 'file'],
    ['   ', 'file'],
    ['שלום.txt', 'שלום.txt'],
  ])('shows and saves %j as %j', (name, shown) => {
    expect(displayFileName(name)).toBe(shown);
  });

  it('sends the recipient\'s ids of a sent file (§9.2) and keeps the own ids out of the message', () => {
    const sentChunks = chunkIds(3).map((id) => `x${id.slice(1)}`);
    const record = { body: 'see attached', kind: { type: 'message' as const, files: [{ ...file, sentChunks }] } };
    expect(wireFieldsOf(record)).toEqual({ type: 'message', body: 'see attached', files: [{ ...file, chunks: sentChunks }] });
    expect(parseFileDescriptions([{ ...file, sentChunks }], 100 * MiB)).toEqual([file]);
  });
});
