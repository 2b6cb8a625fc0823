/**
 * Builders for ledger tests: captures, links and observations with readable defaults, a seeded random
 * scenario generator, and a helper that feeds inputs through the real writer (app/ledger/ledger-writer.ts).
 */

import { ingest } from '../../src/app/ledger/ledger-writer.ts';
import { emptyStats, type ImportStats } from '../../src/core/ledger/import-run.ts';
import type { ImportSource, IngestItem } from '../../src/core/ledger/import-source.ts';
import type {
  CapturedPage,
  CaptureInput,
  LinkInput,
  ObservationInput,
  SourceTag,
} from '../../src/core/ledger/model.ts';
import { blankObservation } from '../../src/core/ledger/observation.ts';
import type { LedgerStore } from '../../src/core/ledger/store.ts';
import type { Placement } from '../../src/core/link/link.ts';
import { mulberry32 as rng } from '../support/prng.ts';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);
export const day = (n: number) => T0 + n * DAY;

export function link(target: string | null, options: Partial<LinkInput> = {}): LinkInput {
  return {
    target,
    kind: 'a',
    anchor: 'anchor',
    rel: [],
    nofollow: false,
    sponsored: false,
    ugc: false,
    placement: 'content',
    ...options,
  };
}

export function nofollow(target: string, options: Partial<LinkInput> = {}): LinkInput {
  return link(target, { rel: ['nofollow'], nofollow: true, ...options });
}

export function capture(
  url: string,
  at: number,
  links: readonly LinkInput[],
  page: Partial<CapturedPage> = {},
  source: SourceTag = 'crawl',
): CaptureInput {
  return { source, capturedAt: at, page: { url, status: 200, ...page }, links };
}

export function observation(
  sourceUrl: string,
  targetUrl: string,
  at: number,
  options: Partial<ObservationInput> = {},
): ObservationInput {
  return { ...blankObservation('csv', sourceUrl, targetUrl, at), ...options };
}

export function items(inputs: readonly (CaptureInput | ObservationInput)[]): IngestItem[] {
  return inputs.map((i) =>
    'capturedAt' in i ? { kind: 'capture', capture: i } : { kind: 'observation', observation: i },
  );
}

/** An import source over inputs held in memory (offsets count items), for runImport and its resume. */
export function memorySource(inputs: readonly (CaptureInput | ObservationInput)[]): ImportSource {
  const all = items(inputs).map((item, i) => ({ ...item, end: { offset: i + 1, line: i + 2 } }));
  return {
    identity: { input: 'mem', size: all.length, mtimeMs: 0, headHash: 'x' },
    format: 'test',
    source: 'crawl',
    totalBytes: all.length,
    async *read(from) {
      yield* all.slice(from.offset);
    },
  };
}

/** Feeds inputs through the real writer; small batches so multi-batch paths run too. */
export async function feed(
  store: LedgerStore,
  inputs: readonly (CaptureInput | ObservationInput)[],
  batchLinks = 7,
): Promise<ImportStats> {
  return ingest(store, items(inputs), emptyStats(), { batchLinks });
}

const PLACEMENTS: Placement[] = ['content', 'nav', 'footer', 'unknown'];
const ANCHORS = [
  'Acme',
  'click here',
  'blue widgets',
  'https://acme.com/',
  '',
  'best blue widgets guide',
  'Acme Corp',
];
const STATUSES = [200, 200, 200, 200, 200, 404, 301, 503];

/**
 * A random but repeatable ledger history: pages on a few domains captured several times (with statuses,
 * noindex, canonicals, rel flips), plus CSV observations. Targets include acme.com pages and others.
 */
export function randomScenario(
  seed: number,
  pages = 12,
  capturesPerPage = 3,
): (CaptureInput | ObservationInput)[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const hosts = [
    'blog.one.org',
    'www.two.net',
    'news.three.co.uk',
    'acme.com',
    'www.acme.com',
    'forum.four.io',
  ];
  const targets = [
    'https://acme.com/',
    'https://acme.com/blue-widgets',
    'https://acme.com/blog/post-1',
    'https://www.acme.com/about',
    'http://acme.com/old',
    'https://other.org/x',
    'https://www.two.net/page',
  ];
  const out: (CaptureInput | ObservationInput)[] = [];
  for (let p = 0; p < pages; p++) {
    const url = `https://${pick(hosts)}/p/${p}`;
    for (let c = 0; c < capturesPerPage; c++) {
      const links: LinkInput[] = [];
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++) {
        const target = pick(targets);
        const nf = r() < 0.3;
        links.push(
          link(target, {
            anchor: pick(ANCHORS),
            placement: pick(PLACEMENTS),
            kind: r() < 0.85 ? 'a' : 'img',
            rel: nf ? ['nofollow'] : [],
            nofollow: nf,
          }),
        );
      }
      const status = pick(STATUSES);
      const page: Partial<CapturedPage> = { status };
      if (r() < 0.1) page.noindex = true;
      if (r() < 0.1) page.canonical = `https://${pick(hosts)}/canonical`;
      // Analytics ids and addresses on every capture, changing between captures (no draws: the random
      // sequence stays as it was). Not left out on some: "a capture without them keeps the last known
      // values" depends on the order captures arrive in, as for text digests (page-store.contract.ts).
      page.analyticsIds = c % 2 === 0 ? [`UA-${1000 + (p % 3)}-1`, `G-ABC${c}DEFG`] : [];
      page.remoteAddress = `203.0.113.${(p + c) % 4}`;
      // Distinct capture times per page: ties between captures of one page would make order matter.
      const at = day(c * 60 + Math.floor(r() * 59));
      out.push(capture(url, at, links, page, r() < 0.7 ? 'crawl' : 'commoncrawl:CC-MAIN-2024-10'));
    }
    if (r() < 0.5) {
      const lost = r() < 0.3 ? { at: day(150 + Math.floor(r() * 50)), reason: 'removed' as const } : null;
      out.push(
        observation(url, pick(targets), day(Math.floor(r() * 200)), {
          source: pick(['gsc', 'ahrefs']),
          anchor: r() < 0.5 ? pick(ANCHORS) : null,
          lost,
        }),
      );
    }
  }
  return out;
}

/** Deterministic shuffle with the given seed. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export { rng };
