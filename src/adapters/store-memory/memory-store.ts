/**
 * The in-memory ledger store: maps of pages, captures, links and link sources. For tests, small imports and
 * as the reference implementation of the store contract. Values are copied in and out, so callers can
 * never change stored state behind the store's back; a commit is validated before anything is applied.
 */
import type { CrawlJob, FrontierEntry } from '../../core/crawl/frontier-model.ts';
import type {
  AuthorityLevel,
  AuthorityRun,
  AuthorityScore,
  GraphLink,
  LevelScores,
} from '../../core/ledger/authority.ts';
import type { BrokenPageQuery, BrokenPageRow } from '../../core/ledger/broken-pages.ts';
import type { GapDomainRow, GapQuery } from '../../core/ledger/gap.ts';
import type { HistoryBucket, HistoryQuery } from '../../core/ledger/history.ts';
import type { ImportRun } from '../../core/ledger/import-run.ts';
import type { PageLedgerState, StoredCapture, StoredLink, StoredPage } from '../../core/ledger/model.ts';
import type { PageFacts } from '../../core/ledger/page-facts.ts';
import { materializeFresh } from '../../core/ledger/plan-fresh.ts';
import type { PagePlan } from '../../core/ledger/plan-page.ts';
import type {
  AnchorQuery,
  BacklinkListing,
  BacklinkQuery,
  LinkFilter,
  PageQuery,
  ProfileQuery,
  RefDomainQuery,
} from '../../core/ledger/query.ts';
import type { DisavowVersion, NewDisavowVersion, ReviewEntry, ReviewKind } from '../../core/ledger/review.ts';
import type {
  AnchorRow,
  BacklinkRow,
  LinkedPageRow,
  ProfileFigures,
  RefDomainRow,
} from '../../core/ledger/rows.ts';
import type {
  CommitOrder,
  LedgerBatch,
  LedgerDump,
  LedgerStore,
  StoreCounts,
} from '../../core/ledger/store.ts';
import { MemoryAuthority } from './memory-authority.ts';
import { brokenPagesOf, gapOf, historyOf, linkingPagesOf, pageFactsOf } from './memory-change.ts';
import { MemoryCrawls } from './memory-crawls.ts';
import { compareKeys, compareText, linkOrderKeys, matchesFilter, page, profileOf } from './memory-queries.ts';
import { MemoryReviews } from './memory-reviews.ts';

interface SourceSpan {
  first: number;
  last: number;
}

/** Rows per batch of backlinkBatches (DuckDB's vector size, so both stores batch alike). */
const MEMORY_BATCH = 2048;

export class MemoryLedgerStore implements LedgerStore {
  readonly backend = 'memory';
  private readonly pages = new Map<string, StoredPage>();
  private readonly captures = new Map<number, StoredCapture[]>();
  private readonly links = new Map<number, StoredLink>();
  private readonly linksByPage = new Map<number, number[]>();
  private readonly linkSources = new Map<number, Map<string, SourceSpan>>();
  private readonly runs = new Map<string, ImportRun>();
  private readonly crawls = new MemoryCrawls();
  private readonly authority = new MemoryAuthority();
  private readonly reviewStore = new MemoryReviews();
  private nextPageId = 1;
  private nextLinkId = 1;
  private closed = false;

  async loadPageStates(urls: readonly string[]): Promise<Map<string, PageLedgerState>> {
    this.assertOpen();
    const result = new Map<string, PageLedgerState>();
    for (const url of urls) {
      const page = this.pages.get(url);
      if (!page || result.has(url)) continue;
      result.set(url, {
        page: { ...page },
        captures: (this.captures.get(page.id) ?? []).map((c) => ({ ...c })),
        links: (this.linksByPage.get(page.id) ?? []).map((id) => ({ ...this.links.get(id)! })),
      });
    }
    return result;
  }

  loadCommittedPageStates(urls: readonly string[]): Promise<Map<string, PageLedgerState>> {
    return this.loadPageStates(urls);
  }

