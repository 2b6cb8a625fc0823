/**
 * The toxicity audit over the ledger: reads a target's live external backlinks, what the ledger knows of
 * the linking pages (outlinks, language, title, text digest: its simhash finds shared templates), the
 * domain-level links among the referring domains (for link farms), and the target's whitelist, then runs
 * the pure detectors (core/toxicity). The analytics ids of linking pages (`pages[].analyticsIds`, from the
 * HTML imports and the crawler) and, per referring domain, the distinct IPv4 addresses its linking pages
 * were fetched from (`domains[].ipv4`, crawler captures only) feed the shared-id and shared-network
 * detectors; when no linking page has them, those detectors are listed as unavailable, with why, as is
 * spam mass without trusted seeds.
 */
import { linkFilter, type Scope, type TargetSelector, targetSelector } from '../../core/ledger/query.ts';
import type { BacklinkRow } from '../../core/ledger/rows.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { parseDigest } from '../../core/text/index.ts';
import { assessToxicity } from '../../core/toxicity/assess.ts';
import type { ToxicityOverrides } from '../../core/toxicity/config.ts';
import { parseIpv4 } from '../../core/toxicity/ipv4.ts';
import type {
  BacklinkInput,
  DomainFacts,
  DomainLink,
  PageFacts,
  ToxicityInput,
  ToxicityReport,
} from '../../core/toxicity/model.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';
import { hostOf } from '../../core/url/normalize.ts';
import { allBacklinks } from '../ledger/all-backlinks.ts';
import { domainSpamMass } from './domain-spam-mass.ts';

export interface ToxicRequest {
  target: string;
  /** Default `domain`. */
  scope?: Scope;
  brandTerms?: readonly string[];
  keywords?: readonly string[];
  config?: ToxicityOverrides;
  /** Trusted domains: with them, each referring domain's spam mass is computed (domain-spam-mass.ts). */
  trusted?: readonly string[];
}

export interface ToxicAudit {
  report: ToxicityReport;
  /** Trusted domains that are not in the ledger (they could not seed anything). */
  unknownSeeds: string[];
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
  const mass =
    request.trusted && request.trusted.length > 0 ? await domainSpamMass(store, request.trusted) : null;
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
          // None known reads as "not known" (the ledger does not tell "read, none" from "never read").
          analyticsIds: f.analyticsIds.length > 0 ? f.analyticsIds : null,
        },
      ];
    }),
    domains: withSpamMass(domainAddresses(backlinks, facts), mass?.byDomain ?? null, referring),
    domainLinks: await domainLinksAmong(store, referring, targetDomain),
    whitelist: {
      domains: reviews.filter((r) => r.kind === 'domain').map((r) => r.value),
      urls: reviews.filter((r) => r.kind === 'url').map((r) => r.value),
    },
  };
  return {
    report: assessToxicity(input, request.config ? { config: request.config } : {}),
    backlinks,
    unknownSeeds: mass?.unknownSeeds ?? [],
  };
}

/** Adds each referring domain's spam mass and PageRank (when computed) to its facts. */
function withSpamMass(
  facts: DomainFacts[],
  mass: ReadonlyMap<string, { spamMass: number; pagerank: number }> | null,
  referring: ReadonlySet<string>,
): DomainFacts[] {
  if (mass === null) return facts;
  const byDomain = new Map(facts.map((f) => [f.domain, f]));
  for (const domain of referring) {
    const m = mass.get(domain);
    if (m === undefined) continue;
    byDomain.set(domain, {
      ...(byDomain.get(domain) ?? { domain }),
      spamMass: m.spamMass,
      pagerank: m.pagerank,
    });
  }
  return [...byDomain.values()];
}

/** Per referring domain, the distinct IPv4 addresses its linking pages were fetched from (when any). */
function domainAddresses(
  backlinks: readonly BacklinkRow[],
  facts: ReadonlyMap<string, { remoteAddress: string | null }>,
): DomainFacts[] {
  const byDomain = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const l of backlinks) {
    if (seen.has(l.sourceUrl)) continue;
    seen.add(l.sourceUrl);
    const address = ipv4Of(facts.get(l.sourceUrl)?.remoteAddress ?? null);
    if (address === null) continue;
    let set = byDomain.get(l.sourceDomain);
    if (set === undefined) {
      set = new Set();
      byDomain.set(l.sourceDomain, set);
    }
    set.add(address);
  }
  return [...byDomain].map(([domain, addresses]) => ({ domain, ipv4: [...addresses].sort() }));
}

/** A dotted quad, also written IPv4-mapped (`::ffff:203.0.113.7`); null for IPv6 and anything else. */
function ipv4Of(address: string | null): string | null {
  if (address === null) return null;
  const text = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return parseIpv4(text) === null ? null : text;
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
