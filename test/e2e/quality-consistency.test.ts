/**
 * A backlink's quality is a property of the link, not of the listing that shows it: on 241 real news
 * pages (htmlparser-benchmark), every link scores the same in the whole `backlinks --quality` listing, on
 * any page of it, and in `explain` (which the dashboard's drawer shows), with text relevance known for some
 * of them (so the document frequencies behind it really are shared).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLedgerStore } from '../../src/adapters/store-duckdb/duckdb-store.ts';
import { allBacklinks } from '../../src/app/ledger/all-backlinks.ts';
import { explainLink, type ScoredLink, scoreLinks } from '../../src/app/quality/link-quality.ts';
import { linkFilter, targetSelector } from '../../src/core/ledger/query.ts';
import { DEFAULT_QUALITY_WEIGHTS } from '../../src/core/quality/weights.ts';
import { runMain } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-quality-same-'));
const db = join(dir, 'ledger.duckdb');
const PAGES = join(REPO_ROOT, 'node_modules', 'htmlparser-benchmark', 'files');
const TARGET = 'usatoday.com';

interface Row {
  sourceUrl: string;
  targetUrl: string;
  kind: string;
  nofollow: boolean;
  anchor: string;
  quality: number;
}

const listing = async (...args: string[]) => {
  const { code, stdout, stderr } = await runMain([
    'backlinks',
    TARGET,
    '--include-internal',
    '--quality',
    '--format',
    'json',
    '--db',
    db,
    ...args,
  ]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Row[];
};
const key = (r: Row) => `${r.sourceUrl} ${r.targetUrl} ${r.kind} ${r.nofollow} ${r.anchor}`;

beforeAll(async () => {
  const imported = await runMain(['import', PAGES, '--db', db, '--progress', 'none']);
  expect(imported.code, imported.stderr).toBe(0);
  expect((await runMain(['rank', '--db', db])).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quality does not depend on the listing', () => {
  it('scores each link the same on every page of the listing, in the whole listing and in explain', async () => {
    const all = await listing('--limit', '60');
    expect(all.length).toBe(60);
    const whole = new Map(all.map((r) => [key(r), r.quality]));
    for (const offset of [0, 7, 21, 42]) {
      for (const row of await listing('--limit', '7', '--offset', String(offset)))
        expect(row.quality, key(row)).toBe(whole.get(key(row)));
    }
    let relevanceKnown = 0;
    for (const row of all.filter((_, i) => i % 6 === 0)) {
      const { code, stdout } = await runMain([
        'explain',
        row.sourceUrl,
        row.targetUrl,
        '--format',
        'json',
        '--db',
        db,
      ]);
      expect(code).toBe(0);
      const explained = (JSON.parse(stdout) as ScoredLink[]).find(
        (s) => s.link.kind === row.kind && s.link.nofollow === row.nofollow && s.link.anchor === row.anchor,
      );
      expect(explained, key(row)).toBeDefined();
      expect(Math.round(explained!.quality.score * 10) / 10, key(row)).toBe(row.quality);
      if (explained!.relevance !== null) relevanceKnown += 1;
    }
    expect(relevanceKnown).toBeGreaterThan(0);
  });

  it('gives the same unrounded relevance and score to a link scored alone, in a few, in many and by explain', async () => {
    const store = await DuckDbLedgerStore.open({ path: db });
    try {
      const links = await allBacklinks(
        store,
        linkFilter(targetSelector(TARGET, 'domain'), { includeInternal: true, status: 'live' }),
      );
      const many = await scoreLinks(store, links, DEFAULT_QUALITY_WEIGHTS);
      const withRelevance = many.filter((s) => s.relevance !== null);
      expect(withRelevance.length).toBeGreaterThan(3);
      const picked = withRelevance.slice(0, 4).map((s) => s.link);
      const few = await scoreLinks(store, picked, DEFAULT_QUALITY_WEIGHTS);
      for (const [i, link] of picked.entries()) {
        const inMany = many.find((s) => s.link === link)!;
        const alone = (await scoreLinks(store, [link], DEFAULT_QUALITY_WEIGHTS))[0]!;
        const explained = (await explainLink(store, link.sourceUrl, link.targetUrl)).find(
          (s) =>
            s.link.kind === link.kind &&
            s.link.anchor === link.anchor &&
            s.link.nofollow === link.nofollow &&
            s.link.placement === link.placement,
        )!;
        expect(explained).toBeDefined();
        for (const other of [few[i]!, alone, explained]) {
          expect(other.relevance).toBe(inMany.relevance);
          expect(other.quality.score).toBe(inMany.quality.score);
        }
      }
    } finally {
      await store.close();
    }
  });
});
