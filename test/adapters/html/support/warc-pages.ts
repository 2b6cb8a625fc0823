/**
 * The response records of the conformance WARC (../shared/data/conformance/link-extraction-test.warc),
 * split naively: a record runs from one `WARC/1.0` line to the next; its HTTP headers end at the first
 * blank line of the block; the body is the rest, minus the CR/LF bytes that separate records. Good enough
 * for this 10-record fixture, whose record lengths are off by a few bytes (see SOURCE.txt); the real WARC
 * reader lives in src/adapters/warc/.
 */
import { readFileSync } from 'node:fs';
import { sharedData } from '../../../support/paths.ts';

export interface WarcPage {
  /** 1-based index among response records (the warcinfo record is not counted). */
  record: number;
  /** WARC-Target-URI without angle brackets. */
  targetUri: string;
  /** HTTP headers, names lower-case. */
  headers: Map<string, string>;
  body: Uint8Array;
}

export function conformanceWarcPages(): WarcPage[] {
  const bytes = readFileSync(sharedData('conformance', 'link-extraction-test.warc'));
  const text = bytes.toString('latin1'); // one char per byte: indices are byte offsets
  const starts: number[] = [];
  for (let at = text.indexOf('WARC/1.0\r\n'); at !== -1; at = text.indexOf('\nWARC/1.0\r\n', at + 1)) {
    starts.push(at === 0 ? 0 : at + 1);
  }
  const pages: WarcPage[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = starts[k + 1] ?? text.length;
    const headerEnd = text.indexOf('\r\n\r\n', start);
    const warcHeaders = text.slice(start, headerEnd);
    if (!/^WARC-Type: response$/m.test(warcHeaders)) continue;
    const target = /^WARC-Target-URI: (.*)$/m.exec(warcHeaders)?.[1]?.trim() ?? '';
    const blockStart = headerEnd + 4;
    const httpEnd = text.indexOf('\r\n\r\n', blockStart);
    const headers = new Map<string, string>();
    for (const line of text.slice(blockStart, httpEnd).split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    let bodyEnd = end;
    while (bodyEnd > httpEnd + 4 && (text[bodyEnd - 1] === '\r' || text[bodyEnd - 1] === '\n')) bodyEnd--;
    pages.push({
      record: pages.length + 1,
      targetUri: target.replace(/^<|>$/g, ''),
      headers,
      body: bytes.subarray(httpEnd + 4, bodyEnd),
    });
  }
  return pages;
}
