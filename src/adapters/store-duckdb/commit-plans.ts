/**
 * Writes a batch of page plans into DuckDB: stage everything into TEMP tables (columnar appends), then apply
 * it with set-based SQL inside one transaction together with the import run's checkpoint. A kill at any
 * point leaves either the whole batch or none of it (DuckDB's WAL replays committed transactions only).
 *
 * Guard: a plan that says "new page" for a URL that already exists (a stale plan, e.g. two writers) aborts
 * the whole batch instead of creating a duplicate page.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportRun } from '../../core/ledger/import-run.ts';
import { LOST_REASONS, type StoredLink } from '../../core/ledger/model.ts';
import type { PagePlan } from '../../core/ledger/plan-page.ts';
import { PLACEMENTS } from '../../core/link/link.ts';
import { ChunkWriter } from './chunk-writer.ts';
import { BATCH_STAGE_TABLES, FLAG, FRESH_CODE, LEDGER_KINDS, resetStage, ts } from './schema.ts';
import { withStageAppenders } from './stage-appenders.ts';
import { FreshStager } from './stage-fresh.ts';
import { targetRestOf, targetSchemeOf } from './target-url.ts';

export interface IdCounters {
  nextPageId: number;
  nextLinkId: number;
}

const kindCode = new Map<string, number>(LEDGER_KINDS.map((k, i) => [k, i]));
const placementCode = new Map<string, number>(PLACEMENTS.map((p, i) => [p, i]));
const reasonCode = new Map<string, number>(LOST_REASONS.map((r, i) => [r, i]));

function flagsOf(l: StoredLink): number {
  return (
    (l.nofollow ? FLAG.nofollow : 0) |
    (l.sponsored ? FLAG.sponsored : 0) |
    (l.ugc ? FLAG.ugc : 0) |
    (l.image ? FLAG.image : 0) |
    (l.followed ? FLAG.followed : 0)
  );
}

/** How many rows of each kind a batch staged: applyStaged skips the statements that have nothing to do. */
export interface StagedCounts {
  newPages: number;
  changedPages: number;
  captures: number;
  newLinks: number;
  changedLinks: number;
  freshLinks: number;
  newSightings: number;
  oldSightings: number;
}

