/**
 * Extra DuckDB connections for reads, so report queries run side by side (each on a libuv thread) instead
 * of queueing behind one connection. DuckDB's MVCC gives every read a consistent snapshot of what was
 * committed when it began; writes stay on the store's own connections (connection-turns.ts), one
 * transaction at a time.
 *
 * `closeAll()` waits until every reader is back (reads in flight finish), then closes them: the store
 * calls it before it replaces its database file (optimize; reads asked for meanwhile wait for `open()`)
 * and when it closes for good (`final`: reads still waiting are refused).
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
  /** Connections of their own (long streams), to wait for before closing. */
  private readonly own = new Set<Promise<unknown>>();

  /** `setup` runs on each new connection (the per-connection temp tables some lookups stage keys in). */
  constructor(
    private readonly size: number,
    private readonly setup: (conn: DuckDBConnection) => Promise<void>,
  ) {}

  get enabled(): boolean {
    return this.size > 0;
  }

  async open(instance: DuckDBInstance): Promise<void> {
    for (let i = 0; i < this.size; i++) {
      const conn = await instance.connect();
      await this.setup(conn);
      this.count += 1;
      this.release(conn);
    }
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
   * on the writer's connection it would wait for itself). closeAll waits for it.
   */
  async useOwn<T>(instance: DuckDBInstance, work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await instance.connect();
    await this.setup(conn);
    const run = (async () => {
      try {
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

  /** Takes every reader back (waiting for reads in flight) and closes them. */
  async closeAll(final = false): Promise<void> {
    while (this.own.size > 0) await Promise.all(this.own);
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
    if (final) for (const w of this.waiting.splice(0)) w.reject(new Error('the store is closed'));
  }

  private take(): Promise<DuckDBConnection> {
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
