/**
 * WARC, WAT and HTML inputs as ledger import sources (the `ImportSource` port of core/ledger), resumable:
 *   - WARC/WAT: a checkpoint is the byte offset of the next record (a gzip member start, or a plain
 *     offset), so a killed import re-opens the file there. A whole-file gzip cannot be entered in the
 *     middle: it restarts from the top, which gives the same ledger since re-importing a capture is a no-op.
 *   - HTML files: a checkpoint is the index of the next file of the sorted list.
 * Source tag: `--source`, else `commoncrawl:<crawl id>` when the WARC's warcinfo says `isPartOf: CC-MAIN-...`
 * (or its name or folder carries a crawl id), else `warc` / `html`. HTML pages are read with their text digest
 * (PageInfo.textDigest -> pages.text_digest).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { BadInputError } from '../../core/errors.ts';
import { type ExtractStats, emptyStats, totalProblems } from '../../core/extract/stats.ts';
import type { Checkpoint } from '../../core/ledger/import-run.ts';
import type { ImportSource } from '../../core/ledger/import-source.ts';
import type { SourceTag } from '../../core/ledger/model.ts';
import {
  type CapturedPageLinks,
  type InputProblem,
  pageImportSource,
} from '../../core/ledger/page-capture.ts';
import { commonCrawlSource } from '../../core/ledger/source-tag.ts';
import { fileIdentity } from '../imports/file-identity.ts';
import { readWarc } from '../warc/index.ts';
import type { DetectedInput } from './detect-format.ts';
import { htmlFilePage, htmlFilesUnder } from './html-files.ts';
import { warcCaptures } from './warc-pages.ts';

export interface PageImportOptions {
  source?: SourceTag | null;
  baseUrl?: string | null;
  /** Capture time for inputs that carry none (loose HTML files use their modification time). */
  now: number;
}

const CRAWL_ID = /CC-MAIN-\d{4}-\d{2}/;
/** A Common Crawl segment's file name: `CC-MAIN-<14-digit timestamp>-...` (no crawl id in it). */
const CC_SEGMENT_FILE = /CC-MAIN-\d{14}-/;

export async function warcImportSource(
  input: DetectedInput,
  options: PageImportOptions,
): Promise<ImportSource> {
  const identity = await fileIdentity(input.path);
  const source = options.source ?? (await warcSourceTag(input.path));
  const imported = pageImportSource({
    identity,
    format: 'warc',
    source,
    totalBytes: identity.size,
    read: (from) => warcRead(input.path, from, source, identity.mtimeMs),
  });
  // A segment's name carries its date, which does not say for sure which crawl it belongs to.
  if (!options.source && source === 'warc' && CC_SEGMENT_FILE.test(basename(input.path)))
    imported.hint =
      'this looks like a Common Crawl file, but neither its warcinfo (isPartOf) nor its path names the crawl, ' +
      'so its links are tagged `warc`; to tag them by crawl, import it with the source commoncrawl:CC-MAIN-YYYY-WW ' +
      '(--source on the command line, `source` in an API import job)';
  return imported;
}

async function* warcRead(
  file: string,
  from: Checkpoint,
  source: SourceTag,
  fallbackTime: number,
): AsyncIterable<CapturedPageLinks | InputProblem> {
  const stats = emptyStats();
  const problems = problemsOf(stats);
  let line = from.line;
  for await (const capture of warcCaptures(file, stats, from.offset, { textDigest: true })) {
    yield* problems(line);
    line += 1;
    const item: CapturedPageLinks = {
      ...capture.page,
      source,
      capturedAt: capture.capturedAt ?? fallbackTime,
    };
    if (capture.resumeAt !== null) item.end = { offset: capture.resumeAt, line };
    yield item;
  }
  yield* problems(line);
}

/**
 * The damage the WARC reader has recorded in `stats` since the last call, as bad rows (`line`: the
 * number of the record being read). A charset fallback is left out: the page was read, only its
 * declared charset was wrong.
 */
