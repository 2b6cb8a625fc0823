/**
 * `linkledger rank`: authority over the ledger's own links. Reads the link graph through the store port,
 * keeps the links that are votes, ranks pages, hosts and registrable domains (core/rank/link-authority.ts)
 * and saves the scores with the run (options, per-level iteration stats) for the reports and `whatif`.
 *
 * Which links are edges:
 * - live links only (a lost link no longer votes);
 * - the hyperlink kinds (core/ledger/query.ts REPORT_KINDS: `a`, `area`, redirects, frames, web-graph
 *   edges), never scripts, styles, images or canonicals;
 * - not to or from a technical host (core/ledger/technical-hosts.ts: CDNs, fonts, scripts, analytics, ads,
 *   share buttons) unless `includeTechnical`;
 * - nofollow / ugc / sponsored links count unless `dofollowOnly` (then they give nothing).
 * Pages are the source page URLs and target URLs of those links (web-graph links: host names).
 *
 * Memory: one string per distinct URL (a Map to dense ids) and 9 bytes per kept link, plus the CSR graphs
 * of the three levels; the ledger itself is streamed.
 */
import {
  AUTHORITY_LEVELS,
  type AuthorityLevel,
  type AuthorityRun,
  type AuthorityScore,
  type LevelRunStats,
  type LevelScores,
} from '../../core/ledger/authority.ts';
import type { EpochMs, LedgerKind } from '../../core/ledger/model.ts';
import { REPORT_KINDS } from '../../core/ledger/query.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { technicalMatcher } from '../../core/ledger/technical-hosts.ts';
import type { LevelAuthority, LinkGraphInput } from '../../core/rank/link-authority.ts';
import { linkAuthority } from '../../core/rank/link-authority.ts';

export interface LedgerGraphOptions {
  /** Keep followed links only (default false). */
  dofollowOnly?: boolean;
  /** Keep links to and from technical hosts (default false). */
  includeTechnical?: boolean;
  /** Overrides the default technical list (core/ledger/technical-hosts.ts). */
  isTechnical?: (url: string) => boolean;
}

/** The page graph of the ledger's voting links, as linkAuthority takes it. */
export interface LedgerGraph extends LinkGraphInput {
  readonly pages: string[];
  readonly followed: Uint8Array;
  /** Ledger links read, and links kept as edges (`count`). */
  readonly linksRead: number;
}

export interface RankLedgerOptions extends LedgerGraphOptions {
  /** The time of the run (the clock lives at the edge). */
  now: EpochMs;
  alpha?: number;
  tolerance?: number;
  maxIterations?: number;
  /** How many of the best keys per level the result lists (default 10). */
  top?: number;
}

export interface RankLedgerResult {
  run: AuthorityRun;
  top: Record<AuthorityLevel, AuthorityScore[]>;
}

const VOTE_KINDS: ReadonlySet<LedgerKind> = new Set(REPORT_KINDS);

/** Streams the ledger's links and keeps the voting ones as a page graph with dense ids. */
export async function loadLedgerGraph(
  store: LedgerStore,
  options: LedgerGraphOptions = {},
): Promise<LedgerGraph> {
  const technical = options.includeTechnical ? null : (options.isTechnical ?? technicalMatcher());
  const ids = new Map<string, number>();
  const pages: string[] = [];
  const idOf = (url: string): number => {
    let id = ids.get(url);
    if (id === undefined) {
      id = pages.length;
      ids.set(url, id);
      pages.push(url);
    }
    return id;
  };
  let src = new Uint32Array(1024);
  let dst = new Uint32Array(1024);
  let followed = new Uint8Array(1024);
  let count = 0;
  const linksRead = await store.linkGraph((batch) => {
    for (const l of batch) {
      if (!l.live || !VOTE_KINDS.has(l.kind)) continue;
      if (options.dofollowOnly && !l.followed) continue;
      if (technical !== null && (technical(l.targetUrl) || technical(l.sourceUrl))) continue;
      if (count === src.length) {
        src = grown(src, new Uint32Array(count * 2));
        dst = grown(dst, new Uint32Array(count * 2));
        followed = grown(followed, new Uint8Array(count * 2));
      }
      src[count] = idOf(l.sourceUrl);
      dst[count] = idOf(l.targetUrl);
      followed[count] = l.followed ? 1 : 0;
      count++;
    }
  });
  return {
    pages,
    src: src.subarray(0, count),
    dst: dst.subarray(0, count),
    followed: followed.subarray(0, count),
    count,
    linksRead,
  };
}

function grown<T extends Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export function levelStats(level: LevelAuthority): LevelRunStats {
  return {
    nodes: level.graph.nodeCount,
    edges: level.graph.edgeCount,
    iterations: level.rank.iterations,
    residual: level.rank.residual,
    converged: level.rank.converged,
  };
}

/** Ranks the ledger and saves the scores (replacing the previous run's). */
export async function rankLedger(store: LedgerStore, options: RankLedgerOptions): Promise<RankLedgerResult> {
  const dofollowOnly = options.dofollowOnly ?? false;
  const includeTechnical = options.includeTechnical ?? false;
  const graph = await loadLedgerGraph(store, options);
  const authority = linkAuthority(graph, {
    includeNofollow: !dofollowOnly,
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  });
  const run: AuthorityRun = {
    rankedAt: options.now,
    dofollowOnly,
    includeTechnical,
    linksRead: graph.linksRead,
    linksUsed: graph.count,
    levels: {
      page: levelStats(authority.page),
      host: levelStats(authority.host),
      domain: levelStats(authority.domain),
    },
  };
  const levels: LevelScores[] = AUTHORITY_LEVELS.map((level) => ({
    level,
    keys: authority[level].labels,
    ranks: authority[level].rank.scores,
    scores: authority[level].score,
  }));
  await store.saveAuthority(run, levels);
  const limit = options.top ?? 10;
  const top = {} as Record<AuthorityLevel, AuthorityScore[]>;
  for (const level of AUTHORITY_LEVELS) top[level] = await store.topAuthority(level, limit);
  return { run, top };
}
