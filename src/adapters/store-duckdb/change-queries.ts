/**
 * Change and competition in SQL: link history per period, link gap against competitors, broken target
 * pages, and the page facts of the quality score. Each returns what the memory store returns for the same
 * query (store-memory/memory-change.ts is the reference; the contract suite compares them).
 */

import type { DuckDBConnection } from '@duckdb/node-api';
import { analyticsIdList } from '../../core/ledger/analytics-ids.ts';
import type { BrokenPageQuery, BrokenPageRow } from '../../core/ledger/broken-pages.ts';
import type { GapDomainRow, GapQuery } from '../../core/ledger/gap.ts';
import { emptyBucket, type HistoryBucket, type HistoryQuery } from '../../core/ledger/history.ts';
import type { CaptureState, LedgerKind, LostReason } from '../../core/ledger/model.ts';
import type { PageFacts } from '../../core/ledger/page-facts.ts';
import type { LinkFilter } from '../../core/ledger/query.ts';
import type { Placement } from '../../core/link/link.ts';
import { ms } from './schema.ts';
import { Params, whereOf } from './sql-filter.ts';
import { stageUrls } from './stage-urls.ts';

type Row = Record<string, unknown>;

async function rows(conn: DuckDBConnection, sql: string, params: Params = new Params()): Promise<Row[]> {
  return (await conn.runAndReadAll(sql, params.values)).getRowObjectsJS() as Row[];
}

