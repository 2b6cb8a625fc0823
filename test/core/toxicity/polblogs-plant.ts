/**
 * A toxicity test bed on real data: the polblogs graph (../shared/data/polblogs, Adamic & Glance 2005;
 * 1,490 US political blogs, 19,015 distinct hyperlinks, research/test use only) with its nodes read as
 * referring domains, dailykos.com (the most linked blog, 337 in-links) as the target, and four planted
 * link schemes whose links form the ground truth. Shared by test/core/toxicity/polblogs.test.ts (small
 * plant) and bench/toxicity.ts (full plant).
 *
 * Everything random comes from one seeded PRNG (mulberry32), drawn in a fixed order (real blogs by id,
 * then each planted group), so a seed gives the same profile on every machine.
 *
 * Real blogs (every polblogs in-neighbour of the target):
 *   - 1-3 linking pages (a post each), or 6-20 pages for the 10% with a blogroll entry (placement
 *     `aside`, anchor the brand), as blogrolls repeat on every page;
 *   - placement of post links: content 92%, footer 4%, nav 2%, header 2%;
 *   - anchors: brand 30% ("Daily Kos", "Kos", "dKos"), naked URL 15%, generic 15% ("here", "this post"),
 *     topical phrases 34% (from a word list without the money keywords), partial-match keyword 6%;
 *   - rel: 4% nofollow; language `en` (5% `en-US`, 5% unknown); text of 120-360 words drawn from a
 *     generated 3,000-word vocabulary (unique per page); external outlinks = the blog's polblogs
 *     out-degree x 1.5 (blogroll, incl. blogs outside the data set) + 3-40 in the post;
 *   - one Universal Analytics id of its own for half of them; an IPv4 address of its own, or for blogs
 *     on a hosting platform (blogspot, typepad, ...) one of the platform's few /24s.
 * Planted schemes (new domains, new nodes in the domain graph):
 *   (a) link farm: each ordered pair of farm domains linked with probability 0.9, each also links to 2-4
 *       real blogs; each links to the target from 6-15 pages, footer (80%) or nav, with one exact-match
 *       keyword anchor;
 *   (b) paid network: half on 203.0.113.0/24, half on 198.51.100.0/24; one Analytics account
 *       (UA-4815162-k); one 800-word page (article and boilerplate) in which only the site name differs
 *       (in two places); one followed content link each with a commercial anchor (`buy progressive
 *       politics books`), half of the pages saying "sponsored post" beside the link;
 *   (c) directories: one page each with 300-900 external outlinks; the anchor is an exact-match keyword
 *       for half of them and the brand (the site's name, as directories list it) for the other half;
 *   (d) foreign-language comment spam: pages in ru, pl, tr or zh with exact-match keyword anchors.
 * Spam mass: core/rank/spam-mass.ts over the whole graph; seeds = the real blogs with at least
 * `seedMinInLinks` in-links (10: 358 blogs, a quarter of the nodes, standing in for a curated good core);
 * PageRank given as PageRank x node count.
 */
import { readFileSync } from 'node:fs';
import { buildCsr } from '../../../src/core/graph/build-csr.ts';
import { spamMass } from '../../../src/core/rank/spam-mass.ts';
import type { LinkToxicity, ToxicityInput, ToxicityReport } from '../../../src/core/toxicity/model.ts';
import { REASON_CODES, type ReasonCode } from '../../../src/core/toxicity/reasons.ts';
import { sharedData } from '../../support/paths.ts';
import { mulberry32 } from '../../support/prng.ts';

type BacklinkRow = ToxicityInput['backlinks'][number];
type PageRow = NonNullable<ToxicityInput['pages']>[number];
type DomainRow = NonNullable<ToxicityInput['domains']>[number];

export type LinkGroup = 'real' | 'farm' | 'network' | 'directory' | 'foreign';

export interface PlantOptions {
  readonly seed: number;
  readonly farm: number;
  readonly network: number;
  readonly directories: number;
  readonly foreign: number;
  /** Real blogs with at least this many in-links are the trusted seeds of spam mass. */
  readonly seedMinInLinks: number;
}

