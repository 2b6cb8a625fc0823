/**
 * `npm start`: the demo on the real data bundled with the repository.
 *   1. Extracts every link of a Common Crawl WARC excerpt (data/commoncrawl: 16 real captures of
 *      CC-MAIN-2020-34) and of the 258 real news pages of the npm package htmlparser-benchmark.
 *   2. Imports both into a fresh DuckDB ledger, `./demo.duckdb`, and ranks it (page, host, domain authority).
 *   3. Prints the backlink profile and the top backlinks of the domain most linked to in that data.
 *   4. Serves the dashboard and the API over that ledger on 127.0.0.1 (port $LINKLEDGER_PORT, else 8080,
 *      else any free one) and prints the address; Ctrl-C stops it. `npm start -- --no-serve` stops after 3.
 * Afterwards every report runs on the same file: `node bin/linkledger.js backlinks DOMAIN --db demo.duckdb`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FilePageReader } from '../adapters/sources/file-page-reader.ts';
import { openImportSources } from '../adapters/sources/import-sources.ts';
import { openStore } from '../adapters/store-duckdb/open-store.ts';
import { extractLinks } from '../app/extract-links.ts';
import { rankLedger } from '../app/ledger/rank-ledger.ts';
import { reportBacklinks, reportProfile } from '../app/ledger/reports.ts';
import { runImport } from '../app/ledger/run-import.ts';
import { LinkSummary } from '../core/extract/link-summary.ts';
import { formatExtractStats, formatLinkSummary } from '../interfaces/cli/output/extract-summary.ts';
import { profileScreen } from '../interfaces/cli/output/profile-format.ts';
import { backlinkTable } from '../interfaces/cli/output/report-format.ts';
import { SERVE_READ_CONNECTIONS } from './serve-command.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DB = resolve('demo.duckdb');
const DATASETS = [
  {
    title: 'Common Crawl WARC excerpt (CC-MAIN-2020-34, 50 records)',
    path: join(ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz'),
  },
  {
    title: 'htmlparser-benchmark: 258 real news pages (URLs from their canonical / og:url)',
    path: join(ROOT, 'node_modules', 'htmlparser-benchmark', 'files'),
  },
];

/** Steps 1 to 3: the exit code, and the target the reports were about (the dashboard opens on it). */
async function importAndReport(): Promise<{ code: number; target?: string }> {
  const out = process.stdout;
  const width = process.stdout.columns ?? 150;
  out.write('linkledger demo on bundled real data\n\n1. Link extraction\n');
  const all = new LinkSummary();
  for (const dataset of DATASETS) {
    if (!existsSync(dataset.path)) {
      process.stderr.write(`missing ${dataset.path}: run \`npm ci\` first\n`);
      return { code: 1 };
    }
    const started = performance.now();
    const { stats, failures } = await extractLinks([dataset.path], new FilePageReader(), {}, (page) =>
      all.add(page),
    );
    out.write(`\n== ${dataset.title}\n   ${relative(ROOT, dataset.path)}\n`);
    out.write(indent(formatExtractStats(stats, (performance.now() - started) / 1000)));
    for (const failure of failures) process.stderr.write(`linkledger: ${failure.message}\n`);
    if (failures.length > 0) return { code: 3 };
  }
  const figures = all.figures(10);
  out.write('\n== Both together\n');
  out.write(indent(formatLinkSummary(figures)));

  out.write(`\n2. Import into a fresh ledger: ${relative(process.cwd(), DB)}\n`);
  for (const suffix of ['', '.wal']) rmSync(`${DB}${suffix}`, { force: true });
  const store = await openStore({ kind: 'duckdb', path: DB });
  try {
    const now = Date.now();
    for (const source of await openImportSources(
      DATASETS.map((d) => d.path),
      { now },
    )) {
      const run = await runImport(store, source, { now: () => Date.now() });
      out.write(
        `   ${relative(ROOT, source.identity.input)}: ${run.stats.captures} pages, ` +
          `${run.stats.newLinks.toLocaleString('en-US')} links (source ${run.source})\n`,
      );
    }
    const ranked = await rankLedger(store, { now, dofollowOnly: true, top: 5 });
    const domains = ranked.run.levels.domain;
    out.write(
      `   ranked ${domains.nodes.toLocaleString('en-US')} domains from ${ranked.run.linksUsed.toLocaleString('en-US')} ` +
        `followed links (PageRank, ${domains.iterations} iterations); top: ` +
        `${ranked.top.domain.map((d) => `${d.key} ${d.score.toFixed(1)}`).join(', ')}\n`,
    );
    const target = figures.topLinkedDomains[0]?.domain;
    if (target === undefined) return { code: 0 };
    out.write(`\n3. Reports for the domain most linked to: ${target}\n\n`);
    const profile = await reportProfile(store, { target, now });
    out.write(`${profileScreen(profile, 'domain, external, live links', width).join('\n')}\n\n`);
    const backlinks = await reportBacklinks(store, { target, limit: 10, sort: 'first-seen' });
    out.write(`Top backlinks to ${target} (10 newest)\n`);
    out.write(`${backlinkTable(backlinks, width, false).join('\n')}\n`);
    out.write(
      `\nOn the command line: node bin/linkledger.js refdomains ${target} --db ${relative(process.cwd(), DB)}` +
        `  (also: backlinks, anchors, pages, profile, toxic, history; extract FILE; import FILE)\n`,
    );
    return { code: 0, target };
  } finally {
    await store.close();
  }
}

/** Step 4: the dashboard on loopback until Ctrl-C (no tokens: the server refuses anything but loopback). */
async function serveDashboard(target: string | undefined): Promise<number> {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    // `npm ci` builds it; an install without scripts did not.
    process.stdout.write('\nBuilding the dashboard (npm run build --workspace web)\n');
    const built = spawnSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) return 1;
  }
  const { startServer } = await import('./serve.ts');
  const wanted = process.env.LINKLEDGER_PORT === undefined ? 8080 : Number(process.env.LINKLEDGER_PORT);
  const start = (port: number) =>
    startServer({
      host: '127.0.0.1',
      port,
      tokens: null,
      openStore: () => openStore({ kind: 'duckdb', path: DB, readConnections: SERVE_READ_CONNECTIONS }),
      jobs: { importDirs: [process.cwd(), ROOT], allowPrivateNetwork: false },
    });
  let server: Awaited<ReturnType<typeof start>>;
  try {
    server = await start(wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    server = await start(0); // 8080 is taken: any free port
  }
  const page = target === undefined ? '' : `#/overview?target=${encodeURIComponent(target)}`;
  process.stdout.write(
    `\n4. Dashboard: ${server.url}/${page}\n   API: ${server.url}/api/v1 (OpenAPI at ${server.url}/openapi.json)` +
      '\n   Listening on loopback only, without tokens. Ctrl-C stops the server.\n',
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('linkledger: server stopped\n');
  return 0;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `   ${line}`))
    .join('\n');
}

const reported = await importAndReport();
process.exitCode =
  reported.code !== 0 || process.argv.includes('--no-serve')
    ? reported.code
    : await serveDashboard(reported.target);
