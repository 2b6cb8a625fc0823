/**
 * Common Crawl web-graph imports: the example graph of ../shared/data/cc-webgraph-example (page-level vertex
 * names), and a host-level graph (reversed host names, gzipped edges) with and without a target filter.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vertexName, webGraphImportSource } from '../../../src/adapters/imports/webgraph.ts';
import { crawlIdDate, openImportSources } from '../../../src/adapters/sources/import-sources.ts';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { reportBacklinks, reportRefDomains } from '../../../src/app/ledger/reports.ts';
import { runImport } from '../../../src/app/ledger/run-import.ts';
import { REPO_ROOT, sharedData } from '../../support/paths.ts';

const AT = Date.UTC(2024, 2, 1);
const host = (name: string) => join(REPO_ROOT, 'test', 'fixtures', 'imports', 'webgraph-host', name);

async function importGraph(vertices: string, edges: string, targets?: string[]) {
  const store = new MemoryLedgerStore();
  const source = await webGraphImportSource({
    vertices,
    edges,
    crawlId: 'CC-MAIN-2024-10',
    capturedAt: AT,
    ...(targets ? { targets } : {}),
  });
  const run = await runImport(store, source, { now: () => AT, batchLinks: 2 });
  return { store, run };
}

/** A two-vertex graph with one edge, in files named `<name>-vertices.txt` / `<name>-edges.txt`. */
function oneLinkGraph(name: string): { vertices: string; edges: string } {
  const dir = mkdtempSync(join(tmpdir(), 'webgraph-'));
  const vertices = join(dir, `${name}-vertices.txt`);
  const edges = join(dir, `${name}-edges.txt`);
  writeFileSync(vertices, '0\tcom.example.www\n1\torg.example\n');
  writeFileSync(edges, '0\t1\n');
  return { vertices, edges };
}

