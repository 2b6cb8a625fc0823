/**
 * The whole ledger as ordered plain objects, without store-assigned ids: the same shape and order as the
 * memory store's dump, so tests can compare backends and compare a resumed import with a clean one.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LedgerDump } from '../../core/ledger/store.ts';
import { linkOf } from './load-state.ts';
import { ms } from './schema.ts';

type Row = Record<string, unknown>;

async function all(conn: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

export async function dumpLedger(conn: DuckDBConnection): Promise<LedgerDump> {
  const pages = (
    await all(
      conn,
      `SELECT url, host, domain, captured, CAST(status AS INTEGER) AS status, ${ms('fetched_at')} AS fetched_at, state,
       canonical, title, lang, content_hash, text_digest, analytics_ids, remote_address FROM pages ORDER BY url`,
    )
  ).map((r) => ({
    url: r.url,
    host: r.host,
    domain: r.domain,
    captured: r.captured,
    status: r.status,
    fetchedAt: r.fetched_at,
    state: r.state,
    canonical: r.canonical,
    title: r.title,
    lang: r.lang,
    contentHash: r.content_hash,
    textDigest: r.text_digest,
    analyticsIds: r.analytics_ids,
    remoteAddress: r.remote_address,
  }));
  const captures = (
    await all(
      conn,
      `SELECT p.url AS page_url, ${ms('c.captured_at')} AS captured_at, c.source, c.state
       FROM captures c JOIN pages p ON p.id = c.page_id ORDER BY p.url, c.captured_at, c.source`,
    )
  ).map((r) => ({ pageUrl: r.page_url, capturedAt: r.captured_at, source: r.source, state: r.state }));
  const links = (
    await all(
      conn,
      `SELECT CAST(id AS DOUBLE) AS id, page_id, source_url, source_domain, target_url, target_host,
       target_domain, kind, followed, anchor, rel, nofollow, sponsored, ugc, image, placement,
       ${ms('first_seen')} AS first_seen, ${ms('last_seen')} AS last_seen, ${ms('last_live')} AS last_live,
       ${ms('lost_at')} AS lost_at, lost_reason, ${ms('reported_lost_at')} AS reported_lost_at, reported_lost_reason,
       ${ms('attrs_at')} AS attrs_at FROM links ORDER BY source_url, target_url, kind, followed`,
    )
  ).map((r) => {
    const { id: _id, pageId: _p, ...rest } = linkOf(r);
    return rest;
  });
  const linkSources = (
    await all(
      conn,
      `SELECT l.source_url, l.target_url, l.kind, l.followed, s.source, ${ms('s.first_seen')} AS first,
       ${ms('s.last_seen')} AS last FROM link_sources s JOIN links l ON l.id = s.link_id
       ORDER BY l.source_url, l.target_url, l.kind, l.followed, s.source`,
    )
  ).map((r) => ({
    sourceUrl: r.source_url,
    targetUrl: r.target_url,
    kind: r.kind,
    followed: r.followed,
    source: r.source,
    first: r.first,
    last: r.last,
  }));
  return { pages, captures, links, linkSources };
}
