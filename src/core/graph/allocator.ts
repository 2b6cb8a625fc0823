/**
 * Where the big typed arrays of a graph computation live.
 *
 * The algorithms never call `new Float64Array(n)` for their graph-sized arrays: they ask an allocator. The
 * heap allocator gives ordinary arrays (one thread); the shared allocator backs them with a
 * `SharedArrayBuffer`, so that worker threads can read and write the same memory without copying (see
 * `adapters/workers`). Both are plain JavaScript: no I/O.
 */

export interface Allocator {
  /** True when the arrays live in shared memory that worker threads can see. */
  readonly shared: boolean;
  float64(length: number): Float64Array;
  uint32(length: number): Uint32Array;
  uint8(length: number): Uint8Array;
}

export const heapAllocator: Allocator = {
  shared: false,
  float64: (length) => new Float64Array(length),
  uint32: (length) => new Uint32Array(length),
  uint8: (length) => new Uint8Array(length),
};

export const sharedAllocator: Allocator = {
  shared: true,
  float64: (length) => new Float64Array(new SharedArrayBuffer(length * 8)),
  uint32: (length) => new Uint32Array(new SharedArrayBuffer(length * 4)),
  uint8: (length) => new Uint8Array(new SharedArrayBuffer(length)),
};

/**
 * An allocator that first hands out the memory of arrays the caller no longer needs (the parsed edge list,
 * once the CSR is built), and only then asks `fallback`. Fresh memory is expensive where page faults
 * are (~3 ms per MiB on the dev VM: the PageRank arrays of cnr-2000 cost ~45 ms to fault in); memory
 * already written once costs nothing. Every array handed out is zeroed, like a new one.
 *
 * Spares whose memory is not of the fallback's kind (shared or not) are ignored, so worker threads never
 * get a view of memory they cannot see. Nothing else may use the spares afterwards.
 */
export function recyclingAllocator(fallback: Allocator, spares: readonly ArrayBufferView[]): Allocator {
  const regions = spares
    .filter((view) => view.buffer instanceof SharedArrayBuffer === fallback.shared)
    .map((view) => ({
      buffer: view.buffer,
      next: alignUp(view.byteOffset),
      end: view.byteOffset + view.byteLength,
    }));
  const carve = (bytes: number): { buffer: ArrayBufferLike; offset: number } | null => {
    for (const region of regions) {
      if (region.end - region.next >= bytes) {
        const offset = region.next;
        region.next = alignUp(offset + bytes);
        return { buffer: region.buffer, offset };
      }
    }
    return null;
  };
  return {
    shared: fallback.shared,
    float64: (length) => {
      const place = carve(length * 8);
      if (place === null) return fallback.float64(length);
      return new Float64Array(place.buffer, place.offset, length).fill(0);
    },
    uint32: (length) => {
      const place = carve(length * 4);
      if (place === null) return fallback.uint32(length);
      return new Uint32Array(place.buffer, place.offset, length).fill(0);
    },
    uint8: (length) => {
      const place = carve(length);
      if (place === null) return fallback.uint8(length);
      return new Uint8Array(place.buffer, place.offset, length).fill(0);
    },
  };
}

/** Views of any element type may start at a multiple of 8 bytes. */
function alignUp(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
