/**
 * The planner's fast path: one capture of a page the ledger has never seen (the common case of a first
 * import, hundreds of thousands of links per second). Its links are all new, all seen once at the capture
 * time, and their loss verdict follows from the capture alone (live when the capture counts links, lost at
 * the capture when it is noindex / canonicalised elsewhere). So instead of one object per link the plan
 * carries columns (`FreshLinks`), which a store can write without building rows; materializeFresh gives the
 * rows for stores that want them. A test checks that this equals the general path on random captures.
 */

import { LINK_KINDS, type LinkKind, PLACEMENTS, type Placement } from '../link/link.ts';
import { isWebUrl } from '../url/normalize.ts';
import { storedAnalyticsIds } from './analytics-ids.ts';
import { captureStateOf, countsLinks, pageLostReason, recordsLinks } from './capture-state.ts';
import { fastHostOf } from './keys.ts';
import type { CaptureInput, EpochMs, LostReason, SourceTag, StoredLink, StoredPage } from './model.ts';
import type { PagePlan, PlanContext, PlannedLink } from './plan-page.ts';

const KIND_INDEX = new Map<string, number>(LINK_KINDS.map((k, i) => [k, i]));
const PLACEMENT_INDEX = new Map<string, number>(PLACEMENTS.map((p, i) => [p, i]));

/** Flag bits of a fresh link's code. */
export const FRESH_FLAG = { nofollow: 1, sponsored: 2, ugc: 4, image: 8, followed: 16 } as const;

/**
 * A fresh link's code packs its kind (bits 0-4: index in LINK_KINDS), flags (bits 5-9: FRESH_FLAG) and
 * placement (bits 10-12: index in PLACEMENTS): one typed-array slot per link instead of three arrays of
 * values, which a store can write as it is.
 */
export const FRESH_CODE = {
  flagsShift: 5,
  placementShift: 10,
  kindMask: 31,
  flagsMask: 31,
  placementMask: 7,
};

export function freshKind(code: number): LinkKind {
  return LINK_KINDS[code & FRESH_CODE.kindMask]!;
}

export function freshFlags(code: number): number {
  return (code >> FRESH_CODE.flagsShift) & FRESH_CODE.flagsMask;
}

export function freshPlacement(code: number): Placement {
  return PLACEMENTS[(code >> FRESH_CODE.placementShift) & FRESH_CODE.placementMask]!;
}

/** The links of a fresh capture, column by column (index i is one link). */
export interface FreshLinks {
  source: SourceTag;
  capturedAt: EpochMs;
  /** Links count as live (else they are lost at the capture with `lostReason`). */
  counted: boolean;
  lostReason: LostReason | null;
  targets: string[];
  anchors: string[];
  /** The page's distinct target hosts and their registrable domains; link i's is at `hostOf[i]`. */
  hosts: string[];
  domains: string[];
  hostOf: Uint32Array;
  /** The page's distinct rel values, '' first; link i's is at `relOf[i]`. */
  rels: string[];
  relOf: Uint32Array;
  /** Kind, flags and placement of link i (FRESH_CODE). `codes`, `hostOf`, `relOf` may be longer than `targets`. */
  codes: Uint16Array;
}

