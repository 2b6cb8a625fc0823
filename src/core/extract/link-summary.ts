/**
 * A short summary of a set of extracted links: what `npm start` and `extract --summary` print. Pure: feed
 * it pages, read the figures.
 */
import type { LinkKind } from '../link/link.ts';
import type { PageLinks } from '../link/page.ts';
import { registrableDomain } from '../url/host-keys.ts';
import { hostOf, isWebUrl } from '../url/normalize.ts';

/** Kinds that are votes for another page (what backlink tools count); the rest are resources. */
const HYPERLINK_KINDS: ReadonlySet<LinkKind> = new Set<LinkKind>([
  'a',
  'area',
  'redirect',
  'meta-refresh',
  'iframe',
  'frame',
]);

export interface DomainCount {
  domain: string;
  links: number;
  /** Distinct linking pages. */
  pages: number;
}

export interface LinkSummaryFigures {
  pages: number;
  links: number;
  hyperlinks: number;
  externalHyperlinks: number;
  nofollowHyperlinks: number;
  /** Share of hyperlinks (a, area, redirect...) that are nofollow, sponsored or ugc. */
  nofollowShare: number;
  byKind: Record<string, number>;
  byPlacement: Record<string, number>;
  /** Registrable domains most linked from other domains' pages (external hyperlinks only). */
  topLinkedDomains: DomainCount[];
}

export class LinkSummary {
  private pages = 0;
  private links = 0;
  private hyperlinks = 0;
  private external = 0;
  private notFollowed = 0;
  private readonly byKind = new Map<string, number>();
  private readonly byPlacement = new Map<string, number>();
  private readonly domains = new Map<string, { links: number; pages: Set<string> }>();
  private readonly domainCache = new Map<string, string | null>();

  add(page: PageLinks): void {
    this.pages += 1;
    const sourceDomain = this.domainOf(page.page.url);
    for (const link of page.links) {
      this.links += 1;
      bump(this.byKind, link.kind);
      bump(this.byPlacement, link.placement);
      if (!HYPERLINK_KINDS.has(link.kind) || link.target === null || !isWebUrl(link.target)) continue;
      this.hyperlinks += 1;
      if (link.nofollow || link.sponsored || link.ugc) this.notFollowed += 1;
      const targetDomain = this.domainOf(link.target);
      if (targetDomain === null || targetDomain === sourceDomain) continue;
      this.external += 1;
      let entry = this.domains.get(targetDomain);
      if (!entry) {
        entry = { links: 0, pages: new Set() };
        this.domains.set(targetDomain, entry);
      }
      entry.links += 1;
      entry.pages.add(page.page.url);
    }
  }

  figures(top = 10): LinkSummaryFigures {
    const topLinkedDomains = [...this.domains.entries()]
      .map(([domain, e]) => ({ domain, links: e.links, pages: e.pages.size }))
      .sort((a, b) => b.pages - a.pages || b.links - a.links || a.domain.localeCompare(b.domain))
      .slice(0, top);
    return {
      pages: this.pages,
      links: this.links,
      hyperlinks: this.hyperlinks,
      externalHyperlinks: this.external,
      nofollowHyperlinks: this.notFollowed,
      nofollowShare: this.hyperlinks === 0 ? 0 : this.notFollowed / this.hyperlinks,
      byKind: Object.fromEntries(this.byKind),
      byPlacement: Object.fromEntries(this.byPlacement),
      topLinkedDomains,
    };
  }

  private domainOf(url: string): string | null {
    const host = hostOf(url);
    if (host === null) return null;
    let domain = this.domainCache.get(host);
    if (domain === undefined) {
      domain = registrableDomain(host);
      this.domainCache.set(host, domain);
    }
    return domain;
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
