/**
 * Reads what the ledger holds about a set of source pages (page rows, captures, links) for the planner.
 * URLs and page ids travel through TEMP staging tables, so the lookups are hash semi-joins, not long IN
 * lists. Pages that do not exist are simply absent from the result.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { fastHostOf } from '../../core/ledger/keys.ts';
import type {
  CaptureState,
  LedgerKind,
  LostReason,
  PageLedgerState,
  StoredLink,
  StoredPage,
} from '../../core/ledger/model.ts';
import type { Placement } from '../../core/link/link.ts';
import { ms, resetStage } from './schema.ts';
import { withStageAppenders } from './stage-appenders.ts';
import { stageUrls } from './stage-urls.ts';

type Row = Record<string, unknown>;

export async function loadStates(
  conn: DuckDBConnection,
  urls: readonly string[],
): Promise<Map<string, PageLedgerState>> {
  const result = new Map<string, PageLedgerState>();
  if (urls.length === 0) return result;
  await stageUrls(conn, urls);
  const pages = (
    await conn.runAndReadAll(`SELECT id, url, host, domain, captured, CAST(status AS INTEGER) AS status,
      ${ms('fetched_at')} AS fetched_at, state, canonical, title, lang, content_hash, text_digest,
      analytics_ids, remote_address FROM pages WHERE url IN (SELECT url FROM stage_urls)`)
  ).getRowObjectsJS() as Row[];
  if (pages.length === 0) return result;
  const byId = new Map<number, PageLedgerState>();
  await conn.run(resetStage('stage_ids'));
  await withStageAppenders(conn, async (open) => {
    const idRows = await open('stage_ids');
    for (const row of pages) {
      const page = pageOf(row);
      const state: PageLedgerState = { page, captures: [], links: [] };
      byId.set(page.id, state);
      result.set(page.url, state);
      idRows.appendInteger(page.id);
      idRows.endRow();
    }
    idRows.closeSync();
  });
  const captures = (
    await conn.runAndReadAll(`SELECT page_id, ${ms('captured_at')} AS captured_at, source, state FROM captures
      WHERE page_id IN (SELECT page_id FROM stage_ids)`)
  ).getRowObjectsJS() as Row[];
  for (const c of captures) {
    byId.get(c.page_id as number)?.captures.push({
      capturedAt: c.captured_at as number,
      source: c.source as string,
      state: c.state as CaptureState,
    });
  }
  const links = (
    await conn.runAndReadAll(`SELECT CAST(id AS DOUBLE) AS id, page_id, source_url, source_domain,
      target_url, target_host, target_domain, kind, followed, anchor, rel, nofollow, sponsored, ugc, image, placement,
      ${ms('first_seen')} AS first_seen, ${ms('last_seen')} AS last_seen, ${ms('last_live')} AS last_live,
      ${ms('lost_at')} AS lost_at, lost_reason, ${ms('reported_lost_at')} AS reported_lost_at, reported_lost_reason,
      ${ms('attrs_at')} AS attrs_at FROM links WHERE page_id IN (SELECT page_id FROM stage_ids)`)
  ).getRowObjectsJS() as Row[];
  for (const row of links) byId.get(row.page_id as number)?.links.push(linkOf(row));
  return result;
}

function pageOf(r: Row): StoredPage {
  return {
    id: r.id as number,
    url: r.url as string,
    host: r.host as string,
    domain: r.domain as string,
    captured: r.captured as boolean,
    status: r.status as number | null,
    fetchedAt: r.fetched_at as number | null,
    state: r.state as CaptureState | null,
    canonical: r.canonical as string | null,
    title: r.title as string | null,
    lang: r.lang as string | null,
    contentHash: r.content_hash as string | null,
    textDigest: r.text_digest as string | null,
    analyticsIds: r.analytics_ids as string | null,
    remoteAddress: r.remote_address as string | null,
  };
}

export function linkOf(r: Row): StoredLink {
  return {
    id: r.id as number,
    pageId: r.page_id as number,
    sourceUrl: r.source_url as string,
    sourceHost: fastHostOf(r.source_url as string) ?? (r.source_url as string),
    sourceDomain: r.source_domain as string,
    targetUrl: r.target_url as string,
    targetHost: r.target_host as string,
    targetDomain: r.target_domain as string,
    kind: r.kind as LedgerKind,
    followed: r.followed as boolean,
    anchor: r.anchor as string,
    rel: r.rel as string,
    nofollow: r.nofollow as boolean,
    sponsored: r.sponsored as boolean,
    ugc: r.ugc as boolean,
    image: r.image as boolean,
    placement: r.placement as Placement,
    firstSeen: r.first_seen as number,
    lastSeen: r.last_seen as number,
    lastLive: r.last_live as number | null,
    lostAt: r.lost_at as number | null,
    lostReason: r.lost_reason as LostReason | null,
    reportedLostAt: r.reported_lost_at as number | null,
    reportedLostReason: r.reported_lost_reason as LostReason | null,
    attrsAt: r.attrs_at as number,
  };
}
