/**
 * Pages of loose HTML files: one file, or every `.html` / `.htm` / `.xhtml` (optionally `.gz`) file under a
 * folder, in sorted order so that runs are repeatable.
 *
 * The URL of a page: with `--base-url`, a lone file IS that URL, and a file inside a folder is its relative
 * path resolved against it (`--base-url https://example.com/` + `blog/a.html`). Without it, the page's
 * own canonical, else its og:url (see adapters/html/finish-page.ts); a page that names neither gets its
 * `file:` URL and a `no-page-url` problem, because its relative links cannot be placed on the web.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { type ExtractStats, recordProblem } from '../../core/extract/stats.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { resolveUrl } from '../../core/url/normalize.ts';
import { extractLinksFromBytes } from '../html/index.ts';
import { countCharsetFallback } from './page-problems.ts';

const HTML_FILE = /\.(?:html?|xhtml)(?:\.gz)?$/i;

export async function* htmlFolderPages(
  folder: string,
  baseUrl: string | null,
  stats: ExtractStats,
): AsyncGenerator<PageLinks> {
  for (const file of await htmlFilesUnder(folder)) {
    const relativeUrl = relative(folder, file).split(sep).map(encodeURIComponent).join('/');
    const pageUrl = baseUrl === null ? null : resolveUrl(relativeUrl, baseUrl);
    yield await htmlFilePage(file, pageUrl, stats);
  }
}

export async function htmlFilePage(
  file: string,
  pageUrl: string | null,
  stats: ExtractStats,
  options: { textDigest?: boolean } = {},
): Promise<PageLinks> {
  const stream = createReadStream(file);
  const bytes = file.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  const page = await extractLinksFromBytes(bytes, {
    pageUrl,
    fallbackUrl: pathToFileURL(file).href,
    textDigest: options.textDigest,
  });
  if (page.page.urlSource === 'fallback' || page.page.urlSource === 'none') {
    recordProblem(stats, {
      file,
      offset: null,
      reason: 'no-page-url',
      message:
        'the page names no canonical or og:url; links resolved against the file itself (pass --base-url)',
    });
  }
  countCharsetFallback(stats, file, null, page);
  return page;
}

export async function htmlFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && HTML_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
