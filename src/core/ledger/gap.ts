/**
 * Link gap / intersect (`linkledger gap`): referring domains that link to at least K of the competitors but
 * not to the target. Every count is over live, external links (source and target in different registrable
 * domains) of the query's kinds, followed ones only unless `dofollowOnly` is false.
 *
 * A domain is left out when it has any live external link of those kinds to the target, whatever its follow
 * state (it already links to the target: not a gap), and the target's own registrable domain is never listed.
 * Rows are ranked by competitors linked (descending), domain authority of the last rank run (descending,
 * unranked last), links (descending), then domain.
 */
import type { EpochMs, LedgerKind } from './model.ts';

export const GAP_SCOPES = ['domain', 'host'] as const;
export type GapScope = (typeof GAP_SCOPES)[number];

export interface GapQuery {
  scope: GapScope;
  /** Competitor keys (registrable domains or hosts, as the scope says), distinct, in the order given. */
  competitors: readonly string[];
  /** The target's key in the same scope. */
  target: string;
  /** The target's registrable domain: never a gap of itself. */
  targetDomain: string;
  dofollowOnly: boolean;
  /** null: every kind. */
  kinds: readonly LedgerKind[] | null;
  /** At least this many competitors linked (1 or more). */
  minCompetitors: number;
  limit: number;
  offset: number;
}

export interface GapDomainRow {
  domain: string;
  /** Links to each competitor, in the order of `GapQuery.competitors` (0 where none). */
  links: number[];
  /** How many competitors it links to. */
  competitors: number;
  totalLinks: number;
  /** Earliest first sighting of its counted links. */
  firstSeen: EpochMs;
  /** Domain authority (0-100) of the last rank run; null when not ranked. */
  authority: number | null;
}
