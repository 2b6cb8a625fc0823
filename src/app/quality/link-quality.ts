/**
 * Backlink quality over the ledger: gathers what the pure score (core/quality/score.ts) needs for each
 * link of a target (authority of the linking page and domain from the last `linkledger rank`, text
 * relevance from the pages' digests, the linking page's outlinks, how many pages of the referring domain
 * link to the target, languages) and scores it. `explainLink` does the same for the links between one
 * source page and one target URL.
 *
 * A link's score must not depend on which listing shows it (a page of `backlinks`, another page, `explain`),
 * so what the score compares a link with is fixed by the target's registrable domain (`qualityContext`):
 *   - document frequencies for relevance come from the text digests of the pages of every live external
 *     backlink to that domain (the linking pages and the pages they link to): terms all of them share
 *     (the site's boilerplate) weigh little;
 *   - sitewide repetition counts, per referring domain, its pages linking anywhere in that domain
 *     (internal, lost and every kind included).
 */
import { UsageError } from '../../core/errors.ts';
import type { LedgerKind } from '../../core/ledger/model.ts';
import type { PageFacts } from '../../core/ledger/page-facts.ts';
import { linkFilter, type Scope, targetSelector } from '../../core/ledger/query.ts';
import type { BacklinkRow } from '../../core/ledger/rows.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { type LinkQuality, linkQuality } from '../../core/quality/score.ts';
import { DEFAULT_QUALITY_WEIGHTS, type QualityWeights } from '../../core/quality/weights.ts';
import { anchorRelevance, DocumentFrequencies, pageRelevance, topicLabels } from '../../core/text/index.ts';
import { registrableDomain } from '../../core/url/host-keys.ts';
import { normalizeUrl } from '../../core/url/normalize.ts';
import { allBacklinks } from '../ledger/all-backlinks.ts';

export interface ScoredLink {
  link: BacklinkRow;
  quality: LinkQuality;
  /** The inputs as read from the ledger (null: not known). */
  sourceAuthority: number | null;
  sourceDomainAuthority: number | null;
  relevance: number | null;
  anchorRelevance: number | null;
  /** What each page is about: its most distinctive terms (empty without a text digest). */
  sourceTopics: string[];
  targetTopics: string[];
}

export interface QualityRequest {
  target: string;
  /** Default `domain`. */
  scope?: Scope;
  includeInternal?: boolean;
  /** Default `live`. */
  status?: 'live' | 'lost' | 'all';
  kinds?: readonly LedgerKind[] | 'all';
  weights?: QualityWeights;
}

/** Every backlink of a target (within the filter) with its quality, best first. */
export async function scoreBacklinks(store: LedgerStore, request: QualityRequest): Promise<ScoredLink[]> {
  const selector = targetSelector(request.target, request.scope ?? 'domain');
  const filter = linkFilter(selector, {
    includeInternal: request.includeInternal ?? false,
    status: request.status ?? 'live',
    ...(request.kinds === undefined ? {} : { kinds: request.kinds }),
  });
  const links = await allBacklinks(store, filter);
  const scored = await scoreLinks(store, links, request.weights ?? DEFAULT_QUALITY_WEIGHTS);
  return scored.sort(
    (a, b) => b.quality.score - a.quality.score || compare(a.link.sourceUrl, b.link.sourceUrl),
  );
}

/** The links from one page to one URL (every kind, live or lost), each with its quality breakdown. */
export async function explainLink(
  store: LedgerStore,
  source: string,
  target: string,
  weights: QualityWeights = DEFAULT_QUALITY_WEIGHTS,
): Promise<ScoredLink[]> {
  const sourceUrl = normalizeUrl(source);
  const targetUrl = normalizeUrl(target);
  if (sourceUrl === null) throw new UsageError(`not a URL: ${source}`);
  if (targetUrl === null) throw new UsageError(`not a URL: ${target}`);
  const toUrl = linkFilter(targetSelector(targetUrl, 'url'), {
    includeInternal: true,
    status: 'all',
    kinds: 'all',
  });
  const links = (await allBacklinks(store, toUrl)).filter((l) => l.sourceUrl === sourceUrl);
  return scoreLinks(store, links, weights);
}

