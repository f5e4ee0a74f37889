import { BufferPool } from '../../../../src/adapters/system/buffer-pool';

const KiB = 1024;
const MiB = 1024 * KiB;

describe('BufferPool', () => {
  it('hands out a buffer of the power of two at or above the size asked, and the same one once given back', () => {
    const pool = new BufferPool({ buffers: 4, bytes: 16 * MiB });
    const buffer = pool.take(MiB + 1);
    expect(buffer.length).toBe(2 * MiB);
    pool.give(buffer);
    expect(pool.take(2 * MiB - 5)).toBe(buffer);
    expect(pool.take(2 * MiB)).not.toBe(buffer);
  });

  it('keeps no small buffers: they cost V8 little', () => {
    const pool = new BufferPool({ buffers: 4, bytes: 16 * MiB });
    const small = pool.take(10 * KiB);
    expect(small.length).toBe(10 * KiB);
    pool.give(small);
    expect(pool.take(10 * KiB)).not.toBe(small);
  });

  it('keeps at most its limits of idle buffers and bytes', () => {
    const byCount = new BufferPool({ buffers: 2, bytes: 16 * MiB });
    const three = [byCount.take(MiB), byCount.take(MiB), byCount.take(MiB)];
    for (const buffer of three) byCount.give(buffer);
    expect([byCount.take(MiB), byCount.take(MiB), byCount.take(MiB)].filter((buffer) => three.includes(buffer))).toHaveLength(2);

    const byBytes = new BufferPool({ buffers: 10, bytes: 5 * MiB });
    const large = byBytes.take(4 * MiB);
    const small = byBytes.take(MiB);
    const other = byBytes.take(MiB);
    for (const buffer of [large, small, other]) byBytes.give(buffer);
    expect(byBytes.take(4 * MiB)).toBe(large);
    expect([byBytes.take(MiB), byBytes.take(MiB)].filter((buffer) => buffer === small || buffer === other)).toHaveLength(1);
  });
});
