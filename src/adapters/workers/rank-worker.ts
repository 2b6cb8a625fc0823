/**
 * The body of a rank worker thread: waits for kernel tasks, takes blocks from the shared counter until
 * none is left, and reports back. Arrays arrive as views on SharedArrayBuffers, so the worker reads and
 * writes the very memory the main thread sees.
 */
import { parentPort } from 'node:worker_threads';
import type { KernelArrays, KernelName } from '../../core/rank/kernel.ts';
import { KERNELS } from '../../core/rank/kernels.ts';

export interface WorkerTaskMessage {
  readonly kernel: KernelName;
  readonly arrays: KernelArrays;
  readonly params: readonly number[];
  readonly blocks: number;
  /** Int32Array(1) on a SharedArrayBuffer: the next block to take. */
  readonly cursor: Int32Array;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

const port = parentPort;
if (port === null) throw new Error('rank-worker.ts must run in a worker thread');

port.on('message', (message: WorkerTaskMessage) => {
  try {
    const kernel = KERNELS[message.kernel];
    const { arrays, params, blocks, cursor } = message;
    for (let block = Atomics.add(cursor, 0, 1); block < blocks; block = Atomics.add(cursor, 0, 1)) {
      kernel(arrays, params, block);
    }
    port.postMessage({ type: 'done' } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies WorkerReply);
  }
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
