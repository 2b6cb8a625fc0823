/**
 * `linkledger verify TARGET` as a user runs it: crawl a site that links to TARGET, change the site (a link
 * removed, made nofollow, its page gone, redirected, noindex, canonical elsewhere, busy, disallowed by
 * robots.txt, a new link), then verify: every backlink must come back live, lost with the right reason,
 * new, or unverified with why. A real HTTP server on 127.0.0.1 plays both versions of the site.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifiedLink } from '../../src/app/crawl/verify.ts';
import { runBin } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-verify-'));
const db = join(dir, 'ledger.duckdb');

let phase: 1 | 2 = 1;
let server: Server;
let port = 0;
const fetched: string[] = [];

const T = () => `http://target.test:${port}`;
const a = (path: string, text: string, rel = '') =>
  `<a href="${T()}${path}"${rel ? ` rel="${rel}"` : ''}>${text}</a>`;
const html = (body: string, head = '') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

/** What the source site answers: [status, headers, body]. */
function page(path: string): [number, Record<string, string>, string] {
  const ok = (body: string, head = ''): [number, Record<string, string>, string] => [
    200,
    { 'content-type': 'text/html; charset=utf-8' },
    html(body, head),
  ];
  const v2 = phase === 2;
  switch (path) {
    case '/robots.txt':
      return [200, { 'content-type': 'text/plain' }, v2 ? 'User-agent: *\nDisallow: /blocked.html\n' : ''];
    case '/':
      return ok(
        ['removed', 'nofollow', 'gone', 'moved', 'noindex', 'canonical', 'stays', 'busy', 'blocked']
          .map((p) => `<a href="/${p}.html">${p}</a>`)
          .join(' '),
      );
    case '/removed.html':
      return ok(v2 ? '<p>no more link</p>' : a('/one', 'one'));
    case '/nofollow.html':
      return ok(a('/two', 'two', v2 ? 'nofollow' : ''));
    case '/gone.html':
      return v2 ? [404, { 'content-type': 'text/html' }, html('not here')] : ok(a('/three', 'three'));
    case '/moved.html':
      return v2 ? [301, { location: '/elsewhere.html' }, ''] : ok(a('/four', 'four'));
    case '/elsewhere.html':
      return ok(a('/four', 'four'));
    case '/noindex.html':
      return ok(a('/five', 'five'), v2 ? '<meta name="robots" content="noindex">' : '');
    case '/canonical.html':
      return ok(a('/six', 'six'), v2 ? '<link rel="canonical" href="/other.html">' : '');
    case '/stays.html':
      return ok(a('/seven', 'seven') + (v2 ? a('/ten', 'ten') : ''));
    case '/busy.html':
      return v2 ? [503, { 'content-type': 'text/html' }, 'busy'] : ok(a('/eight', 'eight'));
    case '/blocked.html':
      return ok(a('/nine', 'nine'));
    default:
      return [404, { 'content-type': 'text/html' }, html('not found')];
  }
}

const cli = (...args: string[]) => runBin(args);

const network = () => [
  '--db',
  db,
  '--delay',
  '0',
  '--retries',
  '0',
  '--allow-private-network',
  '--resolve',
  `site.test:${port}:127.0.0.1`,
  '--progress',
  'none',
];

let links: VerifiedLink[];
let verifyStatus: number | null;
let secondRun: { links: VerifiedLink[]; counts: Record<string, number> };

beforeAll(async () => {
  server = createServer((req, res) => {
    fetched.push(`${phase} ${req.url}`);
    const [status, headers, body] = page(req.url ?? '/');
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const crawl = await cli('crawl', `http://site.test:${port}/`, '-q', ...network());
  expect(crawl.stderr).toBe('');
  phase = 2;
  const verify = await cli('verify', 'target.test', '--format', 'json', ...network());
  verifyStatus = verify.status;
  links = JSON.parse(verify.stdout).links;
  const again = await cli('verify', 'target.test', '--format', 'json', ...network());
  secondRun = JSON.parse(again.stdout);
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const find = (path: string, followed = true) =>
  links.find((l) => l.targetUrl === `${T()}${path}` && l.followed === followed);

describe('linkledger verify', () => {
  it('re-fetches only the known linking pages, and none that robots.txt now forbids', () => {
    expect(verifyStatus).toBe(0);
    const second = fetched.filter((f) => f.startsWith('2 ')).map((f) => f.slice(2));
    expect(second).not.toContain('/blocked.html');
    expect(second).not.toContain('/'); // the home page links to the site, not to the target
    expect(second).toContain('/stays.html');
  });

  it('says which backlinks are lost, and why', () => {
    expect([find('/one')?.change, find('/one')?.lostReason]).toEqual(['lost', 'removed']);
    expect([find('/two')?.change, find('/two')?.lostReason]).toEqual(['lost', 'became-nofollow']);
    expect([find('/three')?.change, find('/three')?.lostReason]).toEqual(['lost', 'page-gone']);
    expect([find('/four')?.change, find('/four')?.lostReason]).toEqual(['lost', 'page-redirected']);
    expect([find('/five')?.change, find('/five')?.lostReason]).toEqual(['lost', 'noindex']);
    expect([find('/six')?.change, find('/six')?.lostReason]).toEqual(['lost', 'canonical-elsewhere']);
  });

  it('says which are still live, new, or could not be checked', () => {
    expect(find('/seven')?.change).toBe('live');
    expect(find('/ten')?.change).toBe('new');
    expect(find('/two', false)?.change).toBe('new'); // the nofollow link that replaced the followed one
    expect([find('/eight')?.change, find('/eight')?.unverifiedReason]).toEqual(['unverified', 'http-503']);
    expect([find('/nine')?.change, find('/nine')?.unverifiedReason]).toEqual([
      'unverified',
      'robots-disallowed',
    ]);
  });

  it('changes nothing on a second verify of an unchanged site', () => {
    const changed = secondRun.links.filter((l) => !['live', 'still-lost', 'unverified'].includes(l.change));
    expect(changed).toEqual([]);
    expect(secondRun.counts['still-lost']).toBe(6);
  });
});