  async commit(batch: LedgerBatch, order: CommitOrder = {}): Promise<void> {
    if (order.after) await order.after;
    this.assertOpen();
    const plans: PagePlan[] = []; // read once (they may be planned as they are read)
    for await (const plan of batch.plans) plans.push(plan);
    const seenUrls = new Set<string>();
    for (const plan of plans) {
      if (seenUrls.has(plan.page.url))
        throw new Error(`commit: page ${plan.page.url} planned twice in one batch`);
      seenUrls.add(plan.page.url);
      const existing = this.pages.get(plan.page.url);
      if (plan.pageIsNew === (existing !== undefined))
        throw new Error(`commit: stale plan for ${plan.page.url}`);
    }
    for (const plan of plans) {
      const pageId = plan.pageIsNew ? this.nextPageId++ : this.pages.get(plan.page.url)!.id;
      if (plan.pageChanged) this.pages.set(plan.page.url, { ...plan.page, id: pageId });
      if (plan.newCaptures.length > 0) {
        const list = this.captures.get(pageId) ?? [];
        list.push(...plan.newCaptures.map((c) => ({ ...c })));
        this.captures.set(pageId, list);
      }
      const ids = this.linksByPage.get(pageId) ?? [];
      const fresh = plan.fresh ? materializeFresh(plan.page, plan.fresh) : [];
      for (const planned of [...plan.newLinks, ...fresh]) {
        const id = this.nextLinkId++;
        this.links.set(id, { ...planned.link, id, pageId });
        ids.push(id);
        this.addSources(id, planned.seen);
      }
      this.linksByPage.set(pageId, ids);
      for (const planned of plan.touchedLinks) {
        const id = planned.link.id;
        if (id === null || !this.links.has(id)) throw new Error('commit: touched link without a stored id');
        if (planned.changed) this.links.set(id, { ...planned.link, pageId });
        this.addSources(id, planned.seen);
      }
    }
    if (batch.run) this.runs.set(batch.run.id, structuredClone(batch.run));
    if (batch.crawl) this.crawls.apply(batch.crawl);
  }

  async saveCrawlJob(job: CrawlJob): Promise<void> {
    this.assertOpen();
    this.crawls.saveJob(job);
  }

  async crawlJobs(key?: string): Promise<CrawlJob[]> {
    this.assertOpen();
    return this.crawls.jobsOf(key);
  }

  async frontier(jobId: string): Promise<FrontierEntry[]> {
    this.assertOpen();
    return this.crawls.frontier(jobId);
  }

  async saveImportRun(run: ImportRun): Promise<void> {
    this.assertOpen();
    this.runs.set(run.id, structuredClone(run));
  }

  async importRuns(key?: string): Promise<ImportRun[]> {
    return [...this.runs.values()]
      .filter((r) => key === undefined || r.key === key)
      .sort((a, b) => a.startedAt - b.startedAt || compareText(a.id, b.id))
      .map((r) => structuredClone(r));
  }

