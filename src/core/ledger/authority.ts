/**
 * What the ledger keeps of a rank run (`linkledger rank`): the link graph it reads, and the authority it
 * stores per level. Levels: `page` (keys are page URLs), `host` (host names), `domain` (registrable
 * domains). Each level stores the raw PageRank (`rank`, a probability: the vector `whatif` warm-starts
 * from) and the 0-100 score users see (core/rank/authority-scale.ts). A new run replaces the old one whole.
 */
import type { EpochMs, LedgerKind } from './model.ts';

export const AUTHORITY_LEVELS = ['page', 'host', 'domain'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/** One ledger link as a graph edge. `live`: not lost (`lost_at` null). */
export interface GraphLink {
  sourceUrl: string;
  targetUrl: string;
  followed: boolean;
  kind: LedgerKind;
  live: boolean;
}

/** The scores of one level, column-wise (`keys[i]` has `ranks[i]` and `scores[i]`). */
export interface LevelScores {
  level: AuthorityLevel;
  keys: readonly string[];
  ranks: Float64Array;
  scores: Float64Array;
}

export interface AuthorityScore {
  key: string;
  /** Raw PageRank (sums to 1 over the level). */
  rank: number;
  /** 0-100, log-scaled. */
  score: number;
}

/** How one level's PageRank ended. */
export interface LevelRunStats {
  nodes: number;
  edges: number;
  iterations: number;
  residual: number;
  converged: boolean;
}

/** A rank run: when, with which options, and how each level's iteration ended. */
export interface AuthorityRun {
  rankedAt: EpochMs;
  dofollowOnly: boolean;
  includeTechnical: boolean;
  /** Ledger links read and links kept as edges (hyperlink kinds, live, not technical). */
  linksRead: number;
  linksUsed: number;
  levels: Record<AuthorityLevel, LevelRunStats>;
}
