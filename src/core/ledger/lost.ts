/**
 * When and why a link stopped being live: a pure function of the link's sightings, the page's captures and
 * the vendor reports, so the answer does not depend on the order the inputs arrived in.
 *
 *   lostAt = the first decisive capture of the page after the link's last counted sighting (`lastLive`), or
 *            for a link that never counted, the first decisive capture at or after its first sighting;
 *            or a vendor-reported loss later than `lastLive`, whichever is earlier.
 * Any capture after `lastLive` did not count the link, by definition of `lastLive`: that is what makes the
 * rule exact without remembering which links each capture held. The reason comes from that capture's
 * state; a live capture lacking the link gives `became-nofollow` / `became-dofollow` when the link's twin
 * with the other follow state was present at that time, else `removed`.
 */
import { isDecisive, pageLostReason } from './capture-state.ts';
import { pageLinkKey } from './keys.ts';
import type { EpochMs, LostReason, StoredCapture, StoredLink } from './model.ts';

export interface LossVerdict {
  lostAt: EpochMs | null;
  lostReason: LostReason | null;
}

/** Decisive captures of a page, oldest first: compute once per page, then call lossOf per link. */
export function decisiveTimeline(captures: readonly StoredCapture[]): StoredCapture[] {
  return captures.filter((c) => isDecisive(c.state)).sort((a, b) => a.capturedAt - b.capturedAt);
}

export function lossOf(
  link: StoredLink,
  timeline: readonly StoredCapture[],
  linksByKey: ReadonlyMap<string, StoredLink>,
): LossVerdict {
  let capture: StoredCapture | undefined;
  if (link.lastLive !== null) capture = firstAfter(timeline, link.lastLive, false);
  else capture = firstAfter(timeline, link.firstSeen, true);

  let lostAt: EpochMs | null = null;
  let lostReason: LostReason | null = null;
  if (capture) {
    lostAt = capture.capturedAt;
    lostReason = reasonOf(capture, link, linksByKey);
  }
  const reported = link.reportedLostAt;
  if (
    reported !== null &&
    link.reportedLostReason !== null &&
    (link.lastLive === null || reported > link.lastLive)
  ) {
    if (lostAt === null || reported < lostAt) {
      lostAt = reported;
      lostReason = link.reportedLostReason;
    }
  }
  return { lostAt, lostReason };
}

function reasonOf(
  capture: StoredCapture,
  link: StoredLink,
  linksByKey: ReadonlyMap<string, StoredLink>,
): LostReason {
  const pageReason = pageLostReason(capture.state);
  if (pageReason !== null) return pageReason;
  const twin = linksByKey.get(pageLinkKey(link.targetUrl, link.kind, !link.followed));
  if (twin && twin.firstSeen <= capture.capturedAt && capture.capturedAt <= twin.lastSeen) {
    return link.followed ? 'became-nofollow' : 'became-dofollow';
  }
  return 'removed';
}

/** First capture with time > t (or >= t when `inclusive`), by binary search. */
function firstAfter(
  timeline: readonly StoredCapture[],
  t: EpochMs,
  inclusive: boolean,
): StoredCapture | undefined {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = timeline[mid]!.capturedAt;
    if (at > t || (inclusive && at === t)) hi = mid;
    else lo = mid + 1;
  }
  return timeline[lo];
}
