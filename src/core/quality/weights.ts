/**
 * The weights of the backlink quality score (score.ts), in one documented object so a user can read,
 * reproduce and override them (`--weights FILE` with any subset, as JSON). Defaults are judgement calls
 * grounded in what search engines say: authority and relevance of the linking page matter most; editorial
 * links in the content beat navigation and footer links; `rel` hints and a page that links to everything
 * weaken a vote; a site repeating the same link on every page counts about once.
 */

import type { LedgerKind } from '../ledger/model.ts';
import type { Placement } from '../link/link.ts';

export interface QualityWeights {
  /** Shares of the base score (they are normalised to sum to 1). */
  base: {
    pageAuthority: number;
    domainAuthority: number;
    relevance: number;
    anchorRelevance: number;
    placement: number;
    dilution: number;
  };
  /** Value of each placement in [0, 1]. */
  placement: Record<Placement, number>;
  /** Multipliers for `rel` hints (a link with several takes the smallest). */
  rel: { followed: number; nofollow: number; sponsored: number; ugc: number };
  /** Multipliers by link kind (`image` applies to image links on top of their kind). */
  kind: Partial<Record<LedgerKind, number>> & { other: number; image: number };
  /** External outlinks of the linking page at which dilution starts, and where it reaches `floor`. */
  dilution: { freeOutlinks: number; saturatedOutlinks: number; floor: number };
  /** Sitewide repetition: pages of one referring domain linking to the target. */
  sitewide: { fewPages: number; fewMultiplier: number; manyPages: number; manyMultiplier: number };
  /** Linking page in another language than the target (both known). */
  languageMismatch: number;
  /** Value used for an input that is not known (no authority run yet, no page text): neither good nor bad. */
  unknown: number;
}

export const DEFAULT_QUALITY_WEIGHTS: QualityWeights = {
  base: {
    pageAuthority: 0.3,
    domainAuthority: 0.25,
    relevance: 0.2,
    anchorRelevance: 0.05,
    placement: 0.1,
    dilution: 0.1,
  },
  placement: { content: 1, aside: 0.6, header: 0.5, nav: 0.4, footer: 0.3, unknown: 0.6 },
  rel: { followed: 1, nofollow: 0.2, sponsored: 0.15, ugc: 0.3 },
  kind: {
    a: 1,
    area: 0.9,
    redirect: 0.9,
    'meta-refresh': 0.8,
    iframe: 0.5,
    frame: 0.5,
    webgraph: 0.7,
    other: 0.3,
    image: 0.85,
  },
  dilution: { freeOutlinks: 10, saturatedOutlinks: 1000, floor: 0.1 },
  sitewide: { fewPages: 5, fewMultiplier: 0.8, manyPages: 20, manyMultiplier: 0.5 },
  languageMismatch: 0.7,
  unknown: 0.5,
};

/** Defaults overridden by a partial object (nested), checked so a typo is an error, not a silent default. */
export function withWeights(
  overrides: unknown,
  base: QualityWeights = DEFAULT_QUALITY_WEIGHTS,
): QualityWeights {
  return merge(base, overrides, 'weights') as QualityWeights;
}

function merge(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (typeof base === 'number') {
    if (typeof over !== 'number' || !Number.isFinite(over) || over < 0)
      throw new TypeError(`${path}: expected a number >= 0, got ${JSON.stringify(over)}`);
    return over;
  }
  if (typeof over !== 'object' || over === null || Array.isArray(over))
    throw new TypeError(`${path}: expected an object`);
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) {
    if (!(key in out))
      throw new TypeError(`${path}.${key}: unknown weight (known: ${Object.keys(out).join(', ')})`);
    out[key] = merge(out[key], value, `${path}.${key}`);
  }
  return out;
}
