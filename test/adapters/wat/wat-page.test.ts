import { describe, expect, it } from 'vitest';
import { pageFromWat, pageFromWatJson } from '../../../src/adapters/wat/wat-page.ts';
import { comparePairs } from '../../support/conformance.ts';
import { conformanceWatRecords } from '../../support/wat-from-conformance.ts';

describe('WAT records: Common Crawl link-extraction expectations', () => {
  const records = conformanceWatRecords();

  it.each(records.map((r) => [r.page.record, r] as const))(
    'record %i yields exactly the expected pairs',
    (_, r) => {
      const outcome = pageFromWat(r.json);
      expect(outcome.kind).toBe('page');
      if (outcome.kind !== 'page') return;
      const { missing, extra } = comparePairs(r.links, outcome.page.links);
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
      expect(outcome.page.page.url).toBe(r.page.page);
      if (r.page.title) expect(outcome.page.page.title).toBe(r.page.title);
    },
  );

  it('resolves raw URLs against Head.Base, and the base against the page', () => {
    const r = records.find((x) => x.page.record === 1)!;
    const outcome = pageFromWat(r.json);
    if (outcome.kind !== 'page') throw new Error('expected a page');
    const byRaw = new Map(outcome.page.links.map((l) => [l.rawUrl, l]));
    expect(byRaw.get('background.jpg')?.target).toBe('http://www.example.com/background.jpg');
    expect(byRaw.get('#anchor')?.target).toBe('http://www.example.com/');
    expect(byRaw.get('background.jpg')?.kind).toBe('background');
    expect(outcome.page.page.baseUrl).toBe('http://www.example.com/');
  });

  it('keeps anchor text and image alt', () => {
    const r = records.find((x) => x.page.record === 8)!;
    const outcome = pageFromWat(r.json);
    if (outcome.kind !== 'page') throw new Error('expected a page');
    const anchors = outcome.page.links.map((l) => l.anchor).filter((a) => a !== '');
    expect(anchors).toContain('Examples & more');
    expect(anchors).toContain('image URL containing escaped ampersand ("&amp;")');
  });

  it('strips the angle brackets of a WARC/1.0 target URI', () => {
    const r = records.find((x) => x.page.record === 9)!;
    const outcome = pageFromWat(r.json);
    expect(outcome.kind === 'page' && outcome.page.page.url).toBe(
      'http://example.org/cc/link-extraction-test-anchor-text.html',
    );
  });
});

describe('WAT records: redirects, robots, skips', () => {
  const envelope = (response: Record<string, unknown>, type = 'response') => ({
    Envelope: {
      'WARC-Header-Metadata': { 'WARC-Type': type, 'WARC-Target-URI': 'http://a.example/page' },
      'Payload-Metadata': { 'HTTP-Response-Metadata': response },
    },
  });

  it('turns a 3xx Location into a redirect link', () => {
    const outcome = pageFromWat(
      envelope({ 'Response-Message': { Status: '301' }, Headers: { Location: '/moved?x=1' } }),
    );
    expect(outcome.kind).toBe('page');
    if (outcome.kind !== 'page') return;
    expect(outcome.page.page.status).toBe(301);
    expect(outcome.page.links).toMatchObject([
      {
        kind: 'redirect',
        path: 'HTTP@/location',
        rawUrl: '/moved?x=1',
        target: 'http://a.example/moved?x=1',
      },
    ]);
  });

  it('applies meta robots and X-Robots-Tag nofollow to every link, and parses rel', () => {
    const html = {
      Head: { Metas: [{ name: 'ROBOTS', content: 'noindex' }] },
      Links: [
        { path: 'A@/href', url: 'http://b.example/', text: 'b', rel: 'UGC, Sponsored' },
        { path: 'A@/href', url: 'http://c.example/' },
      ],
    };
    const plain = pageFromWat(
      envelope({ 'Response-Message': { Status: '200' }, Headers: {}, 'HTML-Metadata': html }),
    );
    if (plain.kind !== 'page') throw new Error('expected a page');
    expect(plain.page.page.noindex).toBe(true);
    expect(plain.page.links.map((l) => [l.nofollow, l.sponsored, l.ugc])).toEqual([
      [false, true, true],
      [false, false, false],
    ]);
    const tagged = pageFromWat(
      envelope({
        'Response-Message': { Status: '200' },
        Headers: { 'X-Robots-Tag': 'nofollow' },
        'HTML-Metadata': html,
      }),
    );
    if (tagged.kind !== 'page') throw new Error('expected a page');
    expect(tagged.page.links.every((l) => l.nofollow)).toBe(true);
  });

  it('skips what is not a response page, with a reason', () => {
    expect(pageFromWat(envelope({}, 'request'))).toEqual({ kind: 'skip', reason: 'wat-not-response' });
    expect(pageFromWat(envelope({ 'Response-Message': { Status: '200' }, Headers: {} }))).toEqual({
      kind: 'skip',
      reason: 'wat-not-html',
    });
    expect(pageFromWatJson('{not json')).toEqual({ kind: 'skip', reason: 'wat-bad-json' });
  });
});
