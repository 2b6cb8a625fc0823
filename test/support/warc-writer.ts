/** Writes small WARC files for tests: one gzip member per record, as Common Crawl does. */
import { gzipSync } from 'node:zlib';

export interface TestRecord {
  type: string;
  targetUri?: string;
  contentType: string;
  block: Uint8Array | string;
  date?: string;
}

export function warcRecordBytes(record: TestRecord, index: number): Buffer {
  const block =
    typeof record.block === 'string' ? Buffer.from(record.block, 'utf8') : Buffer.from(record.block);
  const headers = [
    'WARC/1.0',
    `WARC-Type: ${record.type}`,
    ...(record.targetUri ? [`WARC-Target-URI: ${record.targetUri}`] : []),
    `WARC-Date: ${record.date ?? '2024-05-18T01:58:10Z'}`,
    `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}>`,
    `Content-Type: ${record.contentType}`,
    `Content-Length: ${block.length}`,
  ];
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]);
}

export function warcGzBytes(records: readonly TestRecord[]): Buffer {
  return Buffer.concat(records.map((r, i) => gzipSync(warcRecordBytes(r, i))));
}

export function httpResponse(
  status: number,
  headers: Record<string, string>,
  body: string | Uint8Array,
): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const head = [`HTTP/1.1 ${status} X`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join(
    '\r\n',
  );
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), bodyBytes]);
}

/** One HTML page as a WARC response record. */
export function pageResponse(targetUri: string, html: string, date = '2024-05-17T12:00:00Z'): TestRecord {
  return {
    type: 'response',
    targetUri,
    contentType: 'application/http; msgtype=response',
    date,
    block: httpResponse(200, { 'Content-Type': 'text/html' }, html),
  };
}

/** The file name of a Common Crawl segment: it carries the segment's date, not the crawl's id. */
export const CC_SEGMENT_FILE = 'CC-MAIN-20240517120000-20240517150000-00001.warc.gz';

/** A page linking to acme.com, in a WARC with no warcinfo: as a segment file, nothing names its crawl. */
export function uncrawledSegmentBytes(): Buffer {
  return warcGzBytes([pageResponse('https://news.example.com/a', '<a href="https://acme.com/">Acme</a>')]);
}
