/**
 * Who may use which DuckDB connection, and when.
 *
 * Most work takes turns on the store's main connection (`exclusive`). Imported batches commit through two
 * more connections, the lanes, used alternately: batch N+1's page states are loaded and its rows staged on
 * one lane (the stage tables are TEMP, so per connection) while batch N's transaction runs on the other.
 * The store makes applies wait for each other, so batches still commit in order.
 *
 * Work on the main connection waits for lane work queued before it, and lane work for main work queued
 * before it, so an optimize or a close never runs beside a commit; each waits only for work queued
 * earlier, so nothing can wait for itself.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

interface Lane {
  conn: DuckDBConnection;
  tail: Promise<unknown>;
}

export class ConnectionTurns {
  private main: Promise<unknown> = Promise.resolve();
  private lanes: Lane[] = [];
  private nextLane = 0;

  /**
   * Installs the lane connections (after open, and again after the file was replaced). On a replacement
   * each lane keeps its queue and its turn: lane work queued during the swap (behind the main work that
   * swaps) runs on the new connection, in order.
   */
  setLanes(conns: readonly DuckDBConnection[]): void {
    if (conns.length === this.lanes.length) {
      conns.forEach((conn, i) => {
        this.lanes[i]!.conn = conn;
      });
      return;
    }
    this.lanes = conns.map((conn) => ({ conn, tail: Promise.resolve() }));
    this.nextLane = 0;
  }

  /** The lane connections, to close them (call inside `exclusive`, which waits for their work). */
  laneConnections(): DuckDBConnection[] {
    return this.lanes.map((l) => l.conn);
  }

  /** Runs `work` after everything queued before it, on any connection. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const before = Promise.all([this.main, ...this.lanes.map((l) => l.tail)]);
    const run = before.then(work);
    this.main = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `work` on a lane after that lane's earlier work and the main work queued before it. `advance`
   * takes the lane the next batch uses and moves on (a commit); without it, the lane the next commit will
   * take (loading that batch's page states).
   */
  onLane<T>(advance: boolean, work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const lane = this.lanes[this.nextLane]!;
    if (advance) this.nextLane = (this.nextLane + 1) % this.lanes.length;
    // The connection is looked up when the work runs: the lane's may have been replaced meanwhile.
    const run = Promise.all([lane.tail, this.main]).then(() => work(lane.conn));
    const settled = run.catch(() => undefined);
    lane.tail = settled;
    return run;
  }
}
