/**
 * The ledger rules, as one pure function: given what the ledger holds about a source page and new inputs
 * for it (full captures and/or single-link observations), compute the rows to write.
 *
 * Rules (docs/ledger.md has the why):
 *  - identity: (page, target URL, kind, followed); within one capture the first occurrence in document order
 *    of a key gives the attributes, later duplicates add nothing;
 *  - a sighting widens [firstSeen, lastSeen] and, when it counts (live capture, source report), `lastLive`;
 *    attributes come from the newest sighting that carries them (ties: the later write);
 *  - the page row follows its newest decisive capture; an older capture never changes it;
 *  - lostAt / lostReason are recomputed for every link of the page from the timeline (lost.ts), so
 *    re-imports change nothing and out-of-order captures neither resurrect nor lose links wrongly;
 *  - a link with unknown `rel` (GSC, Bing, web graphs) joins the page's existing link of the same target and
 *    kind (live first, then the most recently seen) instead of creating a dofollow twin.
 * Ids: 0 means "not assigned yet"; the store assigns page and link ids when it writes a plan.
 */

import { isWebUrl } from '../url/normalize.ts';
import { storedAnalyticsIds } from './analytics-ids.ts';
import { captureStateOf, countsLinks, recordsLinks } from './capture-state.ts';
import { fastHostOf, isFollowed, pageLinkKey } from './keys.ts';
import { decisiveTimeline, lossOf } from './lost.ts';
import type {
  CaptureInput,
  EpochMs,
  LedgerKind,
  LinkAttributes,
  ObservationInput,
  PageLedgerState,
  SourceTag,
  StoredCapture,
  StoredLink,
  StoredPage,
} from './model.ts';
import { type FreshLinks, planFreshCapture } from './plan-fresh.ts';

export interface PlanContext {
  /** Registrable domain of a host (memoised by the caller; see keys.ts BoundedMemo). */
  domainOf(host: string): string;
}

export interface SourceSighting {
  source: SourceTag;
  first: EpochMs;
  last: EpochMs;
}

export interface PlannedLink {
  link: StoredLink;
  /** The stored row differs (always true for a new link); false: only `seen` needs writing. */
  changed: boolean;
  /** What the inputs of this plan saw of the link, per source (for the link-sources table). */
  seen: SourceSighting[];
}

export interface PlanCounts {
  sightings: number;
  unavailableCaptures: number;
  /** Links skipped because their target is not an http(s) URL. */
  skippedTargets: number;
  lostNow: number;
  revived: number;
}

export interface PagePlan {
  page: StoredPage;
  pageIsNew: boolean;
  pageChanged: boolean;
  newCaptures: StoredCapture[];
  newLinks: PlannedLink[];
  /** Existing links whose row changed or that were seen again. */
  touchedLinks: PlannedLink[];
  /** New links in columns, from the fast path for a first capture (plan-fresh.ts); null otherwise. */
  fresh: FreshLinks | null;
  counts: PlanCounts;
}

interface Work {
  link: StoredLink;
  orig: StoredLink | null;
  seen: SourceSighting[];
}

const UNKNOWN_ATTRS: LinkAttributes = {
  anchor: '',
  rel: '',
  nofollow: false,
  sponsored: false,
  ugc: false,
  image: false,
  placement: 'unknown',
};

export function planPage(
  url: string,
  state: PageLedgerState | null,
  captures: readonly CaptureInput[],
  observations: readonly ObservationInput[],
  ctx: PlanContext,
): PagePlan {
  if (state === null && captures.length === 1 && observations.length === 0) {
    return planFreshCapture(newPage(url, ctx), captures[0]!, ctx);
  }
  return planPageGeneral(url, state, captures, observations, ctx);
}

