/**
 * Links of one Common Crawl WAT record (the JSON of a `metadata` record describing a `response`).
 *
 * Where the links live (DOMAIN.md, and ia-web-commons' ExtractingParseObserver):
 *   Envelope.WARC-Header-Metadata.{WARC-Type, WARC-Target-URI}     the capture
 *   Envelope.Payload-Metadata.HTTP-Response-Metadata
 *     .Response-Message.Status, .Headers (Location, X-Robots-Tag)
 *     .HTML-Metadata.Links[]        {path, url | href (STYLE/#text), text?, alt?, rel?}
 *     .HTML-Metadata.Head.Link[]    <link> elements, path LINK@/href
 *     .HTML-Metadata.Head.Base      <base href>: links resolve against it (else the page URL)
 *     .HTML-Metadata.Head.Metas[]   robots directives and http-equiv refresh
 * WAT keeps raw attribute values; we resolve them exactly as the HTML extractor does, so a link read from
 * a WAT and the same link read from the WARC are equal. WAT has no page structure, so placement is
 * `unknown`.
 */
import { kindOfPath } from '../../core/link/kind-of.ts';
import type { Link } from '../../core/link/link.ts';
import { metaRefreshUrl } from '../../core/link/meta-refresh.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { parseRobotsDirectives, relFlags } from '../../core/link/rel.ts';
import { resolveUrl } from '../../core/url/normalize.ts';

export type WatOutcome =
  | { kind: 'page'; page: PageLinks }
  /** A record with nothing to extract: `reason` is counted in the run's statistics. */
  | { kind: 'skip'; reason: 'wat-not-response' | 'wat-no-target-uri' | 'wat-not-html' | 'wat-bad-json' };

type Json = Record<string, unknown>;

/** Reads one WAT record's JSON text. */
export function pageFromWatJson(text: string): WatOutcome {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { kind: 'skip', reason: 'wat-bad-json' };
  }
  return pageFromWat(root);
}

export function pageFromWat(root: unknown): WatOutcome {
  const envelope = obj(obj(root)?.Envelope);
  const warcHeader = obj(envelope?.['WARC-Header-Metadata']);
  if (str(warcHeader?.['WARC-Type']) !== 'response') return { kind: 'skip', reason: 'wat-not-response' };
  const rawTarget = str(warcHeader?.['WARC-Target-URI']);
  const pageUrl = rawTarget ? resolveUrl(rawTarget.replace(/^<|>$/g, '')) : null;
  if (!pageUrl) return { kind: 'skip', reason: 'wat-no-target-uri' };

  const response = obj(obj(envelope?.['Payload-Metadata'])?.['HTTP-Response-Metadata']);
  const status = Number.parseInt(str(obj(response?.['Response-Message'])?.Status) ?? '', 10);
  const headers = obj(response?.Headers) ?? {};
  const html = obj(response?.['HTML-Metadata']);
  const location = headerValue(headers, 'location');
  const isRedirect = status >= 300 && status < 400 && location !== undefined;
  if (!html && !isRedirect) return { kind: 'skip', reason: 'wat-not-html' };

  const head = obj(html?.Head);
  const baseHref = str(head?.Base);
  const baseUrl = (baseHref ? resolveUrl(baseHref, pageUrl) : null) ?? pageUrl;
  const metas = arr(head?.Metas)
    .map(obj)
    .filter((m): m is Json => m !== undefined);
  const robots = metas.filter((m) => lower(str(m.name)) === 'robots').map((m) => str(m.content) ?? '');
  const headerRobots = headerValue(headers, 'x-robots-tag');
  const metaDirectives = parseRobotsDirectives(robots.join(','));
  const headerDirectives = parseRobotsDirectives(headerRobots);
  const pageNofollow = metaDirectives.nofollow || headerDirectives.nofollow;

  const links: Link[] = [];
  const add = (rawUrl: string, path: string, anchor: string, rel: string | undefined, against: string) => {
    const flags = relFlags(rel);
    links.push({
      source: pageUrl,
      target: resolveUrl(rawUrl, against),
      rawUrl,
      kind: kindOfPath(path),
      path,
      anchor,
      rel: flags.rel,
      nofollow: flags.nofollow || pageNofollow,
      sponsored: flags.sponsored,
      ugc: flags.ugc,
      placement: 'unknown',
      position: links.length,
    });
  };

  if (isRedirect && location !== undefined) add(location, 'HTTP@/location', '', undefined, pageUrl);
  if (baseHref) add(baseHref, 'BASE@/href', '', undefined, pageUrl);
  for (const meta of metas) {
    if (lower(str(meta['http-equiv'])) !== 'refresh') continue;
    const url = metaRefreshUrl(str(meta.content) ?? '');
    if (url !== null) add(url, 'META@/content', '', undefined, baseUrl);
  }
  for (const item of arr(head?.Link)) {
    const link = obj(item);
    const url = str(link?.url) ?? str(link?.href);
    if (link && url !== undefined) add(url, str(link.path) ?? 'LINK@/href', '', str(link.rel), baseUrl);
  }
  for (const item of arr(html?.Links)) {
    const link = obj(item);
    const url = str(link?.url) ?? str(link?.href);
    const path = str(link?.path);
    if (!link || url === undefined || path === undefined) continue;
    add(url, path, str(link.text) ?? str(link.alt) ?? '', str(link.rel), baseUrl);
  }

  const title = str(head?.Title);
  const ogUrl = metas.find((m) => lower(str(m.property)) === 'og:url');
  const canonical = arr(head?.Link)
    .map(obj)
    .find((l) => relFlags(str(l?.rel)).rel.includes('canonical'));
  const canonicalHref = str(canonical?.url) ?? str(canonical?.href);
  return {
    kind: 'page',
    page: {
      page: {
        url: pageUrl,
        status: Number.isNaN(status) ? null : status,
        baseUrl,
        canonical: canonicalHref ? resolveUrl(canonicalHref, baseUrl) : null,
        ogUrl: ogUrl ? resolveUrl(str(ogUrl.content) ?? '', baseUrl) : null,
        title: title ?? null,
        lang: null,
        noindex: metaDirectives.noindex || headerDirectives.noindex,
        nofollow: pageNofollow,
        charset: 'utf-8',
        charsetSource: 'default',
      },
      links,
    },
  };
}

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function lower(value: string | undefined): string | undefined {
  return value?.toLowerCase();
}
function headerValue(headers: Json, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.map(String).join(', ') : str(value);
  }
  return undefined;
}
