/**
 * Benchmark data for the ledger: realistic extracted pages with a power-law spread of links over domains.
 *
 * By default the pages are the real corpus (corpusPages). Generated pages, for the query benchmark: source hosts and target domains are drawn from a
 * Zipf-like distribution (a few domains get most links, as on the web), each page carries ~50 links
 * (about 55% internal, 45% external), anchors from a small vocabulary, 12% nofollow, 8% images, placements
 * spread like a news site's. `benchPages` repeats either pool under fresh URLs to reach the wanted volume.
 */
import { join } from 'node:path';
import { FilePageReader } from '../src/adapters/sources/file-page-reader.ts';
import { extractLinks } from '../src/app/extract-links.ts';
import type { CapturedPageLinks } from '../src/app/ledger/ingest-pages.ts';
import type { Link, Placement } from '../src/core/link/link.ts';
import { mulberry32 as rng } from '../test/support/prng.ts';

/**
 * The links the HTML extractor finds in the 258 real news pages of htmlparser-benchmark (node_modules), as
 * captures. Pages that name no canonical or og:url get a synthetic https URL so that they count too.
 * `LEDGER_BENCH_GENERATED=1` switches back to the generated pool (to compare with earlier runs).
 */
export async function corpusPages(): Promise<CapturedPageLinks[] | null> {
  if (process.env.LEDGER_BENCH_GENERATED === '1') return null;
  const dir = join(import.meta.dirname, '..', 'node_modules', 'htmlparser-benchmark', 'files');
  const pages: CapturedPageLinks[] = [];
  await extractLinks([dir], new FilePageReader(), {}, (p) => {
    const url = p.page.url.startsWith('http') ? p.page.url : `https://corpus.example/page/${pages.length}`;
    const links = p.links.map((l) => ({ ...l, source: url }));
    pages.push({ ...p, page: { ...p.page, url }, links, source: 'crawl', capturedAt: Date.UTC(2024, 0, 1) });
  });
  return pages;
}

/** Zipf-like index in [0, n): P(i) ~ 1/(i+1)^s, by inverting the continuous approximation. */
export function zipf(r: () => number, n: number, s = 1.1): number {
  const u = r();
  const x = ((n ** (1 - s) - 1) * u + 1) ** (1 / (1 - s)) - 1;
  return Math.min(n - 1, Math.max(0, Math.floor(x)));
}

const TLDS = ['com', 'org', 'net', 'de', 'co.uk', 'fr', 'io', 'nl', 'es', 'it'];
const WORDS = [
  'news',
  'blue',
  'widget',
  'guide',
  'review',
  'sport',
  'city',
  'data',
  'open',
  'travel',
  'food',
  'tech',
];
const ANCHORS = [
  'click here',
  'read more',
  'home',
  'Contact',
  'About us',
  'Privacy policy',
  'source',
  'here',
];
const PLACEMENTS: Placement[] = [
  'content',
  'content',
  'content',
  'nav',
  'nav',
  'footer',
  'header',
  'aside',
  'unknown',
];

export function domainName(i: number): string {
  return `${WORDS[i % WORDS.length]}${i}.${TLDS[i % TLDS.length]}`;
}

function makeLink(target: string, anchor: string, r: () => number): Link {
  const nofollow = r() < 0.12;
  const img = r() < 0.08;
  return {
    source: '',
    target,
    rawUrl: target,
    kind: img ? 'img' : 'a',
    path: img ? 'IMG@/src' : 'A@/href',
    anchor: img ? '' : anchor,
    rel: nofollow ? ['nofollow'] : [],
    nofollow,
    sponsored: false,
    ugc: false,
    placement: PLACEMENTS[Math.floor(r() * PLACEMENTS.length)]!,
    position: 0,
  };
}

export interface GenerateOptions {
  links: number;
  linksPerPage?: number;
  domains?: number;
  seed?: number;
  capturedAt?: number;
  source?: string;
}

/** Generated pages until `links` links have been produced. */
export function* generatedPages(o: GenerateOptions): Generator<CapturedPageLinks> {
  const r = rng(o.seed ?? 42);
  const perPage = o.linksPerPage ?? 50;
  const domains = o.domains ?? 200_000;
  const capturedAt = o.capturedAt ?? Date.UTC(2024, 5, 1);
  let made = 0;
  let pageNo = 0;
  while (made < o.links) {
    const host = `www.${domainName(zipf(r, domains, 0.9))}`;
    const url = `https://${host}/${WORDS[pageNo % WORDS.length]}/${pageNo}-${Math.floor(r() * 1e6)}.html`;
    const n = Math.min(o.links - made, Math.max(1, Math.round(perPage * (0.5 + r()))));
    const links: Link[] = [];
    for (let i = 0; i < n; i++) {
      let target: string;
      let anchor: string;
      if (r() < 0.55) {
        target = `https://${host}/${WORDS[Math.floor(r() * WORDS.length)]}/${Math.floor(r() * 400)}`;
        anchor = ANCHORS[Math.floor(r() * ANCHORS.length)]!;
      } else {
        const d = domainName(zipf(r, domains, 1.1));
        const deep = r() < 0.6;
        target = deep
          ? `https://${d}/${WORDS[Math.floor(r() * WORDS.length)]}-${Math.floor(r() * 50)}`
          : `https://${d}/`;
        anchor =
          r() < 0.3 ? d : `${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]}`;
      }
      links.push(makeLink(target, anchor, r));
    }
    made += n;
    pageNo += 1;
    yield {
      source: o.source ?? 'crawl',
      capturedAt,
      page: {
        url,
        status: 200,
        baseUrl: url,
        canonical: url,
        ogUrl: null,
        title: `Page ${pageNo}`,
        lang: 'en',
        noindex: false,
        nofollow: false,
        charset: 'utf-8',
        charsetSource: 'meta',
      },
      links,
    };
  }
}

/**
 * Pages for the ingest benchmark: the corpus (hook above) or a pool of `poolLinks` generated links, repeated
 * under fresh page URLs until `links` links are produced. Repeating a pool keeps the heap small (as a
 * streaming import does) and mirrors how the real corpus will be used; strings are flattened once, as
 * parsed data is.
 */
export async function benchPages(
  o: GenerateOptions & { poolLinks?: number },
): Promise<Iterable<CapturedPageLinks>> {
  let pool = await corpusPages();
  if (pool === null || pool.length === 0) {
    pool = JSON.parse(
      JSON.stringify([...generatedPages({ ...o, links: Math.min(o.links, o.poolLinks ?? 200_000) })]),
    );
  }
  const corpus = pool!;
  return (function* () {
    let made = 0;
    for (let round = 0; made < o.links; round++) {
      for (const p of corpus) {
        if (made >= o.links) return;
        const url = round === 0 ? p.page.url : p.page.url.replace(/^(https?:\/\/[^/]+)/, `$1/r${round}`);
        made += p.links.length;
        yield { ...p, page: { ...p.page, url }, capturedAt: o.capturedAt ?? p.capturedAt };
      }
    }
  })();
}

export { rng };
