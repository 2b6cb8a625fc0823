/**
 * The ledger's reports agree with `extract` on real Common Crawl data (../shared/data/resiliparse-warc):
 * importing the WARC and asking `backlinks` / `refdomains` for every domain it links to gives exactly the
 * external hyperlinks `extract` finds (same source pages, same targets, same referring domains).
 * The ledger's documented rules decide which extracted links count (docs/ledger.md): hyperlink kinds only,
 * web targets, other registrable domain than the source, pages that answered 2xx/3xx; `--status all` so
 * that links on noindex or canonical-elsewhere pages, which the ledger keeps but does not count as live,
 * are compared too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FilePageReader } from '../../src/adapters/sources/file-page-reader.ts';
import { openImportSources } from '../../src/adapters/sources/import-sources.ts';
import { openStore } from '../../src/adapters/store-duckdb/open-store.ts';
import { extractLinks } from '../../src/app/extract-links.ts';
import { reportBacklinks, reportRefDomains } from '../../src/app/ledger/reports.ts';
import { runImport } from '../../src/app/ledger/run-import.ts';
import { REPORT_KINDS } from '../../src/core/ledger/query.ts';
import type { PageLinks } from '../../src/core/link/page.ts';
import { registrableDomain } from '../../src/core/url/host-keys.ts';
import { hostOf, isWebUrl } from '../../src/core/url/normalize.ts';
import { sharedData } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-agree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WARC = sharedData('resiliparse-warc', 'warcfile.warc.gz');

const domainOf = (url: string) => registrableDomain(hostOf(url) ?? '');

/** External hyperlinks per target domain, as `source -> target` strings, from extract's output. */
function expectedByDomain(pages: readonly PageLinks[]): Map<string, Set<string>> {
  const kinds = new Set<string>(REPORT_KINDS);
  const byDomain = new Map<string, Set<string>>();
  for (const { page, links } of pages) {
    if (page.status !== null && (page.status < 200 || page.status >= 400)) continue;
    for (const link of links) {
      if (!kinds.has(link.kind) || link.target === null || !isWebUrl(link.target)) continue;
      const target = domainOf(link.target);
      if (target === domainOf(link.source)) continue;
      const set = byDomain.get(target) ?? new Set<string>();
      byDomain.set(target, set);
      set.add(`${link.source} -> ${link.target}`);
    }
  }
  return byDomain;
}

describe('reports agree with extract on a real Common Crawl WARC', async () => {
  const pages: PageLinks[] = [];
  await extractLinks([WARC], new FilePageReader(), {}, (p) => {
    pages.push(p);
  });
  const expected = expectedByDomain(pages);
  const store = await openStore({ kind: 'duckdb', path: join(dir, 'ledger.duckdb') });
  afterAll(() => store.close());
  const now = Date.UTC(2024, 0, 1);
  for (const source of await openImportSources([WARC], { now }))
    await runImport(store, source, { now: () => now });

  it('links to many domains', () => {
    expect(expected.size).toBeGreaterThan(20);
  });

  it('backlinks: the same (source page, target) pairs for every linked domain', async () => {
    for (const [domain, pairs] of expected) {
      const rows = await reportBacklinks(store, { target: domain, status: 'all', limit: 10_000 });
      const got = new Set(rows.map((r) => `${r.sourceUrl} -> ${r.targetUrl}`));
      expect({ domain, pairs: [...got].sort() }).toEqual({ domain, pairs: [...pairs].sort() });
    }
  });

  it('refdomains: the same referring domains and link counts', async () => {
    for (const [domain, pairs] of expected) {
      const rows = await reportRefDomains(store, { target: domain, status: 'all', limit: 10_000 });
      const want = new Map<string, number>();
      for (const pair of pairs) {
        const source = domainOf(pair.split(' -> ')[0]!);
        want.set(source, (want.get(source) ?? 0) + 1);
      }
      const got = new Map(rows.map((r) => [r.domain, r.links]));
      const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
      expect({ domain, refdomains: sorted(got) }).toEqual({ domain, refdomains: sorted(want) });
    }
  });
});