function problemsOf(stats: ExtractStats) {
  let seen = 0;
  let countedSeen = 0;
  return function* (line: number): Iterable<InputProblem> {
    const counted = totalProblems(stats) - (stats.problemCounts['charset-fallback'] ?? 0);
    const kept = stats.problems.slice(seen);
    seen = stats.problems.length;
    let reported = 0;
    for (const p of kept) {
      if (p.reason === 'charset-fallback') continue;
      reported += 1;
      const at = p.offset === null ? '' : ` at byte ${p.offset}`;
      yield { problem: { line, reason: `${p.reason}${at}: ${p.message}` } };
    }
    // Past the first MAX_PROBLEMS_KEPT only the counts grow: one row each, without the details.
    for (let i = countedSeen + reported; i < counted; i++)
      yield { problem: { line, reason: 'damaged record (details past the first 100 problems not kept)' } };
    countedSeen = counted;
  };
}

/**
 * `commoncrawl:<id>` from the first warcinfo record's `isPartOf`, else from the file name, else from the
 * folders it is in (Common Crawl's own layout: `crawl-data/CC-MAIN-2024-22/segments/.../CC-MAIN-2024...`,
 * whose file names carry a segment's timestamp, not the crawl); else `warc`.
 */
async function warcSourceTag(file: string): Promise<SourceTag> {
  for await (const event of readWarc(createReadStream(file), { file })) {
    if (event.kind === 'record' && event.type === 'warcinfo') {
      const text = Buffer.from(event.block).toString('utf8');
      const id = /^isPartOf:\s*(\S+)/m.exec(text)?.[1];
      if (id && CRAWL_ID.test(id)) return commonCrawlSource(id);
    }
    break; // only the first record can be the file's warcinfo
  }
  const fromName = CRAWL_ID.exec(basename(file))?.[0] ?? CRAWL_ID.exec(dirname(resolve(file)))?.[0];
  return fromName ? commonCrawlSource(fromName) : 'warc';
}

export async function htmlImportSource(
  input: DetectedInput,
  options: PageImportOptions,
): Promise<ImportSource> {
  const files = input.format === 'html-dir' ? await htmlFilesUnder(input.path) : [input.path];
  if (files.length === 0)
    throw new BadInputError('no HTML files (.html, .htm, .xhtml, gzipped too) in this folder or below it', {
      file: input.path,
    });
  const info = await stat(input.path);
  const identity =
    input.format === 'html-dir'
      ? {
          input: input.path,
          size: files.length,
          mtimeMs: Math.trunc(info.mtimeMs),
          headHash: files.join('\n').length.toString(16),
        }
      : await fileIdentity(input.path);
  const source = options.source ?? 'html';
  const baseUrl = options.baseUrl ?? null;
  return pageImportSource({
    identity,
    format: 'html',
    source,
    totalBytes: files.length,
    read: async function* (from) {
      const stats = emptyStats();
      const problems = problemsOf(stats);
      for (let i = from.line - 1; i < files.length; i++) {
        const file = files[i]!;
        const pageUrl =
          baseUrl === null
            ? null
            : input.format === 'html-dir'
              ? urlInFolder(input.path, file, baseUrl)
              : baseUrl;
        const page = await htmlFilePage(file, pageUrl, stats, { textDigest: true });
        yield* problems(i + 1);
        // No web URL: nothing to ledger (the reader has reported it above as `no-page-url`).
        if (page.page.url === '' || !page.page.url.startsWith('http')) continue;
        const mtime = Math.trunc((await stat(file)).mtimeMs);
        yield { ...page, source, capturedAt: mtime, end: { offset: i + 1, line: i + 2 } };
      }
    },
  });
}

function urlInFolder(folder: string, file: string, baseUrl: string): string | null {
  const relative = file
    .slice(folder.length)
    .replace(/^[/\\]+/, '')
    .split(/[/\\]/)
    .map(encodeURIComponent)
    .join('/');
  try {
    return new URL(relative, baseUrl).href;
  } catch {
    return null;
  }
}
