/**
 * The report queries in SQL. Each returns the rows the memory store returns for the same query, in the same
 * order (every ORDER BY ends with tie-breakers). A first page is cheap: filters on the target prune row
 * groups once links are clustered by target (optimize()), aggregation runs only over the target's links,
 * and per-row extras (link sources, a referring domain's best link) are fetched for that page only.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LedgerKind } from '../../core/ledger/model.ts';
import type {
  AnchorQuery,
  BacklinkListing,
  BacklinkQuery,
  PageQuery,
  ProfileQuery,
  RefDomainQuery,
} from '../../core/ledger/query.ts';
import type {
  AnchorRow,
  BacklinkRow,
  LinkedPageRow,
  NamedCount,
  ProfileFigures,
  RefDomainRow,
  WindowCounts,
} from '../../core/ledger/rows.ts';
import type { Placement } from '../../core/link/link.ts';
import { linkOf } from './load-state.ts';
import { ms } from './schema.ts';
import { direction, Params, whereOf } from './sql-filter.ts';

type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

async function rows(conn: DuckDBConnection, sql: string, params: Params): Promise<Row[]> {
  return (await conn.runAndReadAll(sql, params.values)).getRowObjectsJS() as Row[];
}

const LINK_COLUMNS = `CAST(id AS DOUBLE) AS id, page_id, source_url, source_domain, target_url, target_host,
  target_domain, kind, followed, anchor, rel, nofollow, sponsored, ugc, image, placement,
  ${ms('first_seen')} AS first_seen, ${ms('last_seen')} AS last_seen, ${ms('last_live')} AS last_live,
  ${ms('lost_at')} AS lost_at, lost_reason, ${ms('reported_lost_at')} AS reported_lost_at, reported_lost_reason,
  ${ms('attrs_at')} AS attrs_at`;

const BACKLINK_SORT_COLUMN = {
  'first-seen': 'first_seen',
  'last-seen': 'last_seen',
  'lost-at': 'lost_at',
  'source-url': 'source_url',
  'source-domain': 'source_domain',
  anchor: 'anchor',
} as const;

function backlinksSql(q: BacklinkListing, p: Params, extraColumns = ''): string {
  const where = whereOf(q, p);
  const order = `${BACKLINK_SORT_COLUMN[q.sort]} ${direction(q.order)}, source_url, target_url, kind, followed`;
  return `SELECT ${LINK_COLUMNS}${extraColumns} FROM links WHERE ${where} ORDER BY ${order}`;
}

/** The sources of each link as a column (a streamed result allows no second query on its connection). */
const SOURCES_COLUMN = `, (SELECT list(s.source ORDER BY s.source) FROM link_sources s WHERE s.link_id = links.id) AS sources`;

/** Rows as read to report rows, each with the sources that saw it (one lookup for the whole batch). */
async function withSources(conn: DuckDBConnection, found: readonly Row[]): Promise<BacklinkRow[]> {
  const sources = new Map<number, string[]>();
  if (found.length > 0) {
    const ids = found.map((r) => Number(r.id)).join(', ');
    const src = await rows(
      conn,
      `SELECT CAST(link_id AS DOUBLE) AS id, list(source ORDER BY source) AS sources FROM link_sources
       WHERE link_id IN (${ids}) GROUP BY link_id`,
      new Params(),
    );
    for (const s of src) sources.set(s.id as number, s.sources as string[]);
  }
  return found.map((r) => backlinkRowOf(r, sources.get(Number(r.id)) ?? null));
}

function backlinkRowOf(r: Row, sources: string[] | null): BacklinkRow {
  const {
    id: _id,
    pageId: _p,
    lastLive: _l,
    reportedLostAt: _r,
    reportedLostReason: _rr,
    attrsAt: _a,
    ...rest
  } = linkOf(r);
  return { ...rest, sources: sources ?? [] };
}

export async function queryBacklinks(conn: DuckDBConnection, q: BacklinkQuery): Promise<BacklinkRow[]> {
  const p = new Params();
  const found = await rows(conn, `${backlinksSql(q, p)} LIMIT ${q.limit} OFFSET ${q.offset}`, p);
  return withSources(conn, found);
}

/**
 * Every row of a backlinks listing, in its order, in batches as DuckDB produces them: one query (one
 * snapshot of the ledger), streamed, so an export of a million links holds one batch in memory at a time.
 * `onBatch` may return a promise; the next batch is read once it resolves (back-pressure).
 */
