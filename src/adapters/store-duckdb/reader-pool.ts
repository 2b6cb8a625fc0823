/**
 * Extra DuckDB connections for reads, so report queries run side by side (each on a libuv thread) instead
 * of queueing behind one connection. DuckDB's MVCC gives every read a consistent snapshot of what was
 * committed when it began; writes stay on the store's own connections (connection-turns.ts), one
 * transaction at a time.
 *
 * `closeAll()` waits until every pooled reader is back (reads in flight finish), then closes them: the
 * store calls it before it replaces its database file (optimize; reads and streams asked for meanwhile
 * wait for `open()`) and when it closes for good (`final`: what still waits is refused). Long streams on
 * connections of their own (`useOwn`) are counted from the moment they are asked for (`streaming`): the
 * store does not swap its file under one, and never waits for one while holding its writer's turn (the
 * stream may need that turn, or its client may have stopped reading).
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

interface Waiter {
  resolve: (conn: DuckDBConnection) => void;
  reject: (error: Error) => void;
}

export class ReaderPool {
  private count = 0;
  private idle: DuckDBConnection[] = [];
  private waiting: Waiter[] = [];
  /** Connections of their own (long streams), from the moment they are asked for until they end. */
  private readonly own = new Set<Promise<unknown>>();
  private instance: DuckDBInstance | null = null;
  /** While the file is being swapped: streams asked for wait for the next `open()`. */
  private reopened: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | null =
    null;
  /** Set when the pool can no longer be used (closed for good, or the file could not be reopened). */
  private broken: Error | null = null;

  /** `setup` runs on each new connection (the per-connection temp tables some lookups stage keys in). */
  constructor(
    private readonly size: number,
    private readonly setup: (conn: DuckDBConnection) => Promise<void>,
  ) {}

  get enabled(): boolean {
    return this.size > 0;
  }

  /** True while a stream runs (or is starting) on a connection of its own. */
  get streaming(): boolean {
    return this.own.size > 0;
  }

  async open(instance: DuckDBInstance): Promise<void> {
    this.instance = instance;
    for (let i = 0; i < this.size; i++) {
      const conn = await instance.connect();
      await this.setup(conn);
      this.count += 1;
      this.release(conn);
    }
    const gate = this.reopened;
    this.reopened = null;
    gate?.resolve();
  }

  async use<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.take();
    try {
      return await work(conn);
    } finally {
      this.release(conn);
    }
  }

  /**
   * Runs `work` on a connection of its own, opened for it and closed after: for a long streamed read
   * whose consumer queries the store between batches (on a pooled reader it could take the last one, and
   * on the writer's connection it would wait for itself).
   */
  useOwn<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = (async () => {
      if (this.reopened) await this.reopened.promise;
      if (this.broken) throw this.broken;
      const conn = await this.instance!.connect();
      try {
        await this.setup(conn);
        return await work(conn);
      } finally {
        conn.closeSync();
      }
    })();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.own.add(settled);
    void settled.then(() => this.own.delete(settled));
    return run;
  }

  /**
   * Takes every pooled reader back (waiting for reads in flight) and closes them; until `open()`, reads
   * and streams asked for wait. `final`: closes for good, after the streams under way have ended; what
   * still waits is refused.
   */
  async closeAll(final = false): Promise<void> {
    if (!final && this.reopened === null) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined); // observed by the streams waiting on it
      this.reopened = { promise, resolve, reject };
    }
    if (final) while (this.own.size > 0) await Promise.all(this.own);
    const taken: DuckDBConnection[] = [];
    // Ahead of the reads already waiting: they get a connection again after open().
    while (taken.length < this.count)
      taken.push(
        this.idle.pop() ??
          (await new Promise<DuckDBConnection>((resolve, reject) =>
            this.waiting.unshift({ resolve, reject }),
          )),
      );
    for (const conn of taken) conn.closeSync();
    this.count = 0;
    if (final) this.fail(new Error('the store is closed'));
  }

  /** Refuses every read and stream from now on, those waiting included (the file is gone). */
  fail(error: Error): void {
    this.broken = error;
    this.instance = null;
    for (const w of this.waiting.splice(0)) w.reject(error);
    const gate = this.reopened;
    this.reopened = null;
    gate?.reject(error);
  }

  private take(): Promise<DuckDBConnection> {
    if (this.broken) return Promise.reject(this.broken);
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(conn: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next.resolve(conn);
    else this.idle.push(conn);
  }
}