  async backlinkBatches(
    listing: BacklinkListing,
    onBatch: (rows: readonly BacklinkRow[]) => void | Promise<void>,
  ): Promise<number> {
    const all = await this.backlinks({ ...listing, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
    for (let i = 0; i < all.length; i += MEMORY_BATCH) await onBatch(all.slice(i, i + MEMORY_BATCH));
    return all.length;
  }

  async backlinks(q: BacklinkQuery): Promise<BacklinkRow[]> {
    const desc = q.order === 'desc';
    const primary = (l: StoredLink): string | number | null => {
      switch (q.sort) {
        case 'first-seen':
          return l.firstSeen;
        case 'last-seen':
          return l.lastSeen;
        case 'lost-at':
          return l.lostAt;
        case 'source-url':
          return l.sourceUrl;
        case 'source-domain':
          return l.sourceDomain;
        case 'anchor':
          return l.anchor;
      }
    };
    const rows = this.filtered(q).sort((a, b) =>
      compareKeys([primary(a), ...linkOrderKeys(a)], [primary(b), ...linkOrderKeys(b)], [desc]),
    );
    return page(rows, q).map((l) => this.backlinkRow(l));
  }

  async refDomains(q: RefDomainQuery): Promise<RefDomainRow[]> {
    const groups = new Map<string, StoredLink[]>();
    for (const l of this.filtered(q)) {
      const list = groups.get(l.sourceDomain) ?? [];
      list.push(l);
      groups.set(l.sourceDomain, list);
    }
    const rows = [...groups].map(([domain, links]) => {
      const best = [...links].sort((a, b) => compareKeys(bestKeys(a), bestKeys(b), []))[0]!;
      const { links: count, dofollowLinks, firstSeen, lastSeen } = aggregate(links);
      return {
        domain,
        links: count,
        dofollowLinks,
        firstSeen,
        lastSeen,
        best: {
          sourceUrl: best.sourceUrl,
          targetUrl: best.targetUrl,
          anchor: best.anchor,
          kind: best.kind,
          followed: best.followed,
          placement: best.placement,
        },
      };
    });
    const key = (r: RefDomainRow) => {
      const k = {
        links: r.links,
        'dofollow-links': r.dofollowLinks,
        'first-seen': r.firstSeen,
        'last-seen': r.lastSeen,
      };
      return q.sort === 'domain' ? [r.domain] : [k[q.sort], r.domain];
    };
    rows.sort((a, b) => compareKeys(key(a), key(b), [q.order === 'desc']));
    return page(rows, q);
  }

  async anchors(q: AnchorQuery): Promise<AnchorRow[]> {
    const groups = new Map<string, { anchor: string; image: boolean; links: StoredLink[] }>();
    for (const l of this.filtered(q)) {
      const image = l.image || l.kind === 'img';
      const key = `${image ? 1 : 0}\u0000${l.anchor}`;
      const g = groups.get(key) ?? { anchor: l.anchor, image, links: [] };
      g.links.push(l);
      groups.set(key, g);
    }
    const rows: AnchorRow[] = [...groups.values()].map((g) => ({
      anchor: g.anchor,
      image: g.image,
      ...aggregate(g.links),
    }));
    const key = (r: AnchorRow) => {
      const k = { links: r.links, refdomains: r.refdomains, 'first-seen': r.firstSeen };
      return q.sort === 'anchor' ? [r.anchor, r.image] : [k[q.sort], r.anchor, r.image];
    };
    rows.sort((a, b) => compareKeys(key(a), key(b), [q.order === 'desc']));
    return page(rows, q);
  }

  async linkedPages(q: PageQuery): Promise<LinkedPageRow[]> {
    const groups = new Map<string, StoredLink[]>();
    for (const l of this.filtered(q)) {
      const list = groups.get(l.targetUrl) ?? [];
      list.push(l);
      groups.set(l.targetUrl, list);
    }
    const rows: LinkedPageRow[] = [...groups].map(([targetUrl, links]) => ({
      targetUrl,
      ...aggregate(links),
    }));
    const key = (r: LinkedPageRow) => {
      const k = {
        refdomains: r.refdomains,
        links: r.links,
        'dofollow-links': r.dofollowLinks,
        'first-seen': r.firstSeen,
        'last-seen': r.lastSeen,
      };
      return q.sort === 'url' ? [r.targetUrl] : [k[q.sort], r.targetUrl];
    };
    rows.sort((a, b) => compareKeys(key(a), key(b), [q.order === 'desc']));
    return page(rows, q);
  }

  async profile(q: ProfileQuery): Promise<ProfileFigures> {
    return profileOf([...this.links.values()], q);
  }

  async sources(): Promise<{ source: string; links: number }[]> {
    const counts = new Map<string, number>();
    for (const spans of this.linkSources.values()) {
      for (const source of spans.keys()) counts.set(source, (counts.get(source) ?? 0) + 1);
    }
    return [...counts]
      .map(([source, links]) => ({ source, links }))
      .sort((a, b) => compareText(a.source, b.source));
  }

  async counts(): Promise<StoreCounts> {
    let captures = 0;
    for (const list of this.captures.values()) captures += list.length;
    let linkSources = 0;
    for (const spans of this.linkSources.values()) linkSources += spans.size;
    return {
      pages: this.pages.size,
      captures,
      links: this.links.size,
      linkSources,
      importRuns: this.runs.size,
    };
  }

  async dump(): Promise<LedgerDump> {
    const urlOf = new Map<number, string>();
    for (const p of this.pages.values()) urlOf.set(p.id, p.url);
    const pages = [...this.pages.values()]
      .sort((a, b) => compareText(a.url, b.url))
      .map(({ id: _id, ...rest }) => ({ ...rest }));
    const captures = [...this.captures]
      .flatMap(([pageId, list]) => list.map((c) => ({ pageUrl: urlOf.get(pageId)!, ...c })))
      .sort((a, b) =>
        compareKeys([a.pageUrl, a.capturedAt, a.source], [b.pageUrl, b.capturedAt, b.source], []),
      );
    const sorted = [...this.links.values()].sort((a, b) =>
      compareKeys(linkOrderKeys(a), linkOrderKeys(b), []),
    );
    const links = sorted.map(({ id: _id, pageId: _p, ...rest }) => ({ ...rest }));
    const linkSources = sorted.flatMap((l) =>
      [...(this.linkSources.get(l.id!) ?? new Map<string, SourceSpan>())]
        .sort((a, b) => compareText(a[0], b[0]))
        .map(([source, span]) => ({
          sourceUrl: l.sourceUrl,
          targetUrl: l.targetUrl,
          kind: l.kind,
          followed: l.followed,
          source,
          first: span.first,
          last: span.last,
        })),
    );
    return { pages, captures, links, linkSources };
  }

  async linkGraph(onBatch: (links: readonly GraphLink[]) => void): Promise<number> {
    this.assertOpen();
    const batch: GraphLink[] = [];
    for (const l of this.links.values()) {
      const { sourceUrl, targetUrl, followed, kind } = l;
      batch.push({ sourceUrl, targetUrl, followed, kind, live: l.lostAt === null });
    }
    if (batch.length > 0) onBatch(batch);
    return batch.length;
  }

  async saveAuthority(run: AuthorityRun, levels: readonly LevelScores[]): Promise<void> {
    this.assertOpen();
    this.authority.save(run, levels);
  }

  async authorityRun(): Promise<AuthorityRun | null> {
    return this.authority.lastRun();
  }

  async authorityOf(level: AuthorityLevel, keys: readonly string[]): Promise<Map<string, AuthorityScore>> {
    return this.authority.of(level, keys);
  }

  async topAuthority(level: AuthorityLevel, limit?: number): Promise<AuthorityScore[]> {
    return this.authority.top(level, limit);
  }

  async linkHistory(q: HistoryQuery): Promise<HistoryBucket[]> {
    return historyOf(this.links.values(), q);
  }

  async linkGap(q: GapQuery): Promise<GapDomainRow[]> {
    return gapOf(this.links.values(), q, (domains) => this.authority.of('domain', domains));
  }

  async brokenPages(q: BrokenPageQuery): Promise<BrokenPageRow[]> {
    return brokenPagesOf(this.links.values(), this.pages, q);
  }

  async pageFacts(urls: readonly string[]): Promise<Map<string, PageFacts>> {
    const result = new Map<string, PageFacts>();
    for (const url of urls) {
      const p = this.pages.get(url);
      if (p === undefined) continue;
      const links = (this.linksByPage.get(p.id) ?? []).map((id) => this.links.get(id)!);
      result.set(url, pageFactsOf(p, links));
    }
    return result;
  }

  async linkingPagesPerDomain(filter: LinkFilter): Promise<Map<string, number>> {
    return linkingPagesOf(this.links.values(), filter);
  }

  async addReview(entry: ReviewEntry): Promise<void> {
    this.assertOpen();
    this.reviewStore.add(entry);
  }

  async reviews(target: string): Promise<ReviewEntry[]> {
    return this.reviewStore.of(target);
  }

  async removeReview(target: string, kind: ReviewKind, value: string): Promise<boolean> {
    this.assertOpen();
    return this.reviewStore.remove(target, kind, value);
  }

  async saveDisavowVersion(version: NewDisavowVersion): Promise<DisavowVersion> {
    this.assertOpen();
    return this.reviewStore.saveVersion(version);
  }

  async disavowVersions(target: string): Promise<DisavowVersion[]> {
    return this.reviewStore.versionsOf(target);
  }

  async optimize(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }

  private filtered(q: Parameters<typeof matchesFilter>[1]): StoredLink[] {
    const out: StoredLink[] = [];
    for (const l of this.links.values()) if (matchesFilter(l, q)) out.push(l);
    return out;
  }

  private backlinkRow(l: StoredLink): BacklinkRow {
    const {
      id: _id,
      pageId: _p,
      followed,
      lastLive: _ll,
      reportedLostAt: _r,
      reportedLostReason: _rr,
      attrsAt: _a,
      ...rest
    } = l;
    const sources = [...(this.linkSources.get(l.id!)?.keys() ?? [])].sort(compareText);
    return { ...rest, followed, sources };
  }

  private addSources(id: number, seen: readonly { source: string; first: number; last: number }[]): void {
    if (seen.length === 0) return;
    let spans = this.linkSources.get(id);
    if (!spans) {
      spans = new Map();
      this.linkSources.set(id, spans);
    }
    for (const s of seen) {
      const span = spans.get(s.source);
      if (!span) spans.set(s.source, { first: s.first, last: s.last });
      else {
        span.first = Math.min(span.first, s.first);
        span.last = Math.max(span.last, s.last);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}

/** The order that picks a referring domain's best link: followed, live, in content, an `<a>`, oldest. */
export function bestKeys(l: StoredLink): (string | number)[] {
  return [
    l.followed ? 0 : 1,
    l.lostAt === null ? 0 : 1,
    l.placement === 'content' ? 0 : 1,
    l.kind === 'a' ? 0 : 1,
    l.firstSeen,
    l.sourceUrl,
    l.targetUrl,
    l.kind,
  ];
}

function aggregate(links: readonly StoredLink[]) {
  let dofollowLinks = 0;
  let firstSeen = Number.POSITIVE_INFINITY;
  let lastSeen = Number.NEGATIVE_INFINITY;
  const domains = new Set<string>();
  for (const l of links) {
    if (l.followed) dofollowLinks += 1;
    if (l.firstSeen < firstSeen) firstSeen = l.firstSeen;
    if (l.lastSeen > lastSeen) lastSeen = l.lastSeen;
    domains.add(l.sourceDomain);
  }
  return { links: links.length, dofollowLinks, refdomains: domains.size, firstSeen, lastSeen };
}

export function openMemoryStore(): MemoryLedgerStore {
  return new MemoryLedgerStore();
}