export async function streamBacklinks(
  conn: DuckDBConnection,
  q: BacklinkListing,
  onBatch: (rows: readonly BacklinkRow[]) => void | Promise<void>,
): Promise<number> {
  const p = new Params();
  const result = await conn.stream(backlinksSql(q, p, SOURCES_COLUMN), p.values);
  let total = 0;
  for await (const batch of result.yieldRowObjectJs()) {
    if (batch.length === 0) continue;
    total += batch.length;
    await onBatch(batch.map((r) => backlinkRowOf(r as Row, (r as Row).sources as string[] | null)));
  }
  return total;
}

const REFDOMAIN_SORT = {
  links: 'links',
  'dofollow-links': 'dofollow_links',
  'first-seen': 'first_seen',
  'last-seen': 'last_seen',
  domain: 'domain',
} as const;

export async function queryRefDomains(conn: DuckDBConnection, q: RefDomainQuery): Promise<RefDomainRow[]> {
  const p = new Params();
  const where = whereOf(q, p);
  const tie = q.sort === 'domain' ? '' : ', domain';
  const page = await rows(
    conn,
    `SELECT source_domain AS domain, count(*)::INTEGER AS links, (count(*) FILTER (WHERE followed))::INTEGER AS dofollow_links,
       ${ms('min(first_seen)')} AS first_seen, ${ms('max(last_seen)')} AS last_seen
     FROM links WHERE ${where} GROUP BY source_domain
     ORDER BY ${REFDOMAIN_SORT[q.sort]} ${direction(q.order)}${tie} LIMIT ${q.limit} OFFSET ${q.offset}`,
    p,
  );
  if (page.length === 0) return [];
  const bp = new Params();
  const bestWhere = whereOf(q, bp);
  const domains = bp.list(page.map((r) => r.domain as string));
  const best = await rows(
    conn,
    `SELECT domain, source_url, target_url, anchor, kind, followed, placement FROM (
       SELECT source_domain AS domain, source_url, target_url, anchor, kind, followed, placement,
         row_number() OVER (PARTITION BY source_domain ORDER BY followed DESC, (lost_at IS NULL) DESC,
           (placement = 'content') DESC, (kind = 'a') DESC, first_seen, source_url, target_url, kind) AS rn
       FROM links WHERE ${bestWhere} AND source_domain IN (${domains})) WHERE rn = 1`,
    bp,
  );
  const bestOf = new Map(best.map((b) => [b.domain as string, b]));
  return page.map((r) => {
    const b = bestOf.get(r.domain as string)!;
    return {
      domain: r.domain as string,
      links: r.links as number,
      dofollowLinks: r.dofollow_links as number,
      firstSeen: r.first_seen as number,
      lastSeen: r.last_seen as number,
      best: {
        sourceUrl: b.source_url as string,
        targetUrl: b.target_url as string,
        anchor: b.anchor as string,
        kind: b.kind as LedgerKind,
        followed: b.followed as boolean,
        placement: b.placement as Placement,
      },
    };
  });
}

const AGGREGATES = `count(*)::INTEGER AS links, (count(*) FILTER (WHERE followed))::INTEGER AS dofollow_links,
  count(DISTINCT source_domain)::INTEGER AS refdomains, ${ms('min(first_seen)')} AS first_seen,
  ${ms('max(last_seen)')} AS last_seen`;

const ANCHOR_SORT = {
  links: 'links',
  refdomains: 'refdomains',
  'first-seen': 'first_seen',
  anchor: 'anchor',
} as const;

export async function queryAnchors(conn: DuckDBConnection, q: AnchorQuery): Promise<AnchorRow[]> {
  const p = new Params();
  const tie = q.sort === 'anchor' ? ', img' : ', anchor, img';
  const found = await rows(
    conn,
    `SELECT anchor, (image OR kind = 'img') AS img, ${AGGREGATES} FROM links WHERE ${whereOf(q, p)}
     GROUP BY anchor, img ORDER BY ${ANCHOR_SORT[q.sort]} ${direction(q.order)}${tie}
     LIMIT ${q.limit} OFFSET ${q.offset}`,
    p,
  );
  return found.map((r) => ({ anchor: r.anchor as string, image: r.img as boolean, ...aggregates(r) }));
}

const PAGE_SORT = {
  refdomains: 'refdomains',
  links: 'links',
  'dofollow-links': 'dofollow_links',
  'first-seen': 'first_seen',
  'last-seen': 'last_seen',
  url: 'target_url',
} as const;

