/**
 * `npm start`: the demo on the real data bundled with the repository. It extracts every link of a Common
 * Crawl WARC excerpt (data/commoncrawl, 16 real captures of CC-MAIN-2020-34) and of the 258 real news pages of
 * the npm package htmlparser-benchmark, and prints what a user sees first: pages, links, the domains most
 * linked to, and the nofollow share.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FilePageReader } from '../adapters/sources/file-page-reader.ts';
import { extractLinks } from '../app/extract-links.ts';
import { LinkSummary } from '../core/extract/link-summary.ts';
import { formatExtractStats, formatLinkSummary } from '../interfaces/cli/output/extract-summary.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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

async function demo(): Promise<number> {
  const out = process.stdout;
  out.write('linkledger demo: link extraction on bundled real data\n');
  const all = new LinkSummary();
  for (const dataset of DATASETS) {
    if (!existsSync(dataset.path)) {
      process.stderr.write(`missing ${dataset.path}: run \`npm ci\` first\n`);
      return 1;
    }
    const summary = new LinkSummary();
    const started = performance.now();
    const { stats, failures } = await extractLinks([dataset.path], new FilePageReader(), {}, (page) => {
      summary.add(page);
      all.add(page);
    });
    out.write(`\n== ${dataset.title}\n   ${dataset.path.replace(`${ROOT}/`, '')}\n`);
    out.write(indent(formatExtractStats(stats, (performance.now() - started) / 1000)));
    out.write(indent(formatLinkSummary(summary.figures(8))));
    for (const failure of failures) process.stderr.write(`linkledger: ${failure.message}\n`);
    if (failures.length > 0) return 3;
  }
  out.write('\n== Both together\n');
  out.write(indent(formatLinkSummary(all.figures(10))));
  out.write(
    '\nNext: `node bin/linkledger.js extract FILE --format table|jsonl|csv` on your own WARC, WAT or HTML.\n',
  );
  return 0;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `   ${line}`))
    .join('\n');
}

process.exitCode = await demo();