export async function stagePlans(
  conn: DuckDBConnection,
  plans: Iterable<PagePlan> | AsyncIterable<PagePlan>,
  ids: IdCounters,
): Promise<StagedCounts> {
  const counts: StagedCounts = {
    newPages: 0,
    changedPages: 0,
    captures: 0,
    newLinks: 0,
    changedLinks: 0,
    freshLinks: 0,
    newSightings: 0,
    oldSightings: 0,
  };
  await conn.run(resetStage(...BATCH_STAGE_TABLES));
  // A failure part-way leaves no appender to flush this batch's rows later (stage-appenders.ts).
  return withStageAppenders(conn, async (open) => {
    const pages = await open('stage_pages');
    const captures = await open('stage_captures');
    const links = new ChunkWriter(await open('stage_links'), [
      'double',
      'int',
      'bool',
      'bool',
      'utinyint',
      'varchar',
      'int',
      'utinyint',
      'utinyint',
      'varchar',
      'varchar',
      'utinyint',
      'double',
      'double',
      'double',
      'double',
      'utinyint',
      'double',
      'utinyint',
      'double',
    ]); // prettier-ignore
    const fresh = new FreshStager(await open('stage_fresh'), await open('stage_targets'));
    const seen = new ChunkWriter(await open('stage_seen'), ['double', 'bool', 'int', 'double', 'double']);
    const hosts = new Map<string, { idx: number; domain: string }>();
    const sources = new Map<string, number>();
    const sourceIdx = (s: string) => {
      let i = sources.get(s);
      if (i === undefined) {
        i = sources.size;
        sources.set(s, i);
      }
      return i;
    };

    let idx = -1;
    for await (const plan of plans) {
      idx += 1;
      const p = plan.page;
      const pageId = plan.pageIsNew ? ids.nextPageId++ : p.id;
      pages.appendInteger(idx);
      pages.appendInteger(pageId);
      pages.appendBoolean(plan.pageIsNew);
      pages.appendBoolean(plan.pageChanged);
      pages.appendVarchar(p.url);
      pages.appendVarchar(p.host);
      pages.appendVarchar(p.domain);
      pages.appendBoolean(p.captured);
      optional(pages, p.status, (v) => pages.appendSmallInt(v));
      optional(pages, p.fetchedAt, (v) => pages.appendDouble(v));
      for (const v of [p.state, p.canonical, p.title, p.lang, p.contentHash, p.textDigest]) {
        optional(pages, v, (s) => pages.appendVarchar(s));
      }
      const f = plan.fresh;
      optional(pages, f?.capturedAt ?? null, (v) => pages.appendDouble(v));
      optional(pages, f?.counted ?? null, (v) => pages.appendBoolean(v));
      optional(pages, f?.lostReason ?? null, (v) => pages.appendUTinyInt(reasonCode.get(v)!));
      optional(pages, f?.source ?? null, (v) => pages.appendVarchar(v));
      optional(pages, p.analyticsIds, (v) => pages.appendVarchar(v));
      optional(pages, p.remoteAddress, (v) => pages.appendVarchar(v));
      // The ids of the page's fresh links: one range, so their link_sources rows need no join.
      pages.appendDouble(ids.nextLinkId);
      pages.appendInteger(f ? f.targets.length : 0);
      pages.endRow();
      if (plan.pageIsNew) counts.newPages += 1;
      else if (plan.pageChanged) counts.changedPages += 1;
      counts.captures += plan.newCaptures.length;
      if (f) {
        counts.freshLinks += f.targets.length;
        ids.nextLinkId = fresh.add(idx, f, ids.nextLinkId, (name, domain) => {
          let host = hosts.get(name);
          if (!host) {
            host = { idx: hosts.size, domain };
            hosts.set(name, host);
          }
          return host.idx;
        });
      }
      for (const c of plan.newCaptures) {
        captures.appendInteger(idx);
        captures.appendDouble(c.capturedAt);
        captures.appendVarchar(c.source);
        captures.appendVarchar(c.state);
        captures.endRow();
      }
      for (const planned of plan.newLinks) {
        const l = planned.link;
        const id = ids.nextLinkId++;
        let host = hosts.get(l.targetHost);
        if (!host) {
          host = { idx: hosts.size, domain: l.targetDomain };
          hosts.set(l.targetHost, host);
        }
        stageLink(links, id, idx, true, l, host.idx);
        counts.newLinks += 1;
        for (const s of planned.seen) seen.add([id, true, sourceIdx(s.source), s.first, s.last]);
        counts.newSightings += planned.seen.length;
      }
      for (const planned of plan.touchedLinks) {
        const l = planned.link;
        const id = l.id!;
        if (planned.changed) {
          stageLink(links, id, idx, false, l, null);
          counts.changedLinks += 1;
        }
        for (const s of planned.seen) seen.add([id, false, sourceIdx(s.source), s.first, s.last]);
        counts.oldSightings += planned.seen.length;
      }
    }
    pages.closeSync();
    captures.closeSync();
    links.close();
    fresh.close();
    seen.close();
    const hostRows = await open('stage_hosts');
    for (const [host, { idx, domain }] of hosts) {
      hostRows.appendInteger(idx);
      hostRows.appendVarchar(host);
      hostRows.appendVarchar(domain);
      hostRows.endRow();
    }
    hostRows.closeSync();
    const sourceRows = await open('stage_sources');
    for (const [source, idx] of sources) {
      sourceRows.appendInteger(idx);
      sourceRows.appendVarchar(source);
      sourceRows.endRow();
    }
    sourceRows.closeSync();
    return counts;
  });
}

