/**
 * The toxicity audit over the ledger: reads a target's live external backlinks, what the ledger knows of
 * the linking pages (outlinks, language, title, text digest: its simhash finds shared templates), the
 * domain-level links among the referring domains (for link farms), and the target's whitelist, then runs
 * the pure detectors (core/toxicity). Facts the ledger does not keep (IP addresses, analytics ids, spam
 * mass without trusted seeds) leave their detectors listed as unavailable, with why.
 */
import { linkFilter, type Scope, type TargetSelector, targetSelector } from '../../core/ledger/query.ts';
import type { BacklinkRow } from '../../core/ledger/rows.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { parseDigest } from '../../core/text/index.ts';
import { assessToxicity } from '../../core/toxicity/assess.ts';
import type { ToxicityOverrides } from '../../core/toxicity/config.ts';
import type {
  BacklinkInput,
  DomainLink,
  PageFacts,
  ToxicityInput,
  ToxicityReport,
} from '../../core/toxicity/model.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';
import { hostOf } from '../../core/url/normalize.ts';
import { allBacklinks } from '../ledger/all-backlinks.ts';

export interface ToxicRequest {
  target: string;
  /** Default `domain`. */
  scope?: Scope;
  brandTerms?: readonly string[];
  keywords?: readonly string[];
  config?: ToxicityOverrides;
}

export interface ToxicAudit {
  report: ToxicityReport;
  /** The backlinks the report's `index` fields point into. */
  backlinks: readonly BacklinkRow[];
}

export async function auditToxicity(store: LedgerStore, request: ToxicRequest): Promise<ToxicAudit> {
  const scope = request.scope ?? 'domain';
  const selector = targetSelector(request.target, scope);
  const backlinks = await allBacklinks(store, linkFilter(selector, { status: 'live' }));
  const targetDomain = domainOfTarget(selector);
  const sourceUrls = [...new Set(backlinks.map((l) => l.sourceUrl))];
  const facts = await store.pageFacts([...sourceUrls, ...new Set(backlinks.map((l) => l.targetUrl))]);
  const reviews = await store.reviews(request.target);
  const referring = new Set(backlinks.map((l) => l.sourceDomain));
  const targetLang = mostCommon(
    [...new Set(backlinks.map((l) => l.targetUrl))].map((u) => facts.get(u)?.lang ?? null),
  );

  const input: ToxicityInput = {
    target: {
      domain: targetDomain,
      lang: targetLang,
      ...(request.brandTerms && request.brandTerms.length > 0 ? { brandTerms: request.brandTerms } : {}),
      ...(request.keywords && request.keywords.length > 0 ? { keywords: request.keywords } : {}),
    },
    backlinks: backlinks.map(toInput),
    pages: sourceUrls.flatMap((url): PageFacts[] => {
      const f = facts.get(url);
      if (!f) return [];
      return [
        {
          url,
          outlinks: f.outlinks,
          externalOutlinks: f.externalOutlinks,
          lang: f.lang,
          title: f.title,
          text: digestText(f.textDigest),
        },
      ];
    }),
    domainLinks: await domainLinksAmong(store, referring, targetDomain),
    whitelist: {
      domains: reviews.filter((r) => r.kind === 'domain').map((r) => r.value),
      urls: reviews.filter((r) => r.kind === 'url').map((r) => r.value),
    },
  };
  return { report: assessToxicity(input, request.config ? { config: request.config } : {}), backlinks };
}

function domainOfTarget(selector: TargetSelector): string {
  const value = selector.values[0] ?? '';
  if (selector.scope === 'domain') return value;
  if (selector.scope === 'host') return registrableDomain(value);
  return registrableDomain(hostOf(value) ?? value);
}

function toInput(l: BacklinkRow): BacklinkInput {
  return {
    sourceUrl: l.sourceUrl,
    sourceHost: l.sourceHost,
    sourceDomain: l.sourceDomain,
    targetUrl: l.targetUrl,
    anchor: l.kind === 'webgraph' ? null : l.anchor,
    image: l.image,
    nofollow: l.nofollow,
    sponsored: l.sponsored,
    ugc: l.ugc,
    kind: l.kind,
    placement: l.placement,
    firstSeen: l.firstSeen,
  };
}

/**
 * The page's text as its digest remembers it (each term repeated as often as counted, capped): enough for
 * a simhash to tell pages built on one template apart from independent ones.
 */
function digestText(digest: string | null): string | null {
  const parsed = digest === null ? null : parseDigest(digest);
  if (parsed === null || parsed.terms.length === 0) return null;
  return parsed.terms.map((t) => `${t.term} `.repeat(Math.min(t.count, 16))).join('');
}

/** Live links between referring domains (and to the target), folded to registrable domains. */
async function domainLinksAmong(
  store: LedgerStore,
  referring: ReadonlySet<string>,
  targetDomain: string,
): Promise<DomainLink[]> {
  const keep = new Set([...referring, targetDomain]);
  const seen = new Set<string>();
  const out: DomainLink[] = [];
  const domainOf = memo((url: string) => {
    const host = hostOf(url);
    return host === null ? null : registrableDomain(host);
  });
  await store.linkGraph((links) => {
    for (const l of links) {
      if (!l.live) continue;
      const from = domainOf(l.sourceUrl);
      const to = domainOf(l.targetUrl);
      if (from === null || to === null || from === to || !keep.has(from) || !keep.has(to)) continue;
      const key = `${from}\t${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ from, to });
    }
  });
  return out;
}

function memo<T>(f: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      v = f(key);
      if (cache.size > 100_000) cache.clear();
      cache.set(key, v);
    }
    return v as T;
  };
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}