export async function queryPages(conn: DuckDBConnection, q: PageQuery): Promise<LinkedPageRow[]> {
  const p = new Params();
  const tie = q.sort === 'url' ? '' : ', target_url';
  const found = await rows(
    conn,
    `SELECT target_url, ${AGGREGATES} FROM links WHERE ${whereOf(q, p)} GROUP BY target_url
     ORDER BY ${PAGE_SORT[q.sort]} ${direction(q.order)}${tie} LIMIT ${q.limit} OFFSET ${q.offset}`,
    p,
  );
  return found.map((r) => ({ targetUrl: r.target_url as string, ...aggregates(r) }));
}

function aggregates(r: Row) {
  return {
    links: r.links as number,
    dofollowLinks: r.dofollow_links as number,
    refdomains: r.refdomains as number,
    firstSeen: r.first_seen as number,
    lastSeen: r.last_seen as number,
  };
}

export async function queryProfile(conn: DuckDBConnection, q: ProfileQuery): Promise<ProfileFigures> {
  const p = new Params();
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE profile_links AS SELECT source_url, source_domain, kind, placement, followed,
       first_seen, lost_at FROM links WHERE ${whereOf(q, p, { ignoreStatus: true })}`,
    p.values,
  );
  try {
    const none = new Params();
    const [totals] = await rows(
      conn,
      `SELECT count(*)::INTEGER AS total, (count(*) FILTER (WHERE lost_at IS NULL))::INTEGER AS live,
         (count(*) FILTER (WHERE lost_at IS NULL AND followed))::INTEGER AS dofollow,
         (count(DISTINCT source_domain) FILTER (WHERE lost_at IS NULL))::INTEGER AS refdomains,
         (count(DISTINCT source_url) FILTER (WHERE lost_at IS NULL))::INTEGER AS refpages FROM profile_links`,
      none,
    );
    const t = totals!;
    const counted = async (expr: string, limit: number | null) =>
      (
        await rows(
          conn,
          `SELECT ${expr} AS name, count(*)::INTEGER AS links, count(DISTINCT source_domain)::INTEGER AS refdomains
           FROM profile_links WHERE lost_at IS NULL GROUP BY name ORDER BY links DESC, name
           ${limit === null ? '' : `LIMIT ${limit}`}`,
          none,
        )
      ).map((r) => ({
        name: r.name as string,
        links: r.links as number,
        refdomains: r.refdomains as number,
      }));
    const topDomains: NamedCount[] = await counted('source_domain', q.top);
    return {
      links: {
        total: t.total as number,
        live: t.live as number,
        lost: (t.total as number) - (t.live as number),
      },
      dofollowLinks: t.dofollow as number,
      refdomains: t.refdomains as number,
      refpages: t.refpages as number,
      kinds: await counted('kind', null),
      placements: await counted('placement', null),
      tlds: await counted(`string_split(source_domain, '.')[-1]`, q.top),
      topDomains,
      last30Days: await windowCounts(conn, q.now - 30 * DAY_MS),
      last90Days: await windowCounts(conn, q.now - 90 * DAY_MS),
    };
  } finally {
    await conn.run('DROP TABLE IF EXISTS profile_links');
  }
}

async function windowCounts(conn: DuckDBConnection, since: number): Promise<WindowCounts> {
  const p = new Params();
  const s = `epoch_ms(CAST(${p.add(since)} AS BIGINT))`;
  const [r] = await rows(
    conn,
    `WITH d AS (SELECT source_domain, min(first_seen) AS first, bool_or(lost_at IS NULL) AS any_live,
                  max(lost_at) AS last_loss FROM profile_links GROUP BY source_domain)
     SELECT (SELECT count(*) FROM profile_links WHERE first_seen >= ${s})::INTEGER AS new_links,
            (SELECT count(*) FROM profile_links WHERE lost_at >= ${s})::INTEGER AS lost_links,
            (SELECT count(*) FROM d WHERE first >= ${s})::INTEGER AS new_domains,
            (SELECT count(*) FROM d WHERE NOT any_live AND last_loss >= ${s})::INTEGER AS lost_domains`,
    p,
  );
  return {
    newLinks: r!.new_links as number,
    lostLinks: r!.lost_links as number,
    newRefdomains: r!.new_domains as number,
    lostRefdomains: r!.lost_domains as number,
  };
}