/** One stage_links row, written straight into the column buffers (this runs for every link). */
function stageLink(
  w: ChunkWriter,
  id: number,
  pageIdx: number,
  isNew: boolean,
  l: StoredLink,
  hostIdx: number | null,
) {
  const c = w.columns;
  const r = w.row;
  c[0]![r] = id;
  c[1]![r] = pageIdx;
  c[2]![r] = isNew;
  c[3]![r] = true;
  const scheme = isNew ? targetSchemeOf(l.targetUrl, l.targetHost) : null;
  c[4]![r] = scheme;
  c[5]![r] = scheme === null ? null : targetRestOf(l.targetUrl, l.targetHost, scheme);
  c[6]![r] = hostIdx;
  c[7]![r] = kindCode.get(l.kind)!;
  c[8]![r] = flagsOf(l);
  // Empty strings travel as NULL (no string copy); applyStaged turns them back into ''.
  c[9]![r] = l.anchor === '' ? null : l.anchor;
  c[10]![r] = l.rel === '' ? null : l.rel;
  c[11]![r] = placementCode.get(l.placement)!;
  c[12]![r] = l.firstSeen;
  c[13]![r] = l.lastSeen;
  c[14]![r] = l.lastLive;
  c[15]![r] = l.lostAt;
  c[16]![r] = l.lostReason === null ? null : reasonCode.get(l.lostReason)!;
  c[17]![r] = l.reportedLostAt;
  c[18]![r] = l.reportedLostReason === null ? null : reasonCode.get(l.reportedLostReason)!;
  c[19]![r] = l.attrsAt;
  w.next();
}

function optional<T>(appender: { appendNull(): void }, value: T | null, append: (v: T) => void): void {
  if (value === null) appender.appendNull();
  else append(value);
}

const bit = (name: keyof typeof FLAG) => `(s.flags & ${FLAG[name]}) <> 0`;

/**
 * The statements that apply a staged batch, in order, for one transaction; statements with no staged rows
 * are left out. The store sends them as one script: one native call, so a main thread busy staging the
 * next batch does not hold the transaction up between statements.
 */
