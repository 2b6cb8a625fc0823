/**
 * `linkledger import FILE...`: WARC, WAT, HTML, Common Crawl web graphs and CSV exports (Search Console,
 * Bing, Ahrefs, Majestic, Moz, Semrush, generic) into the ledger. Each input is one recorded run; a killed
 * import resumes where its last committed batch ended when run again.
 */
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { runImport } from '../../../app/ledger/run-import.ts';
import type { ImportRun } from '../../../core/ledger/import-run.ts';
import { dbPathOf } from '../db-path.ts';
import { ProgressLine } from '../output/progress.ts';
import type { CliDeps } from './index.ts';

interface ImportFlags {
  db?: string;
  source?: string;
  target?: string;
  baseUrl?: string;
  crawlId?: string;
  format?: string;
  resume: boolean;
  quiet?: boolean;
  progress: 'auto' | 'bar' | 'lines' | 'none';
  batchLinks?: string;
}

export function registerImport(program: Command, deps: CliDeps): void {
  program
    .command('import')
    .description('import link data into the ledger (WARC, WAT, HTML, Common Crawl web graphs, CSV exports)')
    .argument('<file...>', 'inputs; the format of each is detected from its bytes')
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option(
      '--source <tag>',
      'record the links under this source (crawl, gsc, ahrefs, commoncrawl:CC-MAIN-...)',
    )
    .option(
      '--target <site>',
      'the site a Search Console export is about; for web graphs, keep only links to it',
    )
    .option('--base-url <url>', 'URL of a loose HTML file, or the base of a folder of HTML files')
    .option('--crawl-id <id>', 'Common Crawl crawl id of a web graph (CC-MAIN-YYYY-WW)')
    .option('--format <id>', 'force a CSV format (e.g. ahrefs-backlinks, gsc-latest-links, generic)')
    .option('--no-resume', 'start over instead of resuming an interrupted import of the same file')
    .option('-q, --quiet', 'no progress and no summary')
    .addOption(
      new Option('--progress <mode>', 'bar on a terminal, a line per committed batch, or none')
        .choices(['auto', 'bar', 'lines', 'none'])
        .default('auto'),
    )
    .addOption(new Option('--batch-links <n>', 'links per transaction (tests use small batches)').hideHelp())
    .action(async (files: string[], flags: ImportFlags) => {
      const now = Date.now();
      const sources = await deps.importSources(files, {
        now,
        source: flags.source ?? null,
        target: flags.target ?? null,
        baseUrl: flags.baseUrl ?? null,
        crawlId: flags.crawlId ?? null,
        format: flags.format ?? null,
      });
      const store = await deps.openStore(dbPathOf(flags.db));
      try {
        for (const source of sources) {
          const progress = new ProgressLine(process.stderr, flags.progress === 'bar');
          const label = basename(source.identity.input);
          const run = await runImport(store, source, {
            now: () => Date.now(),
            resume: flags.resume,
            ...(flags.batchLinks ? { batchLinks: Number(flags.batchLinks) } : {}),
            onProgress: ({ stats, offset, totalBytes }) => {
              const state = { label, done: offset, total: totalBytes, records: stats.records };
              if (flags.quiet || flags.progress === 'none') return;
              if (flags.progress === 'lines')
                process.stderr.write(`batch ${label} ${offset} ${stats.records}\n`);
              else progress.update(state);
            },
          });
          progress.clear();
          if (!flags.quiet) process.stderr.write(formatRun(run, source.hint));
        }
      } finally {
        await store.close();
      }
    });
}

function formatRun(run: ImportRun, hint: string | undefined): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const s = run.stats;
  const seconds = ((run.finishedAt ?? run.updatedAt) - run.startedAt) / 1000;
  const lines = [
    `imported ${run.input} as ${run.format} (source ${run.source}) in ${seconds.toFixed(1)} s`,
    `  records ${n(s.records)}, pages ${n(s.captures)}, rows ${n(s.observations)}; links new ${n(s.newLinks)}, ` +
      `updated ${n(s.updatedLinks)}, lost ${n(s.lostLinks)}, revived ${n(s.revivedLinks)}`,
  ];
  const skipped = Object.entries(s.skipped);
  if (skipped.length > 0) lines.push(`  skipped: ${skipped.map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
  if (s.badRows > 0) {
    lines.push(`  bad rows ${n(s.badRows)}:`);
    for (const bad of s.badRowSamples) lines.push(`    line ${bad.line}: ${bad.reason}`);
  }
  if (hint) lines.push(`  hint: ${hint}`);
  return `${lines.join('\n')}\n`;
}
