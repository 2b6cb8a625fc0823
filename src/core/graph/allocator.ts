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
