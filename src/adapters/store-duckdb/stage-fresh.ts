/**
 * Staging of first-capture links (core/ledger/plan-fresh.ts FreshLinks), the bulk of every import: each
 * link becomes one `stage_fresh` row (id, page_idx, target_url, host_idx, code, anchor, rel), written
 * straight into DuckDB's vectors (vector-chunk.ts) as the pages are staged, with no per-link objects.
 * `code` packs kind, flags and placement (FRESH_CODE in core/ledger/plan-fresh.ts); applyStatements
 * expands it.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { FreshLinks } from '../../core/ledger/plan-fresh.ts';
import { VectorChunk } from './vector-chunk.ts';

export class FreshStager {
  private readonly rows: VectorChunk;

  constructor(appender: DuckDBAppender) {
    this.rows = new VectorChunk(appender, ['double', 'int', 'varchar', 'int', 'int', 'varchar', 'varchar']);
  }

  /** Stages a page's fresh links with ids from `firstId`; returns the id the next link gets. */
  add(
    pageIdx: number,
    f: FreshLinks,
    firstId: number,
    hostIdx: (host: string, domain: string) => number,
  ): number {
    const rows = this.rows;
    const n = f.targets.length;
    let lastHost = '';
    let lastHostIdx = -1;
    for (let i = 0; i < n; i++) {
      const host = f.hosts[i]!;
      // Links of a page often run to one host in a row: skip the map lookup then.
      if (host !== lastHost || lastHostIdx < 0) {
        lastHost = host;
        lastHostIdx = hostIdx(host, f.domains[i]!);
      }
      rows.setDouble(0, firstId + i);
      rows.setInt(1, pageIdx);
      rows.setString(2, f.targets[i]!);
      rows.setInt(3, lastHostIdx);
      // The planner's code is the stored one: kind and placement indexes are those of LEDGER_KINDS and
      // PLACEMENTS (schema.ts), flag bits those of FLAG.
      rows.setInt(4, f.codes[i]!);
      rows.setString(5, f.anchors[i]!);
      rows.setString(6, f.rels[i]!);
      rows.next();
    }
    return firstId + n;
  }

  /** Appends the last rows and closes the appender. */
  close(): void {
    this.rows.close();
  }
}
