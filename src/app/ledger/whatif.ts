/**
 * `linkledger whatif TARGET --add-link SRC | --remove-link SRC`: how the target's page, host and domain
 * authority would move if a page linked to it (or stopped linking to it). Nothing is written.
 *
 * How: the link graph of the last rank run is rebuilt from the ledger with that run's options (dofollow
 * only, technical hosts), twice: as it is ("before") and with the change ("after"). Each level is ranked
 * with PageRank exactly as `rank` does (core/rank/link-authority.ts: pages, then folded into hosts and
 * registrable domains), but **warm-started** from the rank vector the last run stored: one link moves the
 * fixed point only a little, so the power iteration starts next to it and needs far fewer iterations than
 * from the uniform vector (the result is the same fixed point, to the tolerance). Nodes the stored run did
 * not know start at the smallest stored rank.
 *
 * Both sides are scored on the "before" graph's scale (authority-scale.ts: the same floor and top), so a
 * delta is a change of rank, not a change of the ruler; an "after" beyond the old top is clamped at 100.
 * Before is recomputed rather than read back so that links imported since the last run do not show up as
 * part of the move.
 */
import { UsageError } from '../../core/errors.ts';
import { buildCsr } from '../../core/graph/build-csr.ts';
import type { Csr } from '../../core/graph/csr.ts';
import { foldCsr } from '../../core/graph/fold.ts';
import { domainKeyOfHost, groupLabels, hostKeyOfUrl } from '../../core/graph/group-labels.ts';
import { transposeCsr } from '../../core/graph/transpose.ts';
import { AUTHORITY_LEVELS, type AuthorityLevel } from '../../core/ledger/authority.ts';
import type { EpochMs } from '../../core/ledger/model.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { authorityScaleOf, authorityScore } from '../../core/rank/authority-scale.ts';
import { pagerank } from '../../core/rank/pagerank.ts';
import type { RankResult } from '../../core/rank/rank-result.ts';
import { normalizeUrl } from '../../core/url/normalize.ts';
import { type LedgerGraph, loadLedgerGraph } from './rank-ledger.ts';

export interface WhatIfRequest {
  /** The page whose authority we ask about (a URL). */
  target: string;
  /** Pages that would link to the target. */
  addLinks?: readonly string[];
  /** Pages that would stop linking to it. */
  removeLinks?: readonly string[];
  /** Start from the stored vectors (default true); false starts from the uniform vector, for comparison. */
  warmStart?: boolean;
  alpha?: number;
  tolerance?: number;
  maxIterations?: number;
}

export interface AuthorityMove {
  /** The page URL, host or registrable domain. */
  key: string;
  before: number;
  after: number;
  delta: number;
  /** Raw PageRank before and after. */
  rankBefore: number;
  rankAfter: number;
}

export interface WhatIfLevelRun {
  iterations: number;
  converged: boolean;
}

export interface WhatIfResult {
  target: string;
  added: string[];
  removed: string[];
  /** The rank run the vectors and options come from. */
  rankedAt: EpochMs;
  warmStart: boolean;
  moves: Record<AuthorityLevel, AuthorityMove>;
  /** How the "after" PageRank of each level ended. */
  runs: Record<AuthorityLevel, WhatIfLevelRun>;
}

interface Ranked {
  labels: readonly string[];
  index: Map<string, number>;
  rank: RankResult;
}

export async function whatIf(store: LedgerStore, req: WhatIfRequest): Promise<WhatIfResult> {
  const run = await store.authorityRun();
  if (run === null) throw new UsageError('the ledger has no authority yet: run `linkledger rank` first');
  const graph = await loadLedgerGraph(store, {
    dofollowOnly: run.dofollowOnly,
    includeTechnical: run.includeTechnical,
  });
  const known = new Set(graph.pages);
  const target = urlOf(req.target, 'target', known);
  const added = [...new Set((req.addLinks ?? []).map((u) => urlOf(u, '--add-link', known)))];
  const removed = [...new Set((req.removeLinks ?? []).map((u) => urlOf(u, '--remove-link', known)))];
  if (added.length + removed.length === 0) throw new UsageError('give --add-link URL or --remove-link URL');
  const both = added.find((u) => removed.includes(u));
  if (both !== undefined) throw new UsageError(`${both} is both added and removed`);

  const changed = changedGraph(graph, target, added, removed);
  const warm = req.warmStart ?? true;
  const stored = new Map<AuthorityLevel, Map<string, number>>();
  if (warm) {
    for (const level of AUTHORITY_LEVELS) {
      stored.set(level, new Map((await store.topAuthority(level)).map((s) => [s.key, s.rank])));
    }
  }
  const options = {
    alpha: req.alpha ?? 0.85,
    tolerance: req.tolerance ?? 1e-10,
    maxIterations: req.maxIterations ?? 1000,
  };
  const before = rankLevels(graph, stored, options);
  const after = rankLevels(changed, stored, options);

  const host = hostKeyOfUrl(target);
  const keys: Record<AuthorityLevel, string> = { page: target, host, domain: domainKeyOfHost(host) };
  const moves = {} as Record<AuthorityLevel, AuthorityMove>;
  const runs = {} as Record<AuthorityLevel, WhatIfLevelRun>;
  for (const level of AUTHORITY_LEVELS) {
    const b = before[level];
    const a = after[level];
    const scale = authorityScaleOf(b.rank.scores);
    const rankBefore = rankOf(b, keys[level]);
    const rankAfter = rankOf(a, keys[level]);
    const scoreBefore = authorityScore(rankBefore, scale);
    const scoreAfter = authorityScore(rankAfter, scale);
    moves[level] = {
      key: keys[level],
      before: scoreBefore,
      after: scoreAfter,
      delta: scoreAfter - scoreBefore,
      rankBefore,
      rankAfter,
    };
    runs[level] = { iterations: a.rank.iterations, converged: a.rank.converged };
  }
  return { target, added, removed, rankedAt: run.rankedAt, warmStart: warm, moves, runs };
}

