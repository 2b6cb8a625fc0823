/** The neutral observation a source report starts from: a plain followed text link seen at one time. */
import type { ObservationInput, SourceTag } from './model.ts';

/** A blank observation for `source`: callers fill in what the row says. */
export function blankObservation(
  source: SourceTag,
  sourceUrl: string,
  targetUrl: string,
  at: number,
): ObservationInput {
  return {
    source,
    sourceUrl,
    targetUrl,
    kind: 'a',
    firstSeen: at,
    lastSeen: at,
    anchor: null,
    rel: null,
    nofollow: false,
    sponsored: false,
    ugc: false,
    image: false,
    placement: null,
    lost: null,
  };
}