describe('web-graph import', () => {
  it('reads vertex names: reversed hosts and URLs', () => {
    expect(vertexName('com.example.www')).toBe('www.example.com');
    expect(vertexName('uk.co.bbc')).toBe('bbc.co.uk');
    expect(vertexName('https://en.wikipedia.org/wiki/PageRank')).toBe(
      'https://en.wikipedia.org/wiki/PageRank',
    );
  });

  it('imports the Common Crawl example graph (page-level names)', async () => {
    const { store, run } = await importGraph(
      sharedData('cc-webgraph-example', 'vertices.txt'),
      sharedData('cc-webgraph-example', 'edges.txt'),
    );
    expect(run.stats).toMatchObject({ records: 6, newLinks: 6, badRows: 0 });
    const { links } = await store.dump();
    expect(links.map((l) => `${l.sourceUrl} -> ${l.targetUrl}`)).toContain(
      'https://en.wikipedia.org/wiki/Citation_graph -> https://en.wikipedia.org/wiki/Webgraph',
    );
    expect(links.every((l) => l.kind === 'webgraph' && l.firstSeen === AT)).toBe(true);
    expect(await store.sources()).toEqual([{ source: 'commoncrawl:CC-MAIN-2024-10', links: 6 }]);
    // All six are links within wikipedia.org: internal, shown with includeInternal only.
    expect(await reportBacklinks(store, { target: 'en.wikipedia.org', scope: 'host' })).toEqual([]);
    const inbound = await reportBacklinks(store, {
      target: 'https://en.wikipedia.org/wiki/Webgraph',
      scope: 'url',
      includeInternal: true,
    });
    expect(inbound.map((r) => r.sourceUrl).sort()).toEqual([
      'https://en.wikipedia.org/wiki/Citation_graph',
      'https://en.wikipedia.org/wiki/PageRank',
      'https://en.wikipedia.org/wiki/World_Wide_Web',
    ]);
  });

  it('imports a host-level graph and keeps only edges to the targets when asked', async () => {
    const all = await importGraph(host('vertices.txt'), host('edges.txt.gz'));
    expect(all.run.stats).toMatchObject({ newLinks: 7, badRows: 2, skipped: { 'self-loop': 1 } });
    expect(all.run.stats.badRowSamples.map((b) => b.line)).toEqual([9, 10]);

    const some = await importGraph(host('vertices.txt'), host('edges.txt.gz'), ['acme-widgets.com']);
    const { links } = await some.store.dump();
    expect(links.map((l) => `${l.sourceUrl} -> ${l.targetUrl}`).sort()).toEqual([
      'blog.woodworking-weekly.com -> acme-widgets.com',
      'blog.woodworking-weekly.com -> shop.acme-widgets.com',
      'news.makerhub.io -> shop.acme-widgets.com',
      'shop.acme-widgets.com -> acme-widgets.com',
      'www.diyforums.net -> acme-widgets.com',
    ]);
    const domains = await reportRefDomains(some.store, { target: 'acme-widgets.com' });
    expect(domains.map((d) => [d.domain, d.links])).toEqual([
      ['woodworking-weekly.com', 2],
      ['diyforums.net', 1],
      ['makerhub.io', 1],
    ]);
  });

  it('reads ids as decimal digits only, keeps the first name of a repeated id, and reports every bad line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webgraph-'));
    const vertices = join(dir, 'vertices.txt');
    const edges = join(dir, 'edges.txt');
    writeFileSync(
      vertices,
      '0\tcom.example.www\n1\torg.example\n1\tnet.impostor\nnot-an-id\tcom.x\n3\tcom.three\n',
    );
    writeFileSync(edges, '1\t3\n\t3\n0x1\t3\n0\t1\n');
    const { store, run } = await importGraph(vertices, edges);
    const { links } = await store.dump();
    expect(links.map((l) => `${l.sourceUrl} -> ${l.targetUrl}`).sort()).toEqual([
      'example.org -> three.com',
      'www.example.com -> example.org',
    ]);
    expect(run.stats.badRowSamples.map((b) => [b.line, b.reason])).toEqual([
      [3, 'vertices: id 1 is listed again (as impostor.net); the first name is kept'],
      [4, 'vertices: not "id<TAB>name": "not-an-id com.x"'],
      [2, 'not an edge "src<TAB>dst": " 3"'],
      [3, 'not an edge "src<TAB>dst": "0x1 3"'],
    ]);
  });

  it("dates the links at the crawl's week, whenever (and however often) the graph is imported", async () => {
    const { vertices, edges } = oneLinkGraph('CC-MAIN-2024-10');
    expect(new Date(crawlIdDate('CC-MAIN-2024-10')!).toISOString()).toBe('2024-03-04T00:00:00.000Z');
    const store = new MemoryLedgerStore();
    for (const now of [Date.UTC(2025, 0, 1), Date.UTC(2025, 6, 1)]) {
      const [source] = await openImportSources([vertices, edges], { now });
      await runImport(store, source!, { now: () => now, optimize: false });
    }
    const { links } = await store.dump();
    expect(links.map((l) => [l.firstSeen, l.lastSeen])).toEqual([
      [Date.UTC(2024, 2, 4), Date.UTC(2024, 2, 4)],
    ]);
  });

  it('dates the links of a graph whose crawl id has no date at the vertices file, not at the import', async () => {
    const { vertices, edges } = oneLinkGraph('my-graph');
    const made = new Date(Date.UTC(2023, 4, 17, 12));
    utimesSync(vertices, made, made);
    const store = new MemoryLedgerStore();
    for (const now of [Date.UTC(2025, 0, 1), Date.UTC(2025, 6, 1)]) {
      const [source] = await openImportSources([vertices, edges], { now, crawlId: 'my-crawl' });
      await runImport(store, source!, { now: () => now, optimize: false });
    }
    const { links } = await store.dump();
    expect(links.map((l) => [l.firstSeen, l.lastSeen])).toEqual([[made.getTime(), made.getTime()]]);
  });
});
