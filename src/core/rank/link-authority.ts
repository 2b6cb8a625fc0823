/**
 * Page, host and domain authority from a list of links between pages (the ledger calls this).
 *
 * - Page authority (like Ahrefs' UR): PageRank over pages, internal and external links alike, followed
 *   links only (nofollow / ugc / sponsored ignored), a page's links to itself dropped, repeated links
 *   between two pages counted once.
 * - Host authority: the page graph folded into hosts (core/graph/fold.ts): each linking host counts once
 *   per target host, links inside a host dropped.
 * - Domain authority (like Ahrefs' DR): the host graph folded into registrable domains (Public Suffix List
 *   through tldts): each linking domain counts **once** per target domain and followed links only; a
 *   domain's rank is split equally among the domains it links to, which is PageRank's 1/outdeg.
 *
 * Each level is ranked with PageRank (alpha 0.85, uniform teleport, dangling rank spread uniformly) and
 * mapped to 0-100 with the log scale of authority-scale.ts. Pure: no I/O; URLs are parsed with WHATWG URL.
 */
import { buildCsr } from '../graph/build-csr.ts';
import type { Csr } from '../graph/csr.ts';
import { foldCsr } from '../graph/fold.ts';
import { domainKeyOfHost, groupLabels, hostKeyOfUrl } from '../graph/group-labels.ts';
import { transposeCsr } from '../graph/transpose.ts';
import { type AuthorityScale, authorityScaleOf, authorityScores } from './authority-scale.ts';
import { pagerank } from './pagerank.ts';
import type { RankResult } from './rank-result.ts';

export interface LinkGraphInput {
  /** Page URLs; a page's id is its index. */
  readonly pages: readonly string[];
  /** Links `src[i] -> dst[i]` for `i < count`, as page ids. */
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
  readonly count: number;
  /** 1 when link i is followed (no nofollow, ugc or sponsored); omitted: every link is followed. */
  readonly followed?: Uint8Array;
}

export interface LinkAuthorityOptions {
  readonly alpha?: number;
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Count nofollow links too (default false: followed links only). */
  readonly includeNofollow?: boolean;
}

export interface LevelAuthority {
  /** Page URLs, host names or registrable domains, by id. */
  readonly labels: readonly string[];
  /** Which group of this level each node of the level below belongs to (hosts: per page; domains: per host). */
  readonly groupOf: Uint32Array | null;
  readonly graph: Csr;
  readonly rank: RankResult;
  readonly scale: AuthorityScale;
  /** 0-100. */
  readonly score: Float64Array;
}

export interface LinkAuthority {
  readonly page: LevelAuthority;
  readonly host: LevelAuthority;
  readonly domain: LevelAuthority;
}

export function linkAuthority(input: LinkGraphInput, options: LinkAuthorityOptions = {}): LinkAuthority {
  const { pages, followed } = input;
  let { src, dst, count } = input;
  if (followed !== undefined && !options.includeNofollow) {
    const keptSrc = new Uint32Array(count);
    const keptDst = new Uint32Array(count);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      if (followed[i] === 0) continue;
      keptSrc[kept] = src[i]!;
      keptDst[kept] = dst[i]!;
      kept++;
    }
    [src, dst, count] = [keptSrc, keptDst, kept];
  }
  const rankOptions = {
    alpha: options.alpha ?? 0.85,
    tolerance: options.tolerance ?? 1e-10,
    maxIterations: options.maxIterations ?? 1000,
  };
  const level = (labels: readonly string[], groupOf: Uint32Array | null, graph: Csr): LevelAuthority => {
    const rank = pagerank(transposeCsr(graph), rankOptions);
    const scale = authorityScaleOf(rank.scores);
    return { labels, groupOf, graph, rank, scale, score: authorityScores(rank.scores, scale) };
  };

  const pageGraph = buildCsr(pages.length, { src, dst, count }, { selfLoops: 'drop' }).graph;
  const hosts = groupLabels(pages, hostKeyOfUrl);
  const hostGraph = foldCsr(pageGraph, hosts).graph;
  const domains = groupLabels(hosts.groupLabels, domainKeyOfHost);
  const domainGraph = foldCsr(hostGraph, domains).graph;
  return {
    page: level(pages, null, pageGraph),
    host: level(hosts.groupLabels, hosts.groupOf, hostGraph),
    domain: level(domains.groupLabels, domains.groupOf, domainGraph),
  };
}