export function applyStatements(run: ImportRun | null, counts: StagedCounts): string[] {
  const sql: string[] = [];
  if (counts.newPages > 0) {
    sql.push(`SELECT CASE WHEN count(*) > 0 THEN error('${STALE_PLAN}') END
      FROM pages p JOIN stage_pages s ON p.url = s.url WHERE s.is_new`);
    sql.push(`INSERT INTO pages SELECT page_id, url, host, domain, captured, status, ${ts('fetched_at')},
      state, canonical, title, lang, content_hash, text_digest, analytics_ids, remote_address
      FROM stage_pages WHERE is_new`);
  }
  if (counts.changedPages > 0) {
    sql.push(`UPDATE pages SET captured = s.captured, status = s.status, fetched_at = ${ts('s.fetched_at')},
      state = s.state, canonical = s.canonical, title = s.title, lang = s.lang, content_hash = s.content_hash,
      text_digest = s.text_digest, analytics_ids = s.analytics_ids, remote_address = s.remote_address
      FROM stage_pages s WHERE pages.id = s.page_id AND NOT s.is_new AND s.changed`);
  }
  if (counts.captures > 0) {
    sql.push(`INSERT INTO captures SELECT p.page_id, ${ts('c.captured_at')}, c.source, c.state
      FROM stage_captures c JOIN stage_pages p ON p.idx = c.page_idx`);
  }
  if (counts.newLinks > 0) {
    sql.push(`INSERT INTO link_rows SELECT CAST(s.id AS BIGINT), p.page_id, s.target_scheme, s.target_rest, h.host,
      h.domain,
      s.kind, ${bit('followed')}, coalesce(s.anchor, ''), coalesce(s.rel, ''), ${bit('nofollow')},
      ${bit('sponsored')}, ${bit('ugc')}, ${bit('image')}, s.placement, ${ts('s.first_seen')}, ${ts('s.last_seen')},
      ${ts('s.last_live')}, ${ts('s.lost_at')}, s.lost_reason, ${ts('s.reported_lost_at')}, s.reported_lost_reason,
      ${ts('s.attrs_at')}
      FROM stage_links s JOIN stage_pages p ON p.idx = s.page_idx JOIN stage_hosts h ON h.idx = s.host_idx
      WHERE s.is_new`);
  }
  if (counts.freshLinks > 0) {
    const fbit = (name: keyof typeof FLAG) => `(s.code & ${FLAG[name] << FRESH_CODE.flagsShift}) <> 0`;
    sql.push(`INSERT INTO link_rows SELECT CAST(s.id AS BIGINT), p.page_id, t.scheme, t.rest, h.host, h.domain,
      s.code & 31, ${fbit('followed')}, s.anchor, s.rel, ${fbit('nofollow')}, ${fbit('sponsored')},
      ${fbit('ugc')}, ${fbit('image')}, (s.code >> ${FRESH_CODE.placementShift}) & 7, ${ts('p.fresh_t')},
      ${ts('p.fresh_t')}, CASE WHEN p.fresh_counted THEN ${ts('p.fresh_t')} END,
      CASE WHEN NOT p.fresh_counted THEN ${ts('p.fresh_t')} END, p.fresh_lost_reason, NULL, NULL, ${ts('p.fresh_t')}
      FROM stage_fresh s JOIN stage_pages p ON p.idx = s.page_idx JOIN stage_targets t ON t.idx = s.target_idx
      JOIN stage_hosts h ON h.idx = t.host_idx`);
    // A page's fresh links have consecutive ids (fresh_first ..): their sightings need no join with them.
    sql.push(`INSERT INTO link_sources SELECT
      unnest(range(CAST(fresh_first AS BIGINT), CAST(fresh_first AS BIGINT) + fresh_n)),
      fresh_source, ${ts('fresh_t')}, ${ts('fresh_t')}
      FROM stage_pages WHERE fresh_n > 0`);
  }
  if (counts.changedLinks > 0) {
    sql.push(`UPDATE link_rows SET anchor = coalesce(s.anchor, ''), rel = coalesce(s.rel, ''),
      nofollow = ${bit('nofollow')}, sponsored = ${bit('sponsored')}, ugc = ${bit('ugc')}, image = ${bit('image')},
      placement = s.placement, first_seen = ${ts('s.first_seen')}, last_seen = ${ts('s.last_seen')},
      last_live = ${ts('s.last_live')}, lost_at = ${ts('s.lost_at')}, lost_reason = s.lost_reason,
      reported_lost_at = ${ts('s.reported_lost_at')}, reported_lost_reason = s.reported_lost_reason,
      attrs_at = ${ts('s.attrs_at')}
      FROM stage_links s WHERE link_rows.id = CAST(s.id AS BIGINT) AND NOT s.is_new AND s.changed`);
  }
  if (counts.newSightings > 0) {
    sql.push(`INSERT INTO link_sources SELECT CAST(s.link_id AS BIGINT), src.source, ${ts('s.first')},
      ${ts('s.last')} FROM stage_seen s JOIN stage_sources src ON src.idx = s.source_idx WHERE s.is_new`);
  }
  if (counts.oldSightings > 0) {
    const old = `SELECT CAST(s.link_id AS BIGINT) AS link_id, src.source, ${ts('s.first')} AS first,
      ${ts('s.last')} AS last FROM stage_seen s JOIN stage_sources src ON src.idx = s.source_idx WHERE NOT s.is_new`;
    sql.push(`UPDATE link_sources SET first_seen = least(link_sources.first_seen, x.first),
      last_seen = greatest(link_sources.last_seen, x.last) FROM (${old}) x
      WHERE link_sources.link_id = x.link_id AND link_sources.source = x.source`);
    sql.push(`INSERT INTO link_sources SELECT x.link_id, x.source, x.first, x.last FROM (${old}) x
      WHERE NOT EXISTS (SELECT 1 FROM link_sources ls WHERE ls.link_id = x.link_id AND ls.source = x.source)`);
  }
  if (run) sql.push(saveRunStatement(run));
  return sql;
}

export const STALE_PLAN = 'commit: stale plan (a "new" page already exists)';

/** Saves the run (its id, key, start and the whole run as JSON): a statement with its values inlined. */
export function saveRunStatement(run: ImportRun): string {
  return `INSERT OR REPLACE INTO import_runs VALUES (${literal(run.id)}, ${literal(run.key)},
    ${ts(String(run.startedAt))}, ${literal(JSON.stringify(run))})`;
}

export async function saveRun(conn: DuckDBConnection, run: ImportRun): Promise<void> {
  await conn.run(saveRunStatement(run));
}

/** A SQL string literal (DuckDB: quotes doubled, no backslash escapes). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
