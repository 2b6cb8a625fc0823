/**
 * The toxicity audit reads the analytics ids and fetch addresses the ledger now keeps: pages extracted
 * with the ids (HTML extractor), the address set as the crawler sets it, captured into a memory ledger;
 * a planted network of three domains sharing one analytics account and one /24 is flagged by both
 * detectors, independent sites are not, and a ledger without the facts still lists both as unavailable.
 */
import { describe, expect, it } from 'vitest';
import { createHtmlLinkExtractor } from '../../../src/adapters/html/link-extractor.ts';
import { MemoryLedgerStore } from '../../../src/adapters/store-memory/memory-store.ts';
import { auditToxicity } from '../../../src/app/quality/toxic.ts';
import type { CaptureInput } from '../../../src/core/ledger/model.ts';
import { captureOf } from '../../../src/core/ledger/page-capture.ts';
import { capture, day, feed, link } from '../../contract/ledger-fixtures.ts';

function crawled(url: string, script: string, remoteAddress: string | null): CaptureInput {
  const extractor = createHtmlLinkExtractor({ pageUrl: url, status: 200, textDigest: true });
  extractor.write(
    `<html lang="en"><head><title>${url}</title><script>${script}</script></head>` +
      `<body><p>Some words about widgets on ${url}.</p><a href="https://acme.com/">Acme</a></body></html>`,
  );
  const page = extractor.end();
  if (remoteAddress !== null) page.page.remoteAddress = remoteAddress;
  return captureOf({ ...page, source: 'crawl', capturedAt: day(10) });
}

const NETWORK = ['https://net-one.com/a', 'https://net-two.net/b', 'https://net-three.org/c'];
const INDEPENDENT = ['https://indie-one.org/x', 'https://indie-two.com/y', 'https://indie-three.io/z'];

describe('auditToxicity with analytics ids and fetch addresses', () => {
  it('runs both detectors and flags a network sharing an analytics account and a /24', async () => {
    const store = new MemoryLedgerStore();
    await feed(store, [
      // One UA account, a different property per site (normalised to the account by the detector).
      ...NETWORK.map((url, i) =>
        crawled(url, `gtag('config', 'UA-7654321-${i + 1}');`, `203.0.113.${10 * (i + 1)}`),
      ),
      crawled(INDEPENDENT[0]!, "gtag('config', 'G-INDIE1ABC');", '198.51.100.5'),
      crawled(INDEPENDENT[1]!, 'var nothing = 1;', '192.0.2.7'),
      crawled(INDEPENDENT[2]!, "fbq('init', '123456789012345');", '2001:db8::7'),
    ]);
    const { report } = await auditToxicity(store, { target: 'acme.com' });
    const unavailable = report.unavailable.map((u) => u.code);
    expect(unavailable).not.toContain('shared-analytics-id');
    expect(unavailable).not.toContain('shared-ipv4-network');
    const codesOf = (url: string) =>
      report.links.filter((l) => l.sourceUrl === url).flatMap((l) => l.reasons.map((r) => r.code));
    for (const url of NETWORK) {
      expect(codesOf(url)).toEqual(expect.arrayContaining(['shared-analytics-id', 'shared-ipv4-network']));
    }
    for (const url of INDEPENDENT) {
      expect(codesOf(url)).not.toContain('shared-analytics-id');
      expect(codesOf(url)).not.toContain('shared-ipv4-network');
    }
    const evidence = report.links
      .filter((l) => l.sourceUrl === NETWORK[0])
      .flatMap((l) => l.reasons.map((r) => r.evidence))
      .join('\n');
    expect(evidence).toContain('UA-7654321');
    expect(evidence).toContain('203.0.113.0/24');
  });

  it('keeps both detectors unavailable on a ledger without the facts', async () => {
    const store = new MemoryLedgerStore();
    await feed(
      store,
      [...NETWORK, ...INDEPENDENT].map((url) => capture(url, day(10), [link('https://acme.com/')])),
    );
    const { report } = await auditToxicity(store, { target: 'acme.com' });
    const unavailable = report.unavailable.map((u) => u.code);
    expect(unavailable).toContain('shared-analytics-id');
    expect(unavailable).toContain('shared-ipv4-network');
  });
});
