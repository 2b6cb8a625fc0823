/**
 * The address a WARC response was fetched from (`WARC-IP-Address`) reaches the page, so the ledger can tell
 * which referring domains share a network. Checked against the real Common Crawl excerpt, whose response
 * records carry the header: the expected addresses are read straight from the file's bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { warcCaptures } from '../../../src/adapters/sources/warc-pages.ts';
import { emptyStats } from '../../../src/core/extract/stats.ts';
import { REPO_ROOT } from '../../support/paths.ts';

const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');

it('gives each response page its WARC-IP-Address', async () => {
  const text = gunzipSync(readFileSync(WARC)).toString('latin1');
  const expected = new Map<string, string>();
  for (const head of text.split('WARC/1.0\r\n')) {
    if (!/^WARC-Type: response\r$/m.test(head)) continue;
    const uri = /^WARC-Target-URI: (\S+)\r$/m.exec(head)?.[1];
    const ip = /^WARC-IP-Address: (\S+)\r$/m.exec(head)?.[1];
    if (uri && ip) expected.set(new URL(uri).href, ip);
  }
  expect(expected.size).toBeGreaterThan(10);
  let checked = 0;
  for await (const capture of warcCaptures(WARC, emptyStats())) {
    const ip = expected.get(capture.page.page.url);
    if (ip === undefined) continue;
    expect([capture.page.page.url, capture.page.page.remoteAddress]).toEqual([capture.page.page.url, ip]);
    checked += 1;
  }
  expect(checked).toBeGreaterThan(10);
});
