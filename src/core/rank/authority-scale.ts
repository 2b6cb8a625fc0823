/**
 * Readable 0-100 authority scores from PageRank-like ranks, on a log scale: the way Ahrefs (DR, UR),
 * Majestic (Trust Flow, Citation Flow) and Moz (DA, PA) show authority, but with the formula written down
 * so that anyone can recompute a score from the rank file.
 *
 *     score(v) = 100 * ln(r_v / floor) / ln(top / floor)      clamped to [0, 100]
 *
 *     floor = the smallest positive rank of the graph (a node nobody links to: it only gets teleport and
 *             dangling rank, (1 - alpha)/N + alpha * D/N for plain PageRank)
 *     top   = the largest rank of the graph
 *
 * The best-linked node scores 100, nodes without links in score 0, and each 10 points is the same rank
 * ratio, `(top / floor)^(1/10)`: on hollins (6,012 pages, top/floor = 342) +10 points is 1.79x the
 * PageRank, on cnr-2000 (325,557 pages, top/floor ~ 26,800) 2.77x. The
 * scale only uses ratios of ranks, so it does not depend on N or on how the ranks are normalised. A rank of
 * 0 (e.g. TrustRank of a node the seeds cannot reach) scores 0.
 *
 * The reference points are a property of one graph; pass `floor` and `top` from a reference snapshot to
 * keep scores of successive runs comparable (values beyond the reference are clamped). Scores are returned
 * unrounded; show them with one decimal.
 */

export interface AuthorityScale {
  /** Rank that scores 0. */
  readonly floor: number;
  /** Rank that scores 100. */
  readonly top: number;
}

/** The reference points of a rank vector: its smallest positive and its largest value. */
export function authorityScaleOf(ranks: ArrayLike<number>): AuthorityScale {
  let floor = Number.POSITIVE_INFINITY;
  let top = 0;
  for (let v = 0; v < ranks.length; v++) {
    const r = ranks[v]!;
    if (r > 0 && r < floor) floor = r;
    if (r > top) top = r;
  }
  return { floor: Number.isFinite(floor) ? floor : 0, top };
}

/** One score. */
export function authorityScore(rank: number, scale: AuthorityScale): number {
  if (!(rank > 0) || !(scale.top > scale.floor) || !(scale.floor > 0)) return 0;
  const score = (100 * Math.log(rank / scale.floor)) / Math.log(scale.top / scale.floor);
  return Math.min(100, Math.max(0, score));
}

/** Scores for a whole rank vector, with its own reference points unless `scale` is given. */
export function authorityScores(
  ranks: ArrayLike<number>,
  scale: AuthorityScale = authorityScaleOf(ranks),
): Float64Array {
  const scores = new Float64Array(ranks.length);
  for (let v = 0; v < ranks.length; v++) scores[v] = authorityScore(ranks[v]!, scale);
  return scores;
}
