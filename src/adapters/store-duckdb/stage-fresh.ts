/**
 * Staging of first-capture links (core/ledger/plan-fresh.ts FreshLinks), the bulk of every import.
 *
 * Each value handed to DuckDB through the node API costs a native call, and per-value calls are what limits
 * ingestion. So fresh links travel as a few long strings per 8,192 links: one per column, values joined
 * with U+001F (URLs are normalised and cannot hold it), numbers comma-joined. SQL splits them back with
 * `string_split` + `unnest` (C++, parallel). A batch whose anchors or rels contain U+001F falls back to
 * per-value staging (stage_fresh), so nothing is ever altered.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FreshLinks } from '../../core/ledger/plan-fresh.ts';
import { PLACEMENTS } from '../../core/link/link.ts';
import { ChunkWriter } from './chunk-writer.ts';
import { FRESH_CODE, LEDGER_KINDS } from './schema.ts';

const SEP = '\u001f';
const ROWS_PER_BLOB = 8192;
const kindCode = new Map<string, number>(LEDGER_KINDS.map((k, i) => [k, i]));
const placementCode = new Map<string, number>(PLACEMENTS.map((p, i) => [p, i]));

/** Splits the blobs into stage_fresh rows (id, page_idx, target_url, host_idx, code, anchor, rel). */
export const EXPLODE_FRESH = `INSERT INTO stage_fresh
  SELECT unnest(range(CAST(b.first_id AS BIGINT), CAST(b.first_id AS BIGINT) + b.n)),
    CAST(unnest(string_split(b.pages, ',')) AS INTEGER),
    unnest(string_split(b.targets, chr(31))),
    CAST(unnest(string_split(b.hosts, ',')) AS INTEGER),
    CAST(unnest(string_split(b.codes, ',')) AS INTEGER),
    unnest(string_split(b.anchors, chr(31))),
    unnest(string_split(b.rels, chr(31)))
  FROM stage_fresh_blob b`;

export class FreshStager {
  private firstId = 0;
  private count = 0;
  private readonly parts: { pageIdx: number; f: FreshLinks }[] = [];
  private readonly pages: number[] = [];
  private readonly hosts: number[] = [];
  private readonly codes: number[] = [];

  /** Adds a page's fresh links; returns the id the next link gets. */
  add(
    pageIdx: number,
    f: FreshLinks,
    firstId: number,
    hostIdx: (host: string, domain: string) => number,
  ): number {
    if (this.count === 0) this.firstId = firstId;
    this.parts.push({ pageIdx, f });
    const n = f.targets.length;
    for (let i = 0; i < n; i++) {
      this.pages.push(pageIdx);
      this.hosts.push(hostIdx(f.hosts[i]!, f.domains[i]!));
      this.codes.push(
        kindCode.get(f.kinds[i]!)! |
          (f.flags[i]! << FRESH_CODE.flagsShift) |
          (placementCode.get(f.placements[i]!)! << FRESH_CODE.placementShift),
      );
    }
    this.count += n;
    return firstId + n;
  }

  async write(conn: DuckDBConnection): Promise<void> {
    const n = this.count;
    if (n === 0) return;
    const targets = this.parts.flatMap((p) => p.f.targets);
    const anchors = this.parts.flatMap((p) => p.f.anchors);
    const rels = this.parts.flatMap((p) => p.f.rels);
    const blobs: string[][] = [];
    let clean = true;
    for (let start = 0; start < n && clean; start += ROWS_PER_BLOB) {
      const end = Math.min(n, start + ROWS_PER_BLOB);
      const a = anchors.slice(start, end).join(SEP);
      const r = rels.slice(start, end).join(SEP);
      // A value holding the separator itself would shift every later value: use per-value staging.
      clean = separators(a) === end - start - 1 && separators(r) === end - start - 1;
      blobs.push([
        this.pages.slice(start, end).join(','),
        targets.slice(start, end).join(SEP),
        this.hosts.slice(start, end).join(','),
        this.codes.slice(start, end).join(','),
        a,
        r,
      ]);
    }
    if (clean) {
      const blob = await conn.createAppender('stage_fresh_blob', null, 'temp');
      blobs.forEach((columns, b) => {
        const start = b * ROWS_PER_BLOB;
        blob.appendDouble(this.firstId + start);
        blob.appendInteger(Math.min(ROWS_PER_BLOB, n - start));
        for (const text of columns) blob.appendVarchar(text);
        blob.endRow();
      });
      blob.closeSync();
      return;
    }
    const rows = new ChunkWriter(await conn.createAppender('stage_fresh', null, 'temp'), [
      'double',
      'int',
      'varchar',
      'int',
      'int',
      'varchar',
      'varchar',
    ]);
    for (let i = 0; i < n; i++) {
      rows.add([
        this.firstId + i,
        this.pages[i]!,
        targets[i]!,
        this.hosts[i]!,
        this.codes[i]!,
        anchors[i]!,
        rels[i]!,
      ]);
    }
    rows.close();
  }
}

function separators(text: string): number {
  let count = 0;
  for (let i = text.indexOf(SEP); i !== -1; i = text.indexOf(SEP, i + 1)) count += 1;
  return count;
}
