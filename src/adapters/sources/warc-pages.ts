/**
 * Pages and links of a WARC or WAT file, record by record.
 *
 *   response (HTTP)  3xx with Location: one `redirect` link (the body of a redirect is not a page anyone
 *                    reads); HTML (text/html, application/xhtml+xml, or no type and HTML-looking bytes):
 *                    every link, with the charset, X-Robots-Tag and status of the capture; else skipped
 *                    as `non-html`.
 *   resource         an archived HTML file (no HTTP envelope): its links.
 *   metadata (JSON)  a WAT record: the links Common Crawl extracted (adapters/wat).
 *   anything else    warcinfo, request, revisit, conversion, WARC metadata: skipped and counted by type.
 * Damage reported by the WARC reader or the HTTP decoder is counted as a problem with its byte offset.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { countSkip, type ExtractStats, recordProblem } from '../../core/extract/stats.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { redirectPage } from '../../core/link/status-page.ts';
import { resolveUrl } from '../../core/url/normalize.ts';
import { extractLinksFromBytes } from '../html/index.ts';
import {
  contentTypeOf,
  type HeaderFields,
  locationOf,
  parseHttpResponse,
  readWarc,
  robotsTagsOf,
  type WarcRecord,
} from '../warc/index.ts';
import { pageFromWatJson } from '../wat/wat-page.ts';
import { sniff } from './detect-format.ts';
import { countCharsetFallback } from './page-problems.ts';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** One page of a WARC/WAT file, with when it was captured and where reading may resume after it. */
export interface WarcCapture {
  page: PageLinks;
  /** `WARC-Date` of the record (epoch ms), or null when missing or unreadable. */
  capturedAt: number | null;
  /**
   * Byte offset at which reading can restart just after this page's record (the next record's gzip member or
   * plain offset), or null when the file cannot be entered there (whole-file gzip).
   */
  resumeAt: number | null;
}

/** How HTML records are read. */
export interface WarcReadOptions {
  /** Compute each HTML page's text digest (PageInfo.textDigest): the ledger import wants it, `extract` not. */
  textDigest?: boolean;
}

export async function* warcPages(file: string, stats: ExtractStats): AsyncGenerator<PageLinks> {
  for await (const capture of warcCaptures(file, stats)) yield capture.page;
}

/**
 * The pages of a WARC/WAT file from byte `from` on (0, or a `resumeAt` of an earlier read). A page is
 * yielded once the next record (or the end of the file) is reached, because only then is its resume point
 * known.
 */
export async function* warcCaptures(
  file: string,
  stats: ExtractStats,
  from = 0,
  options: WarcReadOptions = {},
): AsyncGenerator<WarcCapture> {
  // 1 MiB reads: fewer, larger gunzip batches (measured ~0.3 CPU-s less per 200 MB than the 64 KiB default).
  const stream = createReadStream(file, { highWaterMark: 1 << 20, start: from });
  let pending: { page: PageLinks; capturedAt: number | null } | null = null;
  for await (const event of readWarc(stream, { file })) {
    const seekable = event.offsetKind !== 'decompressed';
    // A page's resume point is where the next *record* starts: damage after the page (junk, a broken
    // gzip member) is passed over, not a place the reader could restart at.
    if (pending && event.kind !== 'problem') {
      yield { ...pending, resumeAt: seekable ? from + event.offset : null };
      pending = null;
    }
    if (event.kind === 'problem') {
      const where = event.offsetKind === 'decompressed' ? ' (offset in the decompressed stream)' : '';
      recordProblem(stats, {
        file,
        offset: from + event.offset,
        reason: event.reason,
        message: `${event.message}${where}`,
      });
      continue;
    }
    stats.records += 1;
    const page = await pageOfRecord(file, event, stats, options);
    if (page !== null) pending = { page, capturedAt: event.date === null ? null : dateOrNull(event.date) };
  }
  if (pending) yield { ...pending, resumeAt: (await stat(file)).size };
}

