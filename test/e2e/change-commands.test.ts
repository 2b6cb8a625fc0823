/**
 * `history`, `gap` and `pages --broken` as a user runs them: a DuckDB ledger built through the real bin from
 * two imports at different dates (a generic CSV of links first seen January to March 2024, then a WARC
 * captured on 2024-04-08 that drops one link, turns one nofollow, answers 404 for a linking page and for one
 * of the target's pages), then each command and format checked against hand-counted numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokenPageReportRow } from '../../src/app/ledger/broken.ts';
import type { GapReportRow } from '../../src/app/ledger/gap.ts';
import type { HistoryReportRow } from '../../src/app/ledger/history.ts';
import { runMain } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { httpResponse, warcGzBytes } from '../support/warc-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-change-'));
const db = join(dir, 'ledger.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINKS_CSV = `source,target,anchor,rel,first_seen
https://blog.alpha.org/post1,https://acme.com/widgets,acme widgets,,2024-01-10
https://news.beta.net/story,https://acme.com/,Acme,,2024-01-20
https://news.beta.net/other,https://acme.com/old-guide,the old guide,,2024-02-05
https://www.gamma.io/links,https://acme.com/old-guide,guide,nofollow,2024-02-12
https://delta.co.uk/review,https://acme.com/old-guide,a guide,,2024-03-03
https://hub.epsilon.com/list,https://rival-a.com/,A,,2024-01-15
https://hub.epsilon.com/list,https://rival-b.com/,B,,2024-01-15
https://hub.epsilon.com/list,https://rival-c.com/,C,,2024-01-15
https://zeta.org/p,https://rival-a.com/x,A x,,2024-02-01
https://zeta.org/q,https://rival-a.com/y,A y,,2024-02-02
https://zeta.org/p,https://rival-b.com/,B,,2024-02-01
https://blog.alpha.org/post2,https://rival-a.com/,A,,2024-01-11
https://eta.net/p,https://rival-c.com/,C,nofollow,2024-02-20
https://theta.info/p,https://rival-b.com/,B,,2024-03-10
`;

const CAPTURED = '2024-04-08T09:00:00Z';
const page = (url: string, status: number, body: string) => ({
  type: 'response',
  targetUri: url,
  contentType: 'application/http; msgtype=response',
  date: CAPTURED,
  block: httpResponse(
    status,
    { 'Content-Type': 'text/html; charset=utf-8' },
    `<html><body>${body}</body></html>`,
  ),
});

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'linkledger.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LINKLEDGER_DB: db, COLUMNS: '120' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI in-process (same code, no process start-up) for the usage errors. */
const inProcess = (args: string[]) => runMain([...args, '--db', db]);