/** The general path (any state, any inputs); planPage uses plan-fresh.ts for the common first capture. */
export function planPageGeneral(
  url: string,
  state: PageLedgerState | null,
  captures: readonly CaptureInput[],
  observations: readonly ObservationInput[],
  ctx: PlanContext,
): PagePlan {
  const page: StoredPage = state ? { ...state.page } : newPage(url, ctx);
  const counts: PlanCounts = {
    sightings: 0,
    unavailableCaptures: 0,
    skippedTargets: 0,
    lostNow: 0,
    revived: 0,
  };
  const allCaptures = state ? [...state.captures] : [];
  const captureKeys = new Set(allCaptures.map((c) => `${c.capturedAt}|${c.source}`));
  const newCaptures: StoredCapture[] = [];
  const work = new Map<string, Work>();
  for (const link of state?.links ?? []) {
    work.set(pageLinkKey(link.targetUrl, link.kind, link.followed), {
      link: { ...link },
      orig: link,
      seen: [],
    });
  }
  const targetFacts = new Map<string, { host: string; domain: string } | null>();
  const factsOf = (target: string) => {
    let facts = targetFacts.get(target);
    if (facts === undefined) {
      const host = fastHostOf(target);
      facts = host === null ? null : { host, domain: ctx.domainOf(host) };
      targetFacts.set(target, facts);
    }
    return facts;
  };

  const sight = (
    target: string,
    kind: LedgerKind,
    followed: boolean,
    s: SourceSighting,
    counted: boolean,
    attrs: Partial<LinkAttributes> | null,
  ): boolean => {
    const key = pageLinkKey(target, kind, followed);
    let w = work.get(key);
    if (!w) {
      const facts = factsOf(target);
      if (facts === null) return false;
      const link: StoredLink = {
        id: null,
        pageId: page.id,
        sourceUrl: page.url,
        sourceHost: page.host,
        sourceDomain: page.domain,
        targetUrl: target,
        targetHost: facts.host,
        targetDomain: facts.domain,
        kind,
        followed,
        ...UNKNOWN_ATTRS,
        ...attrs,
        firstSeen: s.first,
        lastSeen: s.last,
        lastLive: counted ? s.last : null,
        lostAt: null,
        lostReason: null,
        reportedLostAt: null,
        reportedLostReason: null,
        attrsAt: s.last,
      };
      w = { link, orig: null, seen: [] };
      work.set(key, w);
    } else {
      const link = w.link;
      if (s.first < link.firstSeen) link.firstSeen = s.first;
      if (s.last > link.lastSeen) link.lastSeen = s.last;
      if (counted && (link.lastLive === null || s.last > link.lastLive)) link.lastLive = s.last;
      if (attrs !== null && s.last >= link.attrsAt) {
        Object.assign(link, attrs);
        link.attrsAt = s.last;
      }
    }
    addSeen(w.seen, s);
    counts.sightings += 1;
    return true;
  };

  for (const capture of captures) {
    const cstate = captureStateOf(capture.page);
    const ckey = `${capture.capturedAt}|${capture.source}`;
    if (!captureKeys.has(ckey)) {
      captureKeys.add(ckey);
      const record = { capturedAt: capture.capturedAt, source: capture.source, state: cstate };
      allCaptures.push(record);
      newCaptures.push(record);
    }
    if (cstate === 'unavailable') {
      counts.unavailableCaptures += 1;
      continue;
    }
    if (page.fetchedAt === null || capture.capturedAt >= page.fetchedAt)
      applyCapturePage(page, capture, cstate);
    if (!recordsLinks(cstate)) continue;
    const counted = countsLinks(cstate);
    const inCapture = new Set<string>();
    const s = { source: capture.source, first: capture.capturedAt, last: capture.capturedAt };
    for (const li of capture.links) {
      const target = li.target;
      if (target === null || !isWebUrl(target)) {
        counts.skippedTargets += 1;
        continue;
      }
      const followed = isFollowed(li);
      const key = pageLinkKey(target, li.kind, followed);
      if (inCapture.has(key)) continue;
      inCapture.add(key);
      const attrs: LinkAttributes = {
        anchor: li.anchor,
        rel: li.rel.join(' '),
        nofollow: li.nofollow,
        sponsored: li.sponsored,
        ugc: li.ugc,
        image: li.kind === 'img',
        placement: li.placement,
      };
      if (!sight(target, li.kind, followed, s, counted, attrs)) counts.skippedTargets += 1;
    }
  }

  for (const ob of observations) {
    if (!isWebUrl(ob.targetUrl) && ob.kind !== 'webgraph') {
      counts.skippedTargets += 1;
      continue;
    }
    const followed = ob.rel === null ? followedOfExisting(work, ob.targetUrl, ob.kind) : isFollowed(ob);
    const attrs: Partial<LinkAttributes> = {};
    if (ob.anchor !== null) attrs.anchor = ob.anchor;
    if (ob.rel !== null) {
      attrs.rel = ob.rel.join(' ');
      attrs.nofollow = ob.nofollow;
      attrs.sponsored = ob.sponsored;
      attrs.ugc = ob.ugc;
    }
    if (ob.image) attrs.image = true;
    if (ob.placement !== null) attrs.placement = ob.placement;
    const s = { source: ob.source, first: Math.min(ob.firstSeen, ob.lastSeen), last: ob.lastSeen };
    const known = Object.keys(attrs).length > 0 ? attrs : null;
    if (!sight(ob.targetUrl, ob.kind, followed, s, true, known)) {
      counts.skippedTargets += 1;
      continue;
    }
    if (ob.lost) {
      const link = work.get(pageLinkKey(ob.targetUrl, ob.kind, followed))!.link;
      if (link.reportedLostAt === null || ob.lost.at > link.reportedLostAt) {
        link.reportedLostAt = ob.lost.at;
        link.reportedLostReason = ob.lost.reason;
      }
    }
  }

  const timeline = decisiveTimeline(allCaptures);
  const byKey = new Map<string, StoredLink>();
  for (const [key, w] of work) byKey.set(key, w.link);
  const newLinks: PlannedLink[] = [];
  const touchedLinks: PlannedLink[] = [];
  for (const w of work.values()) {
    const verdict = lossOf(w.link, timeline, byKey);
    w.link.lostAt = verdict.lostAt;
    w.link.lostReason = verdict.lostReason;
    if (w.orig === null) {
      newLinks.push({ link: w.link, changed: true, seen: w.seen });
      continue;
    }
    const changed = linkChanged(w.orig, w.link);
    if (changed || w.seen.length > 0) touchedLinks.push({ link: w.link, changed, seen: w.seen });
    if (w.orig.lostAt === null && w.link.lostAt !== null) counts.lostNow += 1;
    if (w.orig.lostAt !== null && w.link.lostAt === null) counts.revived += 1;
  }
  const pageIsNew = state === null;
  return {
    page,
    pageIsNew,
    pageChanged: pageIsNew || pageDiffers(state.page, page),
    newCaptures,
    newLinks,
    touchedLinks,
    fresh: null,
    counts,
  };
}