export const FULL_PLANT: PlantOptions = {
  seed: 20041102,
  farm: 30,
  network: 20,
  directories: 10,
  foreign: 10,
  seedMinInLinks: 10,
};

export const TARGET = 'dailykos.com';
export const KEYWORDS = ['progressive politics', 'democratic activism'];
export const BRAND = ['daily kos', 'dailykos', 'dkos', 'kos'];

/**
 * The reasons each planted group is expected to trigger (its ground truth); a directory link with the
 * brand as anchor (half of them) expects only `outbound-link-overload` (see `expected`).
 */
export const EXPECTED: Readonly<Record<LinkGroup, readonly ReasonCode[]>> = {
  real: [],
  farm: ['link-farm', 'sitewide-boilerplate', 'anchor-over-optimisation', 'high-spam-mass'],
  network: [
    'shared-ipv4-network',
    'shared-template',
    'shared-analytics-id',
    'paid-without-sponsored',
    'anchor-over-optimisation',
  ],
  directory: ['outbound-link-overload', 'anchor-over-optimisation'],
  foreign: ['foreign-language', 'anchor-over-optimisation'],
};

export interface PlantedProfile {
  readonly input: ToxicityInput;
  /** Group of each backlink, by index. */
  readonly groups: readonly LinkGroup[];
  /** The reasons each backlink is expected to carry (empty for real links), by index. */
  readonly expected: ReadonlyArray<readonly ReasonCode[]>;
  /** Trusted seeds of the spam-mass run. */
  readonly seedCount: number;
  readonly realDomains: number;
  readonly nodeCount: number;
  readonly edgeCount: number;
}

interface Polblogs {
  labels: string[];
  edges: Array<[number, number]>;
}

let cached: Polblogs | null = null;

/** polblogs.vertices.tsv / polblogs.edges.tsv as 0-based ids (GML ids minus 1). */
export function loadPolblogs(): Polblogs {
  if (cached) return cached;
  const labels: string[] = [];
  for (const line of readFileSync(sharedData('polblogs', 'polblogs.vertices.tsv'), 'utf8').split('\n')) {
    if (line === '') continue;
    const [id, label] = line.split('\t');
    labels[Number(id) - 1] = label!;
  }
  const edges: Array<[number, number]> = [];
  for (const line of readFileSync(sharedData('polblogs', 'polblogs.edges.tsv'), 'utf8').split('\n')) {
    if (line === '') continue;
    const [s, d] = line.split('\t');
    edges.push([Number(s) - 1, Number(d) - 1]);
  }
  cached = { labels, edges };
  return cached;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'ta',
  'vo',
  'sil',
  'dra',
  'pen',
  'qu',
  'xo',
  'bel',
  'tor',
  'num',
  'ga',
  'fi',
];
const TOPICAL = [
  'kerry',
  'bush',
  'ohio',
  'florida',
  'polls',
  'debate',
  'campaign',
  'senate',
  'house',
  'iraq',
  'convention',
  'turnout',
  'swing states',
  'fundraising',
  'the latest numbers',
  'a great post',
  'this analysis',
  'on the ground',
  'voter registration',
  'the electoral map',
];
const GENERIC = ['here', 'this post', 'read more', 'this', 'link', 'more'];
const NAKED = ['dailykos.com', 'www.dailykos.com', 'http://www.dailykos.com/'];
const BRAND_ANCHORS = ['Daily Kos', 'Kos', 'dKos', 'DailyKos'];
const PARTIAL = ['progressive bloggers', 'politics today', 'democratic grassroots', 'activism news'];
const PLATFORMS: Record<string, string[]> = {
  'blogspot.com': ['216.239.32', '216.239.34', '216.239.36'],
  'typepad.com': ['204.9.177'],
  'blogs.com': ['204.9.178'],
  'blog-city.com': ['66.235.200'],
  'blogdrive.com': ['64.70.61'],
  'squarespace.com': ['65.39.205'],
  'xanga.com': ['65.254.44'],
  'livejournal.com': ['204.9.177'],
};
const FOREIGN_LANGS = ['ru', 'pl', 'tr', 'zh'];