function json<T>(args: string[]): T {
  const { code, stdout, stderr } = cli([...args, '--format', 'json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as T;
}

beforeAll(() => {
  writeFileSync(join(dir, 'links.csv'), LINKS_CSV);
  writeFileSync(
    join(dir, 'later.warc.gz'),
    warcGzBytes([
      page('https://blog.alpha.org/post1', 200, '<p>No links any more</p>'),
      page('https://news.beta.net/story', 200, '<a rel="nofollow" href="https://acme.com/">Acme</a>'),
      page('https://www.gamma.io/links', 404, 'Not found'),
      page('https://acme.com/old-guide', 404, 'Not found <a href="https://acme.com/">home</a>'),
      page('https://acme.com/widgets', 200, '<a href="https://acme.com/">home</a>'),
    ]),
  );
  for (const file of ['links.csv', 'later.warc.gz']) {
    const { code, stderr } = cli(['import', '--quiet', join(dir, file)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }
}, 60_000);

const noLosses = {
  removed: 0,
  'page-gone': 0,
  'page-redirected': 0,
  noindex: 0,
  'canonical-elsewhere': 0,
  'became-nofollow': 0,
  'became-dofollow': 0,
};

describe('history', () => {
  it('counts new and lost links, reasons, referring domains and live totals per month, up to now', () => {
    const before = new Date();
    const rows = json<HistoryReportRow[]>(['history', 'acme.com']);
    const month = (period: string, rest: Partial<HistoryReportRow>) => ({
      period,
      newLinks: 0,
      lostLinks: 0,
      lostByReason: noLosses,
      relChanges: 0,
      newRefdomains: 0,
      lostRefdomains: 0,
      ...rest,
    });
    expect(rows.slice(0, 5)).toEqual([
      month('2024-01-01T00:00:00.000Z', { newLinks: 2, newRefdomains: 2, liveLinks: 2, liveRefdomains: 2 }),
      month('2024-02-01T00:00:00.000Z', { newLinks: 2, newRefdomains: 1, liveLinks: 4, liveRefdomains: 3 }),
      month('2024-03-01T00:00:00.000Z', { newLinks: 1, newRefdomains: 1, liveLinks: 5, liveRefdomains: 4 }),
      // alpha.org's only link removed, gamma.io's page gone, beta.net's story turned nofollow (a new link)
      month('2024-04-01T00:00:00.000Z', {
        newLinks: 1,
        lostLinks: 3,
        lostByReason: { ...noLosses, removed: 1, 'page-gone': 1, 'became-nofollow': 1 },
        relChanges: 1,
        lostRefdomains: 2,
        liveLinks: 3,
        liveRefdomains: 2,
      }),
      month('2024-05-01T00:00:00.000Z', { liveLinks: 3, liveRefdomains: 2 }),
    ]);
    const thisMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
    expect([thisMonth(before), thisMonth(new Date())]).toContain(rows[rows.length - 1]!.period);
    expect(rows[rows.length - 1]).toMatchObject({ liveLinks: 3, liveRefdomains: 2 });
  });

  it('--by week --since starts on the Monday of that week, with the totals of everything before', () => {
    const rows = json<HistoryReportRow[]>(['history', 'acme.com', '--by', 'week', '--since', '2024-04-03']);
    expect(rows[0]).toMatchObject({ period: '2024-04-01T00:00:00.000Z', newLinks: 0, liveLinks: 5 });
    expect(rows[1]).toMatchObject({ period: '2024-04-08T00:00:00.000Z', lostLinks: 3, liveRefdomains: 2 });
  });

  it('prints CSV with one column per lost reason, and a table that shows the reasons', () => {
    const csv = cli(['history', 'acme.com', '--by', 'day', '--since', '2024-04-08', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\n');
    expect(lines[0]).toBe(
      'period,newLinks,lostLinks,lostByReason.removed,lostByReason.page-gone,lostByReason.page-redirected,' +
        'lostByReason.noindex,lostByReason.canonical-elsewhere,lostByReason.became-nofollow,' +
        'lostByReason.became-dofollow,relChanges,newRefdomains,lostRefdomains,liveLinks,liveRefdomains',
    );
    expect(lines[1]).toBe('2024-04-08T00:00:00.000Z,1,3,1,1,0,0,0,1,0,1,0,2,3,2');
    const table = cli(['history', 'acme.com', '--since', '2024-03-01']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Link history of acme.com (by month, from 2024-03-01, scope domain');
    expect(table.stdout).toMatch(/2024-04 +1 +3 +removed 1, page-gone 1, became-nofollow 1/);
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('--include-internal, bad --by, and an unknown target', async () => {
    const internal = json<HistoryReportRow[]>(['history', 'acme.com', '--include-internal']);
    // the 404 page of the target carries no links; /widgets links home: one more live link and domain in April
    expect(internal[3]).toMatchObject({ newLinks: 2, liveLinks: 4, liveRefdomains: 3 });
    const bad = await inProcess(['history', 'acme.com', '--by', 'year']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by must be one of day, week, month');
    const none = cli(['history', 'nobody.example']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no backlinks to nobody.example');
  });
});

const RIVALS = ['--competitor', 'rival-a.com', '--competitor', 'rival-b.com,rival-c.com'];

describe('gap', () => {
  it('lists domains linking to competitors but not to the target, most competitors first', () => {
    const rows = json<GapReportRow[]>(['gap', 'acme.com', ...RIVALS]);
    expect(rows.map((r) => [r.domain, r.competitors, r.links])).toEqual([
      ['epsilon.com', ['rival-a.com', 'rival-b.com', 'rival-c.com'], 3],
      ['zeta.org', ['rival-a.com', 'rival-b.com'], 3],
      // alpha.org linked to acme.com until April: its link is lost, so it is a gap again
      ['alpha.org', ['rival-a.com'], 1],
      ['theta.info', ['rival-b.com'], 1],
    ]);
    expect(rows[1]).toEqual({
      domain: 'zeta.org',
      competitors: ['rival-a.com', 'rival-b.com'],
      competitorCount: 2,
      links: 3,
      linksPerCompetitor: { 'rival-a.com': 2, 'rival-b.com': 1, 'rival-c.com': 0 },
      authority: null,
      firstSeen: '2024-02-01T00:00:00.000Z',
      relevance: null,
    });
  });

  it('--min narrows to domains linking to K competitors; --all-links counts nofollow links', () => {
    const two = json<GapReportRow[]>(['gap', 'acme.com', ...RIVALS, '--min', '2']);
    expect(two.map((r) => r.domain)).toEqual(['epsilon.com', 'zeta.org']);
    const all = json<GapReportRow[]>(['gap', 'acme.com', ...RIVALS, '--all-links']);
    expect(all.map((r) => r.domain)).toEqual([
      'epsilon.com',
      'zeta.org',
      'alpha.org',
      'eta.net',
      'theta.info',
    ]);
  });

  it('takes 12 competitors: CSV has a link column per competitor', () => {
    const more = Array.from({ length: 9 }, (_, i) => `--competitor=other${i + 1}.com`);
    const { code, stdout } = cli(['gap', 'acme.com', ...RIVALS, ...more, '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 7)).toEqual([
      'domain',
      'competitorCount',
      'competitors',
      'links',
      'authority',
      'firstSeen',
      'relevance',
    ]);
    expect(header.slice(7)).toHaveLength(12);
    expect(header[7]).toBe('links:rival-a.com');
    expect(header[18]).toBe('links:other9.com');
    expect(lines[2]).toBe(
      `zeta.org,2,rival-a.com rival-b.com,3,,2024-02-01T00:00:00.000Z,,2,1,0${',0'.repeat(9)}`,
    );
    expect(lines).toHaveLength(5);
  });

  it('prints a table naming the competitors each domain links to', () => {
    const { code, stdout } = cli(['gap', 'acme.com', ...RIVALS]);
    expect(code).toBe(0);
    expect(stdout).toContain('domains linking to at least 1 of 3 competitors but not to acme.com');
    expect(stdout).toMatch(
      /epsilon\.com +- +3\/3 +3 +2024-01-15 +rival-a\.com 1, rival-b\.com 1, rival-c\.com 1/,
    );
  });

  it.each([
    [['gap', 'acme.com'], 'name at least one --competitor'],
    [['gap', 'acme.com', '--competitor', 'www.acme.com'], 'cannot be its own competitor'],
    [['gap', 'acme.com', ...RIVALS, '--min', '4'], '--min must be an integer from 1 to 3'],
    [['gap', 'acme.com', ...RIVALS, '--scope', 'url'], '--scope must be one of domain, host'],
  ])('%j exits 2: %s', async (args, message) => {
    const { code, stderr } = await inProcess(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('pages --broken', () => {
  it('lists target pages answering 4xx with their live links and best linking pages', () => {
    const rows = json<BrokenPageReportRow[]>(['pages', 'acme.com', '--broken']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      targetUrl: 'https://acme.com/old-guide',
      status: 404,
      checkedAt: '2024-04-08T09:00:00.000Z',
      // gamma.io's nofollow link is lost with its page: two live links from two domains remain
      refdomains: 2,
      links: 2,
      dofollowLinks: 2,
      firstSeen: '2024-02-05T00:00:00.000Z',
      lastSeen: '2024-03-03T00:00:00.000Z',
    });
    expect(rows[0]!.bestLinks.map((b) => [b.sourceUrl, b.anchor, b.dofollow])).toEqual([
      ['https://news.beta.net/other', 'the old guide', true],
      ['https://delta.co.uk/review', 'a guide', true],
    ]);
  });

  it('prints CSV and a table; the plain pages report is unchanged', () => {
    const csv = cli(['pages', 'acme.com', '--broken', '--format', 'csv']);
    expect(csv.stdout).toBe(
      'targetUrl,status,checkedAt,refdomains,links,dofollowLinks,firstSeen,lastSeen,bestLinks\n' +
        'https://acme.com/old-guide,404,2024-04-08T09:00:00.000Z,2,2,2,2024-02-05T00:00:00.000Z,' +
        '2024-03-03T00:00:00.000Z,https://news.beta.net/other https://delta.co.uk/review\n',
    );
    const table = cli(['pages', 'acme.com', '--broken']);
    expect(table.stdout).toMatch(
      /https:\/\/acme\.com\/old-guide +404 +2024-04-08 +2 +2 +2 +https:\/\/news\.beta\.net\/other/,
    );
    const pages = json<{ targetUrl: string }[]>(['pages', 'acme.com']);
    // /widgets lost its only link (alpha.org's, removed): only live links count
    expect(pages.map((p) => p.targetUrl)).toEqual(['https://acme.com/old-guide', 'https://acme.com/']);
  });

  it('says why nothing is broken, and refuses flags that do not apply', async () => {
    const none = cli(['pages', 'rival-a.com', '--broken']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no broken pages of rival-a.com');
    const sorted = await inProcess(['pages', 'acme.com', '--broken', '--sort', 'links']);
    expect(sorted.code).toBe(2);
    expect(sorted.stderr).toContain('--status, --sort and --order do not apply');
  });
});

describe('after linkledger rank', () => {
  it('gap and broken pages show domain authority, and gap ranks ties by it', () => {
    expect(cli(['rank', '--format', 'json']).code).toBe(0);
    const rows = json<GapReportRow[]>(['gap', 'acme.com', ...RIVALS]);
    expect(rows.every((r) => typeof r.authority === 'number')).toBe(true);
    const ones = rows.filter((r) => r.competitorCount === 1);
    expect(ones.map((r) => r.authority)).toEqual(ones.map((r) => r.authority).sort((a, b) => b! - a!));
    const broken = json<BrokenPageReportRow[]>(['pages', 'acme.com', '--broken']);
    expect(broken[0]!.bestLinks.every((b) => typeof b.sourceDomainAuthority === 'number')).toBe(true);
  });
});