function newPage(url: string, ctx: PlanContext): StoredPage {
  const host = fastHostOf(url) ?? url;
  return {
    id: 0,
    url,
    host,
    domain: ctx.domainOf(host),
    captured: false,
    status: null,
    fetchedAt: null,
    state: null,
    canonical: null,
    title: null,
    lang: null,
    contentHash: null,
    textDigest: null,
    analyticsIds: null,
    remoteAddress: null,
  };
}

function applyCapturePage(page: StoredPage, capture: CaptureInput, state: StoredPage['state']): void {
  const p = capture.page;
  page.captured = true;
  page.status = p.status;
  page.fetchedAt = capture.capturedAt;
  page.state = state;
  page.canonical = p.canonical ?? null;
  page.title = p.title ?? null;
  page.lang = p.lang ?? null;
  page.contentHash = p.contentHash ?? null;
  // A capture without text (a WAT record, a bodiless answer) says nothing about the page's words: the last
  // known digest stays, unless the page is gone or moved.
  if (p.textDigest != null) page.textDigest = p.textDigest;
  else if (state === 'gone' || state === 'redirected') page.textDigest = null;
  // The same for the analytics ids and the address (a WARC or CSV source does not know them).
  const cleared = state === 'gone' || state === 'redirected';
  if (p.analyticsIds != null) page.analyticsIds = storedAnalyticsIds(p.analyticsIds);
  else if (cleared) page.analyticsIds = null;
  if (p.remoteAddress != null) page.remoteAddress = p.remoteAddress;
  else if (cleared) page.remoteAddress = null;
}

/** The follow state an observation without `rel` joins: the existing live twin, else the latest seen, else followed. */
function followedOfExisting(work: ReadonlyMap<string, Work>, target: string, kind: LedgerKind): boolean {
  const yes = work.get(pageLinkKey(target, kind, true))?.link;
  const no = work.get(pageLinkKey(target, kind, false))?.link;
  if (!yes || !no) return !no;
  if ((yes.lostAt === null) !== (no.lostAt === null)) return yes.lostAt === null;
  return yes.lastSeen >= no.lastSeen;
}

function addSeen(seen: SourceSighting[], s: SourceSighting): void {
  for (const e of seen) {
    if (e.source === s.source) {
      if (s.first < e.first) e.first = s.first;
      if (s.last > e.last) e.last = s.last;
      return;
    }
  }
  seen.push({ ...s });
}

const LINK_FIELDS = [
  'anchor',
  'rel',
  'nofollow',
  'sponsored',
  'ugc',
  'image',
  'placement',
  'firstSeen',
  'lastSeen',
  'lastLive',
  'lostAt',
  'lostReason',
  'reportedLostAt',
  'reportedLostReason',
  'attrsAt',
] as const satisfies readonly (keyof StoredLink)[];

export function linkChanged(a: StoredLink, b: StoredLink): boolean {
  for (const f of LINK_FIELDS) if (a[f] !== b[f]) return true;
  return false;
}

const PAGE_FIELDS = [
  'captured',
  'status',
  'fetchedAt',
  'state',
  'canonical',
  'title',
  'lang',
  'contentHash',
  'textDigest',
  'analyticsIds',
  'remoteAddress',
] as const satisfies readonly (keyof StoredPage)[];

function pageDiffers(a: StoredPage, b: StoredPage): boolean {
  for (const f of PAGE_FIELDS) if (a[f] !== b[f]) return true;
  return false;
}