/**
 * A URL as the ledger keys it. Typed without a scheme (`acme.com/page`), it is the https or http URL the
 * graph knows (https first), else https; a bare host the graph holds as a web-graph node stays a host.
 */
function urlOf(raw: string, what: string, known: ReadonlySet<string>): string {
  const text = raw.trim();
  if (known.has(text.toLowerCase())) return text.toLowerCase(); // a web-graph node: a bare host name
  const candidates = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? [text] : [`https://${text}`, `http://${text}`];
  const urls = candidates.map((c) => normalizeUrl(c));
  if (urls.some((u) => u === null)) throw new UsageError(`${what}: not a URL: ${raw}`);
  return urls.find((u) => known.has(u!)) ?? urls[0]!;
}

/** The graph with `added -> target` links added (followed) and every `removed -> target` link dropped. */
function changedGraph(
  graph: LedgerGraph,
  target: string,
  added: readonly string[],
  removed: readonly string[],
): LedgerGraph {
  const pages = [...graph.pages];
  const ids = new Map(pages.map((url, id) => [url, id]));
  const idOf = (url: string): number => {
    let id = ids.get(url);
    if (id === undefined) {
      id = pages.length;
      ids.set(url, id);
      pages.push(url);
    }
    return id;
  };
  const t = idOf(target);
  const dropped = new Set(removed.map((u) => ids.get(u)).filter((id) => id !== undefined));
  const src: number[] = [];
  const dst: number[] = [];
  const followed: number[] = [];
  const linked = new Set<number>();
  const droppedFrom = new Set<number>();
  for (let i = 0; i < graph.count; i++) {
    const s = graph.src[i]!;
    const d = graph.dst[i]!;
    if (d === t && dropped.has(s)) {
      droppedFrom.add(s);
      continue;
    }
    if (d === t && graph.followed[i] === 1) linked.add(s);
    src.push(s);
    dst.push(d);
    followed.push(graph.followed[i]!);
  }
  for (const url of removed) {
    if (!droppedFrom.has(ids.get(url) ?? -1))
      throw new UsageError(`the ranked ledger has no live link from ${url} to ${target}: nothing to remove`);
  }
  for (const url of added) {
    const s = idOf(url);
    if (linked.has(s)) throw new UsageError(`${url} already links to ${target}: nothing to add`);
    src.push(s);
    dst.push(t);
    followed.push(1);
  }
  return {
    pages,
    src: Uint32Array.from(src),
    dst: Uint32Array.from(dst),
    followed: Uint8Array.from(followed),
    count: src.length,
    linksRead: graph.linksRead,
  };
}

/** Pages, hosts and domains ranked as link-authority.ts does, each level started from `stored` if given. */
function rankLevels(
  graph: LedgerGraph,
  stored: Map<AuthorityLevel, Map<string, number>>,
  options: { alpha: number; tolerance: number; maxIterations: number },
): Record<AuthorityLevel, Ranked> {
  const level = (name: AuthorityLevel, labels: readonly string[], csr: Csr): Ranked => {
    const start = startVector(labels, stored.get(name));
    const rank = pagerank(transposeCsr(csr), { ...options, ...(start ? { start } : {}) });
    return { labels, index: new Map(labels.map((l, i) => [l, i])), rank };
  };
  const { pages, src, dst, count } = graph;
  const pageGraph = buildCsr(pages.length, { src, dst, count }, { selfLoops: 'drop' }).graph;
  const hosts = groupLabels(pages, hostKeyOfUrl);
  const hostGraph = foldCsr(pageGraph, hosts).graph;
  const domains = groupLabels(hosts.groupLabels, domainKeyOfHost);
  const domainGraph = foldCsr(hostGraph, domains).graph;
  return {
    page: level('page', pages, pageGraph),
    host: level('host', hosts.groupLabels, hostGraph),
    domain: level('domain', domains.groupLabels, domainGraph),
  };
}

function startVector(
  labels: readonly string[],
  stored: Map<string, number> | undefined,
): Float64Array | null {
  if (stored === undefined || stored.size === 0 || labels.length === 0) return null;
  let floor = Number.POSITIVE_INFINITY;
  for (const r of stored.values()) if (r > 0 && r < floor) floor = r;
  if (!Number.isFinite(floor)) return null;
  const start = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const r = stored.get(labels[i]!);
    start[i] = r !== undefined && r > 0 ? r : floor;
  }
  return start;
}

function rankOf(ranked: Ranked, key: string): number {
  const id = ranked.index.get(key);
  return id === undefined ? 0 : ranked.rank.scores[id]!;
}