function dateOrNull(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

async function pageOfRecord(
  file: string,
  record: WarcRecord,
  stats: ExtractStats,
  options: WarcReadOptions,
): Promise<PageLinks | null> {
  switch (record.type) {
    case 'response':
      return responsePage(file, record, stats, options);
    case 'resource':
      return resourcePage(file, record, stats, options);
    case 'metadata':
      return metadataPage(file, record, stats);
    default:
      countSkip(stats, record.type === '' ? 'untyped' : record.type);
      return null;
  }
}

/** The page of a response record, with the address it was fetched from (`WARC-IP-Address`) when recorded. */
async function responsePage(
  file: string,
  record: WarcRecord,
  stats: ExtractStats,
  options: WarcReadOptions,
): Promise<PageLinks | null> {
  const page = await responseContent(file, record, stats, options);
  const address = record.headers.get('warc-ip-address')?.trim();
  if (page !== null && address) page.page.remoteAddress = address;
  return page;
}

async function responseContent(
  file: string,
  record: WarcRecord,
  stats: ExtractStats,
  options: WarcReadOptions,
): Promise<PageLinks | null> {
  const pageUrl = record.targetUri === null ? null : resolveUrl(record.targetUri);
  if (pageUrl === null) {
    countSkip(stats, 'bad-target-uri');
    return null;
  }
  const http = parseHttpResponse(record.block);
  if (!http.ok) {
    countSkip(stats, 'not-http');
    return null;
  }
  for (const problem of http.problems) {
    recordProblem(stats, {
      file,
      offset: record.offset,
      reason: problem.reason,
      message: `${pageUrl}: ${problem.message}`,
    });
  }
  const location = locationOf(http.headers);
  if (http.status >= 300 && http.status < 400 && location !== null)
    return redirectPage(pageUrl, http.status, location);
  const type = contentTypeOf(http.headers);
  const looksHtml = type === null ? sniff(http.body.subarray(0, 1024)) === 'html' : HTML_TYPES.has(type.mime);
  if (!looksHtml) {
    countSkip(stats, 'non-html');
    return null;
  }
  const robots = robotsTagsOf(http.headers);
  const page = await extractLinksFromBytes(http.body, {
    pageUrl,
    status: http.status,
    ...(type === null ? {} : { contentType: http.headers.getAll('content-type').at(-1) ?? '' }),
    ...(robots.length === 0 ? {} : { xRobotsTag: robots.join(', ') }),
    textDigest: options.textDigest,
  });
  countCharsetFallback(stats, file, record.offset, page);
  // Cut short (the crawler stopped at its size cap, or the HTTP body is shorter than it says): the links
  // found count, their absence proves nothing.
  if (
    record.headers.get('warc-truncated') ||
    http.problems.some((p) => p.reason === 'truncated-body') ||
    shorterThanDeclared(http)
  )
    page.page.truncated = true;
  return page;
}

/**
 * An unencoded body shorter than its `Content-Length`: the record was cut. (With a content or transfer
 * coding the length says nothing about the decoded bytes, and archives often fix it up: not used then.)
 */
function shorterThanDeclared(http: { headers: HeaderFields; body: Uint8Array }): boolean {
  const headers = http.headers;
  if (headers.get('content-encoding') || headers.get('transfer-encoding')) return false;
  const declared = headers.get('content-length')?.trim();
  return declared !== undefined && /^\d{1,12}$/.test(declared) && http.body.length < Number(declared);
}

async function resourcePage(
  file: string,
  record: WarcRecord,
  stats: ExtractStats,
  options: WarcReadOptions,
): Promise<PageLinks | null> {
  const pageUrl = record.targetUri === null ? null : resolveUrl(record.targetUri);
  const mime = record.contentType?.split(';')[0]?.trim().toLowerCase();
  if (pageUrl === null || mime === undefined || !HTML_TYPES.has(mime)) {
    countSkip(stats, 'resource-non-html');
    return null;
  }
  const page = await extractLinksFromBytes(record.block, {
    pageUrl,
    contentType: record.contentType ?? '',
    textDigest: options.textDigest,
  });
  countCharsetFallback(stats, file, record.offset, page);
  if (record.headers.get('warc-truncated')) page.page.truncated = true;
  return page;
}

function metadataPage(file: string, record: WarcRecord, stats: ExtractStats): PageLinks | null {
  if (!record.contentType?.toLowerCase().startsWith('application/json')) {
    countSkip(stats, 'metadata');
    return null;
  }
  const outcome = pageFromWatJson(
    Buffer.from(record.block.buffer, record.block.byteOffset, record.block.length).toString('utf8'),
  );
  if (outcome.kind === 'skip') {
    if (outcome.reason === 'wat-bad-json') {
      recordProblem(stats, {
        file,
        offset: record.offset,
        reason: 'wat-bad-json',
        message: 'WAT record is not valid JSON',
      });
    } else countSkip(stats, outcome.reason);
    return null;
  }
  return outcome.page;
}