export async function queryHistory(conn: DuckDBConnection, q: HistoryQuery): Promise<HistoryBucket[]> {
  const p = new Params();
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE history_links AS SELECT source_domain, first_seen AS f,
       CASE WHEN lost_at IS NULL THEN NULL ELSE greatest(lost_at, first_seen) END AS lo,
       coalesce(lost_reason, 'removed') AS reason
     FROM links WHERE ${whereOf(q, p, { ignoreStatus: true })}`,
    p.values,
  );
  try {
    const period = (column: string) => ms(`date_trunc('${q.by}', ${column})`);
    // A domain's live links change by +1 at each first sighting and -1 at each loss; it is new when the
    // running sum leaves 0 and lost when it returns to 0.
    const found = await rows(
      conn,
      `WITH ev AS (SELECT source_domain, f AS t, 1 AS d FROM history_links
                   UNION ALL SELECT source_domain, lo, -1 FROM history_links WHERE lo IS NOT NULL),
         net AS (SELECT source_domain, t, sum(d)::INTEGER AS d FROM ev GROUP BY source_domain, t),
         run AS (SELECT t, d, sum(d) OVER (PARTITION BY source_domain ORDER BY t ROWS UNBOUNDED PRECEDING) AS after
                 FROM net)
       SELECT ${period('f')} AS p, 'new' AS what, NULL AS reason, count(*)::INTEGER AS n FROM history_links GROUP BY 1
       UNION ALL SELECT ${period('lo')}, 'lost', reason, count(*)::INTEGER FROM history_links
         WHERE lo IS NOT NULL GROUP BY 1, 3
       UNION ALL SELECT ${period('t')}, 'new-domain', NULL, count(*)::INTEGER FROM run
         WHERE after - d = 0 AND after > 0 GROUP BY 1
       UNION ALL SELECT ${period('t')}, 'lost-domain', NULL, count(*)::INTEGER FROM run
         WHERE after - d > 0 AND after = 0 GROUP BY 1`,
    );
    const buckets = new Map<number, HistoryBucket>();
    for (const r of found) {
      const start = r.p as number;
      let b = buckets.get(start);
      if (b === undefined) {
        b = emptyBucket(start);
        buckets.set(start, b);
      }
      const n = r.n as number;
      if (r.what === 'new') b.newLinks += n;
      else if (r.what === 'new-domain') b.newRefdomains += n;
      else if (r.what === 'lost-domain') b.lostRefdomains += n;
      else {
        b.lostLinks += n;
        b.lostByReason[r.reason as LostReason] += n;
      }
    }
    return [...buckets.values()].sort((a, b) => a.start - b.start);
  } finally {
    await conn.run('DROP TABLE IF EXISTS history_links');
  }
}

export async function queryGap(conn: DuckDBConnection, q: GapQuery): Promise<GapDomainRow[]> {
  if (q.competitors.length === 0) return [];
  const p = new Params();
  const key = q.scope === 'domain' ? 'target_domain' : 'target_host';
  const comp = q.competitors.map((c, i) => `(${i}, ${p.add(c)}::VARCHAR)`).join(', ');
  const target = p.add(q.target);
  const keys = `${target}, ${q.competitors.map((_, i) => `$${i + 1}`).join(', ')}`;
  const kinds = q.kinds === null ? '' : `AND kind IN (${p.list(q.kinds)})`;
  const found = await rows(
    conn,
    `WITH comp(idx, key) AS (VALUES ${comp}),
       counted AS (SELECT source_domain, ${key} AS key, followed, first_seen FROM links
         WHERE ${key} IN (${keys}) AND lost_at IS NULL AND source_domain <> target_domain
           AND source_domain <> ${p.add(q.targetDomain)} ${kinds}),
       per AS (SELECT c.source_domain, comp.idx, count(*)::INTEGER AS n, min(c.first_seen) AS f
         FROM counted c JOIN comp ON c.key = comp.key
         WHERE ${q.dofollowOnly ? 'c.followed AND' : ''}
           c.source_domain NOT IN (SELECT source_domain FROM counted WHERE key = ${target})
         GROUP BY c.source_domain, comp.idx),
       d AS (SELECT source_domain AS domain, list(idx ORDER BY idx) AS idxs, list(n ORDER BY idx) AS ns,
           count(*)::INTEGER AS competitors, sum(n)::INTEGER AS total, min(f) AS first
         FROM per GROUP BY source_domain HAVING count(*) >= ${p.add(q.minCompetitors)})
     SELECT d.domain, d.idxs, d.ns, d.competitors, d.total, ${ms('d.first')} AS first_seen, a.score
     FROM d LEFT JOIN authority a ON a.level = 'domain' AND a.key = d.domain
     ORDER BY d.competitors DESC, a.score DESC NULLS LAST, d.total DESC, d.domain
     LIMIT ${q.limit} OFFSET ${q.offset}`,
    p,
  );
  return found.map((r) => {
    const links = q.competitors.map(() => 0);
    const idxs = r.idxs as number[];
    const ns = r.ns as number[];
    for (let i = 0; i < idxs.length; i++) links[idxs[i]!] = ns[i]!;
    return {
      domain: r.domain as string,
      links,
      competitors: r.competitors as number,
      totalLinks: r.total as number,
      firstSeen: r.first_seen as number,
      authority: (r.score as number | null) ?? null,
    };
  });
}

const BEST_ORDER = `followed DESC, (lost_at IS NULL) DESC, (placement = 'content') DESC, (kind = 'a') DESC,
  first_seen, source_url, target_url, kind`;

export async function queryBrokenPages(conn: DuckDBConnection, q: BrokenPageQuery): Promise<BrokenPageRow[]> {
  const p = new Params();
  const page = await rows(
    conn,
    `WITH l AS (SELECT target_url, source_domain, followed, first_seen, last_seen FROM links WHERE ${whereOf(q, p)}),
       g AS (SELECT url, CAST(status AS INTEGER) AS status, fetched_at FROM pages
             WHERE state = 'gone' AND url IN (SELECT target_url FROM l))
     SELECT l.target_url, any_value(g.status) AS status, ${ms('any_value(g.fetched_at)')} AS checked_at,
       count(*)::INTEGER AS links, (count(*) FILTER (WHERE followed))::INTEGER AS dofollow_links,
       count(DISTINCT source_domain)::INTEGER AS refdomains, ${ms('min(first_seen)')} AS first_seen,
       ${ms('max(last_seen)')} AS last_seen
     FROM l JOIN g ON g.url = l.target_url GROUP BY l.target_url
     ORDER BY refdomains DESC, links DESC, l.target_url LIMIT ${q.limit} OFFSET ${q.offset}`,
    p,
  );
  if (page.length === 0) return [];
  const bp = new Params();
  const where = whereOf(q, bp);
  const urls = bp.list(page.map((r) => r.target_url as string));
  const best = await rows(
    conn,
    `SELECT target_url, source_url, source_domain, anchor, kind, followed, placement, ${ms('first_seen')} AS first_seen
     FROM (SELECT *, row_number() OVER (PARTITION BY target_url ORDER BY ${BEST_ORDER}) AS rn
           FROM (SELECT *, row_number() OVER (PARTITION BY target_url, source_url ORDER BY ${BEST_ORDER}) AS dup
                 FROM links WHERE ${where} AND target_url IN (${urls}))
           WHERE dup = 1)
     WHERE rn <= ${bp.add(q.bestPages)} ORDER BY target_url, rn`,
    bp,
  );
  const bestOf = new Map<string, BrokenPageRow['best']>();
  for (const b of best) {
    const list = bestOf.get(b.target_url as string) ?? [];
    list.push({
      sourceUrl: b.source_url as string,
      sourceDomain: b.source_domain as string,
      anchor: b.anchor as string,
      kind: b.kind as LedgerKind,
      followed: b.followed as boolean,
      placement: b.placement as Placement,
      firstSeen: b.first_seen as number,
    });
    bestOf.set(b.target_url as string, list);
  }
  return page.map((r) => ({
    targetUrl: r.target_url as string,
    status: r.status as number,
    checkedAt: r.checked_at as number,
    links: r.links as number,
    dofollowLinks: r.dofollow_links as number,
    refdomains: r.refdomains as number,
    firstSeen: r.first_seen as number,
    lastSeen: r.last_seen as number,
    best: bestOf.get(r.target_url as string) ?? [],
  }));
}

export async function queryPageFacts(
  conn: DuckDBConnection,
  urls: readonly string[],
): Promise<Map<string, PageFacts>> {
  const result = new Map<string, PageFacts>();
  if (urls.length === 0) return result;
  await stageUrls(conn, urls);
  const found = await rows(
    conn,
    `WITH p AS (SELECT id, url, CAST(status AS INTEGER) AS status, state, lang, title, canonical, text_digest,
                  analytics_ids, remote_address
                FROM pages WHERE url IN (SELECT url FROM stage_urls)),
       c AS (SELECT page_id, count(*)::INTEGER AS n,
               (count(*) FILTER (WHERE target_domain <> source_domain))::INTEGER AS ext
             FROM links WHERE lost_at IS NULL AND page_id IN (SELECT id FROM p) GROUP BY page_id)
     SELECT p.*, coalesce(c.n, 0)::INTEGER AS outlinks, coalesce(c.ext, 0)::INTEGER AS external_outlinks
     FROM p LEFT JOIN c ON c.page_id = p.id`,
  );
  for (const r of found) {
    result.set(r.url as string, {
      status: (r.status as number | null) ?? null,
      state: (r.state as CaptureState | null) ?? null,
      lang: (r.lang as string | null) ?? null,
      title: (r.title as string | null) ?? null,
      canonical: (r.canonical as string | null) ?? null,
      textDigest: (r.text_digest as string | null) ?? null,
      analyticsIds: analyticsIdList(r.analytics_ids as string | null),
      remoteAddress: (r.remote_address as string | null) ?? null,
      outlinks: r.outlinks as number,
      externalOutlinks: r.external_outlinks as number,
    });
  }
  return result;
}

export async function queryLinkingPages(conn: DuckDBConnection, f: LinkFilter): Promise<Map<string, number>> {
  const p = new Params();
  const found = await rows(
    conn,
    `SELECT source_domain, count(DISTINCT source_url)::INTEGER AS pages FROM links WHERE ${whereOf(f, p)}
     GROUP BY source_domain`,
    p,
  );
  return new Map(found.map((r) => [r.source_domain as string, r.pages as number]));
}