/** What scores are measured against, fixed by the target's registrable domain (see the top of the file). */
interface QualityContext {
  df: DocumentFrequencies;
  /** Pages of each referring domain linking anywhere in the target's domain. */
  perDomain: Map<string, number>;
  facts: Map<string, PageFacts>;
}

async function qualityContext(
  store: LedgerStore,
  domain: string,
  links: readonly BacklinkRow[],
): Promise<QualityContext> {
  const site = targetSelector(domain, 'domain');
  const corpus = await allBacklinks(store, linkFilter(site, { status: 'live' }));
  const corpusUrls = new Set(corpus.flatMap((l) => [l.sourceUrl, l.targetUrl]));
  const urls = new Set([...corpusUrls, ...links.flatMap((l) => [l.sourceUrl, l.targetUrl])]);
  const facts = await store.pageFacts([...urls]);
  const df = new DocumentFrequencies();
  for (const [url, f] of facts) if (corpusUrls.has(url) && f.textDigest) df.add(f.textDigest);
  const perDomain = await store.linkingPagesPerDomain(
    linkFilter(site, { includeInternal: true, status: 'all', kinds: 'all' }),
  );
  return { df, perDomain, facts };
}

/**
 * Scores given ledger links, each against its target's domain (qualityContext), so the same link scores
 * the same whatever else is listed with it.
 */
export async function scoreLinks(
  store: LedgerStore,
  links: readonly BacklinkRow[],
  weights: QualityWeights,
): Promise<ScoredLink[]> {
  if (links.length === 0) return [];
  const contexts = new Map<string, QualityContext>();
  for (const domain of new Set(links.map((l) => registrableDomain(l.targetHost)))) {
    const mine = links.filter((l) => registrableDomain(l.targetHost) === domain);
    contexts.set(domain, await qualityContext(store, domain, mine));
  }
  const pageAuthority = await store.authorityOf('page', [...new Set(links.map((l) => l.sourceUrl))]);
  const domainAuthority = await store.authorityOf('domain', [...new Set(links.map((l) => l.sourceDomain))]);
  return links.map((link) => {
    const { df, perDomain, facts } = contexts.get(registrableDomain(link.targetHost))!;
    const source: PageFacts | undefined = facts.get(link.sourceUrl);
    const target: PageFacts | undefined = facts.get(link.targetUrl);
    const relevance =
      source?.textDigest && target?.textDigest
        ? pageRelevance(source.textDigest, target.textDigest, df)
        : null;
    const anchorScore =
      link.anchor !== '' && (target?.title || target?.textDigest)
        ? anchorRelevance(link.anchor, target.title, target.textDigest, df)
        : null;
    const sourceAuthority = pageAuthority.get(link.sourceUrl)?.score ?? null;
    const sourceDomainAuthority = domainAuthority.get(link.sourceDomain)?.score ?? null;
    const quality = linkQuality(
      {
        kind: link.kind,
        image: link.image,
        nofollow: link.nofollow,
        sponsored: link.sponsored,
        ugc: link.ugc,
        placement: link.placement,
        live: link.lostAt === null,
        pageAuthority: sourceAuthority,
        domainAuthority: sourceDomainAuthority,
        relevance,
        anchorRelevance: anchorScore,
        externalOutlinks: source ? source.externalOutlinks : null,
        domainLinkingPages: perDomain.get(link.sourceDomain) ?? 1,
        sourceLang: source?.lang ?? null,
        targetLang: target?.lang ?? null,
      },
      weights,
    );
    return {
      link,
      quality,
      sourceAuthority,
      sourceDomainAuthority,
      relevance,
      anchorRelevance: anchorScore,
      sourceTopics: topicLabels(source?.textDigest, df, 5),
      targetTopics: topicLabels(target?.textDigest, df, 5),
    };
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
