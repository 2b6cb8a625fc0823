/** `linkledger extract FILE...`: every link of every page of WARC, WAT and HTML inputs. */
import { createWriteStream } from 'node:fs';
import { type Command, Option } from 'commander';
import { extractLinks } from '../../../app/extract-links.ts';
import { BadInputError, UsageError } from '../../../core/errors.ts';
import { LinkSummary } from '../../../core/extract/link-summary.ts';
import type { PageReader } from '../../../core/extract/page-reader.ts';
import { resolveUrl } from '../../../core/url/normalize.ts';
import { formatExtractStats, formatLinkSummary } from '../output/extract-summary.ts';
import { LINK_FORMATS, type LinkFormat, linkFormatter } from '../output/link-format.ts';
import { TextSink } from '../output/text-sink.ts';

interface ExtractFlags {
  format: LinkFormat;
  baseUrl?: string;
  out?: string;
  summary?: boolean;
  quiet?: boolean;
}

export function registerExtract(program: Command, reader: () => Promise<PageReader>): void {
  program
    .command('extract')
    .description('print every link of every page of WARC, WAT and HTML files (or folders of HTML files)')
    .argument('<file...>', 'WARC / WAT (.warc, .warc.gz, .wat.gz), .html files or folders of them')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LINK_FORMATS).default('jsonl'))
    .option('--base-url <url>', 'URL of a loose HTML file (or the base for the files of a folder)')
    .option('-o, --out <file>', 'write the links to a file instead of stdout')
    .option('--summary', 'also print pages, links, top linked domains and nofollow share to stderr')
    .option('-q, --quiet', 'no statistics on stderr')
    .action(async (files: string[], flags: ExtractFlags) => {
      if (flags.baseUrl !== undefined && resolveUrl(flags.baseUrl) === null) {
        throw new UsageError(`--base-url must be an absolute URL, got ${JSON.stringify(flags.baseUrl)}`);
      }
      const output = flags.out ? createWriteStream(flags.out) : process.stdout;
      const sink = new TextSink(output);
      const formatter = linkFormatter(flags.format, process.stdout.columns ?? 120);
      const summary = new LinkSummary();
      const started = performance.now();
      await sink.write(formatter.header());
      const { stats, failures } = await extractLinks(
        files,
        await reader(),
        { baseUrl: flags.baseUrl ?? null },
        async (page) => {
          summary.add(page);
          if (!sink.isClosed) await sink.write(formatter.page(page));
        },
      );
      await sink.flush();
      if (flags.out) await new Promise<void>((resolve) => output.end(resolve));
      const seconds = (performance.now() - started) / 1000;
      if (!flags.quiet) process.stderr.write(formatExtractStats(stats, seconds));
      if (flags.summary) process.stderr.write(formatLinkSummary(summary.figures()));
      // One unreadable input: its own error is the message. Several: list them all, then fail once.
      if (failures.length === 1 && failures[0]) throw failures[0];
      if (failures.length > 1) {
        for (const failure of failures) process.stderr.write(`linkledger: ${failure.message}\n`);
        throw new BadInputError(`${failures.length} inputs could not be read (see above)`);
      }
    });
}
