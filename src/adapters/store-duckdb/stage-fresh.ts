/**
 * Staging of first-capture links (core/ledger/plan-fresh.ts FreshLinks), the bulk of every import: each
 * link becomes one `stage_fresh` row (id, page_idx, target_idx, code, anchor, rel), written straight into
 * DuckDB's vectors (vector-chunk.ts) as the pages are staged, with no per-link objects. `code` packs kind,
 * flags and placement (FRESH_CODE in core/ledger/plan-fresh.ts); applyStatements expands it.
 *
 * Target URLs are staged once per batch (`stage_targets`: idx, scheme, rest, host_idx: target-url.ts) and links refer to them by
 * index: the pages of a site link to the same navigation and article URLs over and over, and a URL string
 * is the most expensive value to hand to DuckDB (a native call, UTF-8 conversion and copies in the stage).
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { FreshLinks } from '../../core/ledger/plan-fresh.ts';
import { targetRestOf, targetSchemeOf } from './target-url.ts';
import { VectorChunk } from './vector-chunk.ts';

export class FreshStager {
  private readonly rows: VectorChunk;
  private readonly targetRows: VectorChunk;
  /** Target URL -> its stage_targets idx, for this batch. */
  private readonly targets = new Map<string, number>();

  constructor(links: DuckDBAppender, targets: DuckDBAppender) {
    this.rows = new VectorChunk(links, ['double', 'int', 'int', 'int', 'varchar', 'varchar']);
    this.targetRows = new VectorChunk(targets, ['int', 'int', 'varchar', 'int']);
  }

  /** Stages a page's fresh links with ids from `firstId`; returns the id the next link gets. */
  add(
    pageIdx: number,
    f: FreshLinks,
    firstId: number,
    hostIdx: (host: string, domain: string) => number,
  ): number {
    const rows = this.rows;
    const targets = this.targets;
    const n = f.targets.length;
    // The batch's stage_hosts idx of each of the page's hosts, looked up when a new target first needs it.
    const batchHost = new Int32Array(f.hosts.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const url = f.targets[i]!;
      let target = targets.get(url);
      if (target === undefined) {
        const h = f.hostOf[i]!;
        const host = f.hosts[h]!;
        if (batchHost[h]! < 0) batchHost[h] = hostIdx(host, f.domains[h]!);
        target = targets.size;
        targets.set(url, target);
        const scheme = targetSchemeOf(url, host);
        const t = this.targetRows;
        t.setInt(0, target);
        t.setInt(1, scheme);
        t.setString(2, targetRestOf(url, host, scheme));
        t.setInt(3, batchHost[h]!);
        t.next();
      }
      rows.setDouble(0, firstId + i);
      rows.setInt(1, pageIdx);
      rows.setInt(2, target);
      // The planner's code is the stored one: kind and placement indexes are those of LEDGER_KINDS and
      // PLACEMENTS (schema.ts), flag bits those of FLAG.
      rows.setInt(3, f.codes[i]!);
      rows.setString(4, f.anchors[i]!);
      rows.setString(5, f.rels[f.relOf[i]!]!);
      rows.next();
    }
    return firstId + n;
  }

  /** Appends the last rows and closes the appenders. */
  close(): void {
    this.rows.close();
    this.targetRows.close();
  }
}
