/**
 * Runs rank programs (core/rank/kernel.ts) on several threads: the calling thread plus `threads - 1`
 * worker threads, all working on the same `SharedArrayBuffer`s.
 *
 * For each task the pool resets a shared block cursor, posts the task to every worker, and then takes
 * blocks itself; each thread takes the next block with `Atomics.add` until none is left (dynamic
 * scheduling, so a block with a huge in-degree node does not hold the others up). Because every block
 * writes only its own nodes and its own partial sums, and the program sums partials in block order, the
 * result is the same bits as `runProgram` on one thread.
 *
 * The program must allocate its arrays with `sharedAllocator`; the pool refuses tasks whose arrays are not
 * shared (a worker would silently write into a copy).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LinkledgerError } from '../../core/errors.ts';
import type { KernelTask, RankProgram } from '../../core/rank/kernel.ts';
import type { WorkerReply, WorkerTaskMessage } from './rank-worker.ts';

// Run from TypeScript sources, a worker must register tsx first (rank-worker.mjs); run from the compiled
// build (dist/), it loads the compiled worker directly.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./rank-worker.mjs', import.meta.url)
  : new URL('./rank-worker.js', import.meta.url);

export function defaultThreadCount(): number {
  return availableParallelism();
}

export class WorkerPool {
  private readonly cursor = new Int32Array(new SharedArrayBuffer(4));
  private pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private failure: Error | null = null;

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => this.onReply(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`rank worker exited with code ${code}`));
      });
    }
  }

  /** Starts `threads - 1` workers (none for one thread) and waits until they are ready. */
  static async start(threads: number): Promise<WorkerPool> {
    const count = Math.max(0, Math.floor(threads) - 1);
    const workers = Array.from({ length: count }, () => new Worker(WORKER_URL));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (reply: WorkerReply) => {
              if (reply.type !== 'ready') return;
              worker.off('message', onMessage);
              worker.off('error', reject);
              resolve();
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
          }),
      ),
    );
    return new WorkerPool(workers);
  }

  /** Threads working on each task, the caller's included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Runs a program to its end and returns its result. */
  async run<R>(program: RankProgram<R>): Promise<R> {
    let step = program.next();
    while (!step.done) {
      await this.runTask(step.value);
      step = program.next();
    }
    return step.value;
  }

  async runTask(task: KernelTask): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const { run, arrays, params, blocks } = task;
    if (this.workers.length === 0) {
      for (let block = 0; block < blocks; block++) run(arrays, params, block);
      return;
    }
    for (const [name, array] of Object.entries(arrays)) {
      if (array.length > 0 && !(array.buffer instanceof SharedArrayBuffer)) {
        throw new LinkledgerError('INTERNAL', `task ${task.kernel}: array "${name}" is not in shared memory`);
      }
    }
    Atomics.store(this.cursor, 0, 0);
    const done = this.workers.map(
      () => new Promise<void>((resolve, reject) => this.pending.push({ resolve, reject })),
    );
    const message: WorkerTaskMessage = { kernel: task.kernel, arrays, params, blocks, cursor: this.cursor };
    for (const worker of this.workers) worker.postMessage(message);
    for (let block = Atomics.add(this.cursor, 0, 1); block < blocks; block = Atomics.add(this.cursor, 0, 1)) {
      run(arrays, params, block);
    }
    await Promise.all(done);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'ready') return;
    const waiter = this.pending.shift();
    if (waiter === undefined) return;
    if (reply.type === 'done') waiter.resolve();
    else waiter.reject(new LinkledgerError('INTERNAL', `rank worker failed: ${reply.message}`));
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }
}