export function plantPolblogs(options: PlantOptions): PlantedProfile {
  const { labels, edges: realEdges } = loadPolblogs();
  const rand = mulberry32(options.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const vocabulary = Array.from({ length: 3000 }, () =>
    Array.from({ length: int(2, 4) }, () => pick(SYLLABLES)).join(''),
  );
  const words = (n: number): string =>
    Array.from({ length: n }, () => vocabulary[Math.floor(vocabulary.length * rand() ** 2)]!).join(' ');
  const ip = (): string => `${int(11, 99)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;

  const target = labels.indexOf(TARGET);
  const outDegree = new Map<number, number>();
  const inDegree = new Map<number, number>();
  for (const [s, d] of realEdges) {
    outDegree.set(s, (outDegree.get(s) ?? 0) + 1);
    inDegree.set(d, (inDegree.get(d) ?? 0) + 1);
  }
  const referrers = [...new Set(realEdges.filter(([, d]) => d === target).map(([s]) => s))].sort(
    (a, b) => a - b,
  );

  const backlinks: BacklinkRow[] = [];
  const groups: LinkGroup[] = [];
  const pages: PageRow[] = [];
  const domains: DomainRow[] = [];
  const domainLinks: Array<{ from: string; to: string }> = realEdges.map(([s, d]) => ({
    from: labels[s]!,
    to: labels[d]!,
  }));
  const expected: Array<readonly ReasonCode[]> = [];
  const add = (
    group: LinkGroup,
    link: Omit<BacklinkRow, 'kind' | 'firstSeen' | 'sourceHost'>,
    reasons: readonly ReasonCode[] = EXPECTED[group],
  ): void => {
    backlinks.push({ ...link, sourceHost: link.sourceDomain.split('/')[0]!, kind: 'a', firstSeen: null });
    groups.push(group);
    expected.push(reasons);
  };
  const home = `http://www.${TARGET}/`;

  // Real blogs.
  for (const id of referrers) {
    const domain = labels[id]!;
    const host = domain.split('/')[0]!;
    const platform = Object.keys(PLATFORMS).find((p) => host.endsWith(`.${p}`));
    domains.push({
      domain,
      ipv4: [platform ? `${pick(PLATFORMS[platform]!)}.${int(1, 254)}` : ip()],
    });
    const analytics = rand() < 0.5 ? [`UA-${100000 + id * 7}-1`] : [];
    const blogroll = rand() < 0.1;
    const pageCount = blogroll ? int(6, 20) : int(1, 3);
    for (let p = 0; p < pageCount; p++) {
      const url = `http://${domain}/archives/2004/${String(int(1, 12)).padStart(2, '0')}/post-${id}-${p}.html`;
      let anchor: string;
      let placement: BacklinkRow['placement'];
      if (blogroll) {
        anchor = 'Daily Kos';
        placement = 'aside';
      } else {
        const r = rand();
        anchor =
          r < 0.3
            ? pick(BRAND_ANCHORS)
            : r < 0.45
              ? pick(NAKED)
              : r < 0.6
                ? pick(GENERIC)
                : r < 0.94
                  ? `${pick(TOPICAL)} ${pick(TOPICAL)}`
                  : pick(PARTIAL);
        const q = rand();
        placement = q < 0.92 ? 'content' : q < 0.96 ? 'footer' : q < 0.98 ? 'nav' : 'header';
      }
      const story =
        rand() < 0.5
          ? home
          : `http://www.${TARGET}/story/2004/10/${int(1, 31)}/${int(10000, 99999)}/${int(1, 999)}`;
      add('real', {
        sourceUrl: url,
        sourceDomain: domain,
        targetUrl: story,
        anchor,
        nofollow: rand() < 0.04,
        sponsored: false,
        ugc: false,
        placement,
      });
      const l = rand();
      pages.push({
        url,
        lang: l < 0.9 ? 'en' : l < 0.95 ? 'en-US' : null,
        title: `${domain}: ${pick(TOPICAL)}`,
        text: words(int(120, 360)),
        externalOutlinks: Math.round((outDegree.get(id) ?? 0) * 1.5) + int(3, 40),
        analyticsIds: analytics,
      });
    }
  }

  const names = new Set<string>(labels);
  const newName = (stem: string, tld: string): string => {
    for (;;) {
      const name = `${pick(vocabulary)}-${stem}.${tld}`;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };

  // (a) Link farm.
  const farm = Array.from({ length: options.farm }, () => newName('news', 'info'));
  for (const a of farm) {
    for (const b of farm) if (a !== b && rand() < 0.9) domainLinks.push({ from: a, to: b });
    for (let k = int(2, 4); k > 0; k--) domainLinks.push({ from: a, to: labels[pick(referrers)]! });
    domainLinks.push({ from: a, to: TARGET });
    domains.push({ domain: a, ipv4: [ip()] });
    const anchor = rand() < 0.7 ? KEYWORDS[0]! : KEYWORDS[1]!;
    for (let p = int(6, 15); p > 0; p--) {
      const url = `http://${a}/${pick(vocabulary)}-${p}.html`;
      add('farm', {
        sourceUrl: url,
        sourceDomain: a,
        targetUrl: home,
        anchor,
        nofollow: false,
        sponsored: false,
        ugc: false,
        placement: rand() < 0.8 ? 'footer' : 'nav',
      });
      pages.push({
        url,
        lang: 'en',
        text: words(int(200, 400)),
        externalOutlinks: int(20, 60),
        analyticsIds: [],
      });
    }
  }

  // (b) Paid network.
  const template = words(800).split(' ');
  for (let k = 0; k < options.network; k++) {
    const d = newName('review', 'com');
    domainLinks.push({ from: d, to: TARGET });
    domains.push({ domain: d, ipv4: [`${k % 2 === 0 ? '203.0.113' : '198.51.100'}.${int(1, 254)}`] });
    const text = [...template];
    text[0] = d;
    text[400] = d;
    const url = `http://${d}/${pick(vocabulary)}.html`;
    const kw = pick(KEYWORDS);
    const anchor = pick([`buy ${kw} books`, `cheap ${kw} gear`, `${kw} discount`, `${kw} coupon`]);
    add('network', {
      sourceUrl: url,
      sourceDomain: d,
      targetUrl: home,
      anchor,
      nofollow: false,
      sponsored: false,
      ugc: false,
      placement: 'content',
      context: rand() < 0.5 ? 'Sponsored post: our partners recommend' : null,
    });
    pages.push({
      url,
      lang: 'en',
      text: text.join(' '),
      externalOutlinks: int(5, 15),
      analyticsIds: [`UA-4815162-${k + 1}`],
    });
  }

  // (c) Directories.
  for (let k = 0; k < options.directories; k++) {
    const d = newName('directory', 'biz');
    domainLinks.push({ from: d, to: TARGET });
    for (let j = int(20, 40); j > 0; j--)
      domainLinks.push({ from: d, to: labels[int(0, labels.length - 1)]! });
    domains.push({ domain: d, ipv4: [ip()] });
    const url = `http://${d}/politics/blogs/page-${int(1, 50)}.html`;
    const branded = k % 2 === 1;
    add(
      'directory',
      {
        sourceUrl: url,
        sourceDomain: d,
        targetUrl: home,
        anchor: branded ? 'Daily Kos' : pick(KEYWORDS),
        nofollow: false,
        sponsored: false,
        ugc: false,
        placement: 'content',
      },
      branded ? ['outbound-link-overload'] : EXPECTED.directory,
    );
    pages.push({
      url,
      lang: 'en',
      text: words(int(300, 600)),
      externalOutlinks: int(300, 900),
      analyticsIds: [],
    });
  }

  // (d) Foreign-language comment spam.
  for (let k = 0; k < options.foreign; k++) {
    const d = newName('forum', 'net');
    domainLinks.push({ from: d, to: TARGET });
    domains.push({ domain: d, ipv4: [ip()] });
    const url = `http://${d}/thread/${int(1000, 9999)}`;
    add('foreign', {
      sourceUrl: url,
      sourceDomain: d,
      targetUrl: home,
      anchor: pick(KEYWORDS),
      nofollow: false,
      sponsored: false,
      ugc: false,
      placement: 'content',
    });
    pages.push({ url, lang: pick(FOREIGN_LANGS), text: words(int(100, 300)), externalOutlinks: int(10, 80) });
  }

  // Spam mass over the whole domain graph.
  const ids = new Map<string, number>();
  const idOf = (name: string): number => {
    let v = ids.get(name);
    if (v === undefined) {
      v = ids.size;
      ids.set(name, v);
    }
    return v;
  };
  for (const label of labels) idOf(label);
  for (const { from, to } of domainLinks) {
    idOf(from);
    idOf(to);
  }
  const n = ids.size;
  const src = new Uint32Array(domainLinks.length);
  const dst = new Uint32Array(domainLinks.length);
  domainLinks.forEach(({ from, to }, e) => {
    src[e] = idOf(from);
    dst[e] = idOf(to);
  });
  const transpose = buildCsr(n, { src, dst, count: domainLinks.length }, { orientation: 'transpose' }).graph;
  const seeds = [...inDegree]
    .filter(([, count]) => count >= options.seedMinInLinks)
    .map(([v]) => v)
    .sort((a, b) => a - b);
  const mass = spamMass(transpose, seeds, { tolerance: 1e-12 });
  const withMass: DomainRow[] = domains.map((d) => {
    const v = ids.get(d.domain)!;
    return { ...d, spamMass: mass.relative[v]!, pagerank: mass.pagerank.scores[v]! * n };
  });

  return {
    input: {
      target: { domain: TARGET, lang: 'en', brandTerms: BRAND, keywords: KEYWORDS },
      backlinks,
      pages,
      domains: withMass,
      domainLinks,
    },
    groups,
    expected,
    seedCount: seeds.length,
    realDomains: referrers.length,
    nodeCount: n,
    edgeCount: transpose.edgeCount,
  };
}

// ------------------------------------------------------------------------------------------ evaluation

export interface Score {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Evaluation {
  readonly perReason: ReadonlyArray<{ code: ReasonCode } & Score>;
  /** Planted links vs links with score >= flagScore. */
  readonly flagged: Score;
  /** Planted links vs links with any reason. */
  readonly anyReason: Score;
  readonly realLinks: number;
  readonly realFlagged: number;
  readonly realWithReason: number;
  readonly realDomainsFlagged: number;
}

function score(tp: number, fp: number, fn: number): Score {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export function evaluate(report: ToxicityReport, planted: PlantedProfile): Evaluation {
  const { groups } = planted;
  const byIndex = new Map<number, LinkToxicity>();
  for (const link of report.links) byIndex.set(link.index, link);
  const perReason = REASON_CODES.map((code) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    groups.forEach((_, i) => {
      const expected = planted.expected[i]!.includes(code);
      const found = byIndex.get(i)?.reasons.some((r) => r.code === code) ?? false;
      if (found && expected) tp++;
      else if (found) fp++;
      else if (expected) fn++;
    });
    return { code, ...score(tp, fp, fn) };
  });
  const overall = (hit: (l: LinkToxicity | undefined) => boolean): Score => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    groups.forEach((group, i) => {
      const planted = group !== 'real';
      const found = hit(byIndex.get(i));
      if (found && planted) tp++;
      else if (found) fp++;
      else if (planted) fn++;
    });
    return score(tp, fp, fn);
  };
  const real = groups.flatMap((g, i) => (g === 'real' ? [byIndex.get(i)] : []));
  const realDomainsFlagged = new Set(real.filter((l) => l?.flagged).map((l) => l!.sourceDomain)).size;
  return {
    perReason,
    flagged: overall((l) => l?.flagged ?? false),
    anyReason: overall((l) => (l?.reasons.length ?? 0) > 0),
    realLinks: real.length,
    realFlagged: real.filter((l) => l?.flagged).length,
    realWithReason: real.filter((l) => (l?.reasons.length ?? 0) > 0).length,
    realDomainsFlagged,
  };
}

export { mulberry32 };
