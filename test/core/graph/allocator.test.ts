import { describe, expect, it } from 'vitest';
import { heapAllocator, recyclingAllocator, sharedAllocator } from '../../../src/core/graph/allocator.ts';

describe('recycling allocator', () => {
  it('hands out zeroed, non-overlapping arrays inside the spares, then falls back', () => {
    const spare = new Uint32Array(1000).fill(0xdeadbeef);
    const recycled = recyclingAllocator(heapAllocator, [spare.subarray(10, 1000)]);
    const a = recycled.float64(100); // 800 bytes
    const b = recycled.uint32(101); // 404 bytes
    const c = recycled.uint8(3);
    const d = recycled.float64(1000); // does not fit any more: fresh memory
    for (const array of [a, b, c]) expect(array.buffer).toBe(spare.buffer);
    expect(d.buffer).not.toBe(spare.buffer);
    for (const array of [a, b, c, d]) expect(array.every((x) => x === 0)).toBe(true);
    // Inside the spare view, aligned for doubles, one after the other.
    expect(a.byteOffset).toBe(40);
    expect(b.byteOffset).toBe(a.byteOffset + a.byteLength);
    expect(c.byteOffset).toBeGreaterThanOrEqual(b.byteOffset + b.byteLength);
    expect(c.byteOffset % 8).toBe(0);
    expect(c.byteOffset + c.byteLength).toBeLessThanOrEqual(spare.byteLength);
    a.fill(1);
    b.fill(2);
    c.fill(3);
    expect(spare[9]).toBe(0xdeadbeef); // before the spare view: untouched
    expect([...b].every((x) => x === 2)).toBe(true);
  });

  it('gives worker threads only shared memory: heap spares are ignored by a shared allocator', () => {
    const heapSpare = new Float64Array(100);
    const sharedSpare = new Float64Array(new SharedArrayBuffer(800));
    const recycled = recyclingAllocator(sharedAllocator, [heapSpare, sharedSpare]);
    expect(recycled.shared).toBe(true);
    const a = recycled.float64(100);
    expect(a.buffer).toBe(sharedSpare.buffer);
    const b = recycled.float64(1);
    expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.buffer).not.toBe(sharedSpare.buffer);
  });
});
