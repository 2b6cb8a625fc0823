/**
 * How the rankers split their work so that one code path runs on one thread or on many.
 *
 * An algorithm is written as a *program*: a generator that yields `KernelTask`s and returns its result.
 * A task asks for one kernel (a pure function over typed arrays) to run on every block of nodes
 * `0..blocks-1`; blocks are independent, so any thread may take any block. Each block writes its own
 * slots of a `partials` array, and the program sums them **in block order**, so the result is
 * bit-for-bit the same whatever the number of threads or the order blocks ran in.
 *
 * `runProgram` below runs a program on the calling thread. `adapters/workers` runs the same program on
 * worker threads over `SharedArrayBuffer`s (the program must then allocate with `sharedAllocator`), looking
 * the kernel up by name in `kernels.ts`.
 */

export type TypedArray = Float64Array | Uint32Array | Uint8Array | Int32Array;

export type KernelArrays = Readonly<Record<string, TypedArray>>;

/** Processes one block; `params` carries the scalars of this step. */
export type Kernel<A extends KernelArrays = KernelArrays> = (
  arrays: A,
  params: readonly number[],
  block: number,
) => void;

export type KernelName = 'pagerank-pull' | 'hits-authority' | 'hits-hub' | 'hyperball-step' | 'harmonic-bfs';

export interface KernelTask<A extends KernelArrays = KernelArrays> {
  readonly kernel: KernelName;
  /** The kernel itself, for the in-thread runner; workers look it up by `kernel`. */
  readonly run: Kernel<A>;
  readonly arrays: A;
  readonly params: readonly number[];
  readonly blocks: number;
}

export type RankProgram<R> = Generator<KernelTask, R, void>;

/** Nodes per block for the edge-pulling kernels: small enough to balance threads, big enough to be cheap. */
export const DEFAULT_BLOCK_SIZE = 2048;

export function blockCount(nodeCount: number, blockSize: number): number {
  return Math.ceil(nodeCount / blockSize);
}

/** Creates a task (keeps the kernel's array type checked against its arrays). */
export function task<A extends KernelArrays>(
  kernel: KernelName,
  run: Kernel<A>,
  arrays: A,
  params: readonly number[],
  blocks: number,
): KernelTask {
  return { kernel, run: run as Kernel, arrays, params, blocks };
}

/** Runs a program on the calling thread. */
export function runProgram<R>(program: RankProgram<R>): R {
  let step = program.next();
  while (!step.done) {
    const { run, arrays, params, blocks } = step.value;
    for (let b = 0; b < blocks; b++) run(arrays, params, b);
    step = program.next();
  }
  return step.value;
}

/** Sums column `k` of a `blocks x width` partials array in block order (deterministic). */
export function sumPartials(partials: Float64Array, width: number, k: number): number {
  let sum = 0;
  for (let i = k; i < partials.length; i += width) sum += partials[i]!;
  return sum;
}