export function planFreshCapture(page: StoredPage, capture: CaptureInput, ctx: PlanContext): PagePlan {
  const state = captureStateOf(capture.page);
  const t = capture.capturedAt;
  const counts = { sightings: 0, unavailableCaptures: 0, skippedTargets: 0, lostNow: 0, revived: 0 };
  const plan: PagePlan = {
    page,
    pageIsNew: true,
    pageChanged: true,
    newCaptures: [{ capturedAt: t, source: capture.source, state }],
    newLinks: [],
    touchedLinks: [],
    fresh: null,
    counts,
  };
  if (state === 'unavailable') {
    counts.unavailableCaptures = 1;
    return plan;
  }
  const p = capture.page;
  page.captured = true;
  page.status = p.status;
  page.fetchedAt = t;
  page.state = state;
  page.canonical = p.canonical ?? null;
  page.title = p.title ?? null;
  page.lang = p.lang ?? null;
  page.contentHash = p.contentHash ?? null;
  page.textDigest = p.textDigest ?? null;
  page.analyticsIds = storedAnalyticsIds(p.analyticsIds);
  page.remoteAddress = p.remoteAddress ?? null;
  if (!recordsLinks(state)) return plan;

  const counted = countsLinks(state);
  const fresh: FreshLinks = {
    source: capture.source,
    capturedAt: t,
    counted,
    lostReason: counted ? null : pageLostReason(state),
    targets: [],
    anchors: [],
    hosts: [],
    domains: [],
    hostOf: new Uint32Array(capture.links.length),
    rels: [''],
    relOf: new Uint32Array(capture.links.length),
    codes: new Uint16Array(capture.links.length),
  };
  // Per link only numbers and the two strings it brings: a batch's plans live until it is staged, and
  // arrays of strings are what the young-generation collections have to copy (bench/results/ledger.md).
  const hostIndex = new Map<string, number>();
  const relIndex = new Map<string, number>([['', 0]]);
  // Duplicate detection without building a key string per link: target -> bit set of kinds seen, one map
  // per follow state (LINK kinds fit in 31 bits).
  const seenFollowed = new Map<string, number>();
  const seenNot = new Map<string, number>();
  let lastHost: string | null = null;
  let lastHostIdx = 0;
  for (const li of capture.links) {
    const target = li.target;
    if (target === null || !isWebUrl(target)) {
      counts.skippedTargets += 1;
      continue;
    }
    const followed = !(li.nofollow || li.sponsored || li.ugc);
    const seen = followed ? seenFollowed : seenNot;
    const kind = KIND_INDEX.get(li.kind)!;
    const bit = 1 << kind;
    const bits = seen.get(target) ?? 0;
    if ((bits & bit) !== 0) continue;
    // Links of a page run to one host in a row: reuse its string instead of slicing a new one per link.
    const host: string | null =
      lastHost !== null && hasHost(target, lastHost) ? lastHost : fastHostOf(target);
    if (host === null) {
      counts.skippedTargets += 1;
      continue;
    }
    seen.set(target, bits | bit);
    if (host !== lastHost) {
      lastHost = host;
      let idx = hostIndex.get(host);
      if (idx === undefined) {
        idx = fresh.hosts.length;
        hostIndex.set(host, idx);
        fresh.hosts.push(host);
        fresh.domains.push(ctx.domainOf(host));
      }
      lastHostIdx = idx;
    }
    const flags =
      (li.nofollow ? FRESH_FLAG.nofollow : 0) |
      (li.sponsored ? FRESH_FLAG.sponsored : 0) |
      (li.ugc ? FRESH_FLAG.ugc : 0) |
      (li.kind === 'img' ? FRESH_FLAG.image : 0) |
      (followed ? FRESH_FLAG.followed : 0);
    const n = fresh.targets.length;
    fresh.codes[n] =
      kind |
      (flags << FRESH_CODE.flagsShift) |
      (PLACEMENT_INDEX.get(li.placement)! << FRESH_CODE.placementShift);
    fresh.hostOf[n] = lastHostIdx;
    if (li.rel.length > 0) {
      const rel = li.rel.join(' ');
      let idx = relIndex.get(rel);
      if (idx === undefined) {
        idx = fresh.rels.length;
        relIndex.set(rel, idx);
        fresh.rels.push(rel);
      }
      fresh.relOf[n] = idx;
    }
    fresh.targets.push(target);
    fresh.anchors.push(li.anchor);
  }
  counts.sightings = fresh.targets.length;
  if (fresh.targets.length > 0) plan.fresh = fresh;
  return plan;
}

/**
 * True when the normalised URL's host is `host`: a scheme, `://`, the host, then a path, query, fragment
 * or the end. Anything else (a port, user info: `https://host:pw@other.org/`) is left to fastHostOf.
 */
function hasHost(url: string, host: string): boolean {
  const start = url.indexOf('://') + 3;
  if (start === 2 || !url.startsWith(host, start)) return false;
  const end = start + host.length;
  if (end === url.length) return true;
  const c = url.charCodeAt(end);
  return c === 47 || c === 63 || c === 35; // / ? #
}

/** The rows of a fresh plan's links (for stores that keep rows), with the sighting each had. */
export function materializeFresh(page: StoredPage, fresh: FreshLinks): PlannedLink[] {
  const t = fresh.capturedAt;
  const seen = [{ source: fresh.source, first: t, last: t }];
  const out: PlannedLink[] = [];
  for (let i = 0; i < fresh.targets.length; i++) {
    const code = fresh.codes[i]!;
    const flags = freshFlags(code);
    const link: StoredLink = {
      id: null,
      pageId: page.id,
      sourceUrl: page.url,
      sourceHost: page.host,
      sourceDomain: page.domain,
      targetUrl: fresh.targets[i]!,
      targetHost: fresh.hosts[fresh.hostOf[i]!]!,
      targetDomain: fresh.domains[fresh.hostOf[i]!]!,
      kind: freshKind(code),
      followed: (flags & FRESH_FLAG.followed) !== 0,
      anchor: fresh.anchors[i]!,
      rel: fresh.rels[fresh.relOf[i]!]!,
      nofollow: (flags & FRESH_FLAG.nofollow) !== 0,
      sponsored: (flags & FRESH_FLAG.sponsored) !== 0,
      ugc: (flags & FRESH_FLAG.ugc) !== 0,
      image: (flags & FRESH_FLAG.image) !== 0,
      placement: freshPlacement(code),
      firstSeen: t,
      lastSeen: t,
      lastLive: fresh.counted ? t : null,
      lostAt: fresh.counted ? null : t,
      lostReason: fresh.lostReason,
      reportedLostAt: null,
      reportedLostReason: null,
      attrsAt: t,
    };
    out.push({ link, changed: true, seen: [...seen] });
  }
  return out;
}

/** How many new links a plan creates (fresh columns included). */
export function newLinkCount(plan: PagePlan): number {
  return plan.newLinks.length + (plan.fresh?.targets.length ?? 0);
}
