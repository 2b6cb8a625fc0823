/**
 * The report commands (`backlinks`, `refdomains`, `anchors`, `pages`, `profile`) as a user runs them: a
 * DuckDB ledger built through the app layer (vendor CSV exports, and the pages of the conformance WARC with a
 * later capture that drops some links), then the real bin for each command and format. JSON must be exactly
 * what the app functions return for the same request; CSV and tables are checked for shape and content.
 * Bad flags and a missing ledger are checked in-process through `main` (same code, no process start-up).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvImportSource } from '../../src/adapters/imports/csv-import.ts';
import { FilePageReader } from '../../src/adapters/sources/file-page-reader.ts';
import { openStore } from '../../src/adapters/store-duckdb/open-store.ts';
import { extractLinks } from '../../src/app/extract-links.ts';
import { type CapturedPageLinks, ingestPages } from '../../src/app/ledger/ingest-pages.ts';
import {
  type AnchorReport,
  type BacklinkReportRow,
  type PageReportRow,
  type ProfileReport,
  type RefDomainReportRow,
  reportAnchors,
  reportBacklinks,
  reportPages,
  reportProfile,
  reportRefDomains,
} from '../../src/app/ledger/reports.ts';
import { runImport } from '../../src/app/ledger/run-import.ts';
import { MAX_LIMIT } from '../../src/core/ledger/query.ts';
import { runMain } from '../support/cli.ts';
import { REPO_ROOT, sharedData } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-reports-'));
const db = join(dir, 'ledger.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TARGET = 'acme-widgets.com';
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'imports');
const CSV_EXPORTS = [
  'ahrefs-backlinks.csv',
  'majestic-backlinks.csv',
  'semrush-backlinks.csv',
  'generic.csv',
  'bing-backlinks.csv',
];
const CAPTURED = Date.UTC(2024, 0, 15);
const RECAPTURED = Date.UTC(2024, 2, 1);
/** What the CLI asks for by default in json and csv (tables show 50). */
const ALL = { status: 'live', limit: MAX_LIMIT, offset: 0 } as const;

/** The fields the issue names for a backlink, in order. */
const BACKLINK_FIELDS = [
  'sourceUrl',
  'targetUrl',
  'anchor',
  'rel',
  'nofollow',
  'sponsored',
  'ugc',
  'kind',
  'placement',
  'firstSeen',
  'lastSeen',
  'lostAt',
  'lostReason',
  'sources',
  'sourceHost',
  'sourceDomain',
  'sourceAuthority',
  'sourceDomainAuthority',
];
const REFDOMAIN_CSV_HEADER =
  'domain,links,dofollowLinks,firstSeen,lastSeen,bestLink.sourceUrl,bestLink.targetUrl,bestLink.anchor,' +
  'bestLink.kind,bestLink.dofollow,bestLink.placement,authority';

interface Expected {
  backlinks: BacklinkReportRow[];
  dofollow: BacklinkReportRow[];
  lost: BacklinkReportRow[];
  facebookDefault: BacklinkReportRow[];
  facebookKinds: BacklinkReportRow[];
  refdomains: RefDomainReportRow[];
  anchors: AnchorReport;
  pages: PageReportRow[];
  profile: ProfileReport;
}
let expected: Expected;

beforeAll(async () => {
  const importedAt = Date.now();
  const store = await openStore({ kind: 'duckdb', path: db });
  try {
    for (const file of CSV_EXPORTS) {
      await runImport(store, await csvImportSource(join(FIXTURES, file), { now: importedAt }), {
        now: () => importedAt,
      });
    }
    const pages: CapturedPageLinks[] = [];
    await extractLinks(
      [sharedData('conformance', 'link-extraction-test.warc')],
      new FilePageReader(),
      { baseUrl: null },
      (page) => {
        pages.push({ ...page, source: 'crawl', capturedAt: CAPTURED });
      },
    );
    await ingestPages(store, pages);
    // A later capture of one page without its links: they are lost (`removed`).
    const fbVideo = pages.find((p) => p.page.url.endsWith('/fb-video.html'));
    if (fbVideo === undefined) throw new Error('fb-video.html is not in the conformance WARC');
    await ingestPages(store, [{ ...fbVideo, links: [], capturedAt: RECAPTURED }]);

    const facebook = { target: 'facebook.com', ...ALL, status: 'all' } as const;
    expected = {
      backlinks: await reportBacklinks(store, { target: TARGET, ...ALL }),
      dofollow: await reportBacklinks(store, { target: TARGET, ...ALL, dofollowOnly: true }),
      lost: await reportBacklinks(store, { target: TARGET, ...ALL, status: 'lost' }),
      facebookDefault: await reportBacklinks(store, facebook),
      facebookKinds: await reportBacklinks(store, { ...facebook, kinds: ['data-attr', 'cite'] }),
      refdomains: await reportRefDomains(store, { target: TARGET, ...ALL }),
      anchors: await reportAnchors(store, { target: TARGET, ...ALL, brand: ['Acme', 'Acme Widgets'] }),
      pages: await reportPages(store, {
        target: TARGET,
        ...ALL,
        sort: 'links',
        order: 'asc',
        limit: 3,
        offset: 1,
      }),
      profile: await reportProfile(store, { target: TARGET, now: Date.now() }),
    };
  } finally {
    await store.close();
  }
  // The ledger is realistic enough for the filters to matter.
  expect(expected.backlinks.length).toBeGreaterThan(5);
  expect(expected.dofollow.length).toBeGreaterThan(0);
  expect(expected.dofollow.length).toBeLessThan(expected.backlinks.length);
  expect(expected.lost.length).toBeGreaterThan(0);
  expect(expected.facebookKinds.length).toBeGreaterThan(0);
  expect(expected.facebookKinds).not.toEqual(expected.facebookDefault);
}, 60_000);

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'linkledger.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LINKLEDGER_DB: db, COLUMNS: '120', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[]): unknown {
  const { code, stdout, stderr } = cli([...args, '--format', 'json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

/** Runs the CLI in-process; stdout and stderr are captured instead of printed. */
const inProcess = (args: string[]) => runMain([...args, '--db', db]);

describe('backlinks', () => {
  it('prints, as JSON, exactly the rows reportBacklinks returns, with the fields the issue names', () => {
    const rows = json(['backlinks', TARGET]) as Record<string, unknown>[];
    expect(rows).toEqual(expected.backlinks);
    for (const row of rows) expect(Object.keys(row)).toEqual(BACKLINK_FIELDS);
  });

  it('prints CSV with a header and one line per row, reading the ledger path from LINKLEDGER_DB', () => {
    const { code, stdout } = cli(['backlinks', TARGET, '--format', 'csv']); // no --db: LINKLEDGER_DB
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(BACKLINK_FIELDS.join(','));
    expect(lines.length - 1).toBe(expected.backlinks.length);
    // arrays are joined by spaces: a link several sources saw lists them all in one cell
    const multi = expected.backlinks.find((r) => r.sources.length > 1)!;
    expect(stdout).toContain(multi.sources.join(' '));
  });

  it('prints a table that fits the terminal width, with thousands separators and ellipses', () => {
    const { code, stdout } = cli(['backlinks', TARGET], { COLUMNS: '100' });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `Backlinks to ${TARGET} (scope domain, live links, external links only, rows 1-${expected.backlinks.length})`,
    );
    for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(100);
    expect(stdout).toContain('…');
    expect(stdout).toMatch(/not shown for lack of width: .*Sources/);
    for (const row of expected.backlinks) {
      if (row.anchor.length > 8) expect(stdout).toContain(row.anchor.slice(0, 6));
    }
  });

  it('--dofollow keeps only followed links', () => {
    const rows = json(['backlinks', TARGET, '--dofollow']) as BacklinkReportRow[];
    expect(rows).toEqual(expected.dofollow);
    for (const row of rows) expect(row.nofollow || row.sponsored || row.ugc).toBe(false);
  });

  it('--status lost lists the lost links with when and why', () => {
    const rows = json(['backlinks', TARGET, '--status', 'lost']) as BacklinkReportRow[];
    expect(rows).toEqual(expected.lost);
    expect(rows.map((r) => r.lostReason).sort()).toEqual(['page-redirected', 'removed']);
  });

  it('--kind (repeatable and comma-separated) changes the kinds counted', () => {
    const rows = json([
      'backlinks',
      'facebook.com',
      '--kind',
      'data-attr',
      '--kind',
      'cite,data-attr',
      '--status',
      'all',
    ]) as BacklinkReportRow[];
    expect(rows).toEqual(expected.facebookKinds);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['data-attr', 'cite']));
    // the links of the page captured again without them are lost, the others live
    expect(rows.some((r) => r.lostReason === 'removed')).toBe(true);
    expect(rows.some((r) => r.lostAt === null)).toBe(true);
  });
});

describe('backlinks --all', () => {
  it('streams every row as the same CSV as the paged report, for any filter and sort', async () => {
    for (const extra of [[], ['--status', 'all', '--sort', 'source-url', '--order', 'asc'], ['--dofollow']]) {
      const paged = await inProcess(['backlinks', TARGET, '--format', 'csv', ...extra]);
      const all = await inProcess(['backlinks', TARGET, '--format', 'csv', '--all', ...extra]);
      expect(all.code, all.stderr).toBe(0);
      expect(all.stdout).toBe(paged.stdout);
      expect(all.stdout.split('\n').length).toBeGreaterThan(3);
    }
  });

  it('is a usage error without --format csv, with --quality, or with paging', async () => {
    for (const [extra, message] of [
      [[], /add --format csv/],
      [['--format', 'csv', '--quality'], /does not score quality/],
      [['--format', 'csv', '--limit', '5'], /leave out --limit/],
    ] as const) {
      const run = await inProcess(['backlinks', TARGET, '--all', ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});

describe('refdomains', () => {
  it('prints, as JSON, exactly the rows reportRefDomains returns', () => {
    expect(json(['refdomains', TARGET])).toEqual(expected.refdomains);
  });

  it('prints CSV with the best link flattened into prefixed columns', () => {
    const { code, stdout } = cli(['refdomains', TARGET, '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(REFDOMAIN_CSV_HEADER);
    expect(lines.length - 1).toBe(expected.refdomains.length);
    const first = expected.refdomains[0]!;
    expect(lines[1]!.startsWith(`${first.domain},${first.links},${first.dofollowLinks},`)).toBe(true);
    expect(lines[1]).toContain(first.bestLink.sourceUrl);
  });

  it('prints a table with every referring domain', () => {
    const { code, stdout } = cli(['refdomains', TARGET]);
    expect(code).toBe(0);
    for (const row of expected.refdomains) expect(stdout).toContain(row.domain);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });
});

describe('anchors and pages', () => {
  it('anchors: JSON is the whole report (rows and links per class), --brand takes several names', () => {
    const report = json(['anchors', TARGET, '--brand', 'Acme', 'Acme Widgets']) as AnchorReport;
    expect(report).toEqual(expected.anchors);
    expect(report.anchors.find((a) => a.anchor === 'Acme Widgets')?.class).toBe('branded');
  });

  it('pages: JSON follows --sort, --order, --limit and --offset', () => {
    const rows = json([
      'pages',
      TARGET,
      '--sort',
      'links',
      '--order',
      'asc',
      '--limit',
      '3',
      '--offset',
      '1',
    ]);
    expect(rows).toEqual(expected.pages);
    expect(expected.pages).toHaveLength(3);
  });
});

describe('profile', () => {
  it('prints, as JSON, the object reportProfile returns', () => {
    expect(json(['profile', TARGET])).toEqual(expected.profile);
  });

  it('prints one screen: totals, dofollow share, windows, breakdowns, top domains', () => {
    const { code, stdout } = cli(['profile', TARGET]);
    expect(code).toBe(0);
    const p = expected.profile;
    expect(stdout).toContain(`Backlink profile of ${TARGET} (scope domain, external links only)`);
    expect(stdout).toContain(`${p.links.total} total, ${p.links.live} live, ${p.links.lost} lost`);
    expect(stdout).toContain(`(${(p.dofollowShare * 100).toFixed(1)}%)`);
    expect(stdout).toMatch(/Last 30 days\s+Last 90 days/);
    expect(stdout).toMatch(/Kind\s+Links\s+Domains\s+Placement\s+Links\s+Domains\s+TLD/);
    for (const d of p.topDomains) expect(stdout).toContain(d.name);
    expect(stdout.split('\n').length).toBeLessThan(50);
  });
});

describe('mistakes', () => {
  it('a missing ledger is a usage error (exit 2) and no file is created', () => {
    const missing = join(dir, 'missing.duckdb');
    const { code, stderr, stdout } = cli(['refdomains', TARGET, '--db', missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`no ledger at ${missing}: import data first with \`linkledger import`);
    expect(readdirSync(dir).filter((f) => f.startsWith('missing'))).toEqual([]);
  });

  it('an unknown format exits 2 naming the allowed values', () => {
    const { code, stderr } = cli(['backlinks', TARGET, '--format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toBe('linkledger: --format must be one of table, json, csv (got "xml")\n');
  });

  it.each([
    [['backlinks', TARGET, '--scope', 'site'], '--scope must be one of url, prefix, host, domain'],
    [['backlinks', TARGET, '--status', 'gone'], '--status must be one of live, lost, all'],
    [['refdomains', TARGET, '--kind', 'a,hyperlink'], '--kind must be one of a, area, img,'],
    [['pages', TARGET, '--placement', 'sidebar'], '--placement must be one of content, nav,'],
    [['anchors', TARGET, '--since', '2024-02-30'], '--since must be a day as YYYY-MM-DD'],
    [['backlinks', TARGET, '--limit', '0'], '--limit must be an integer from 1 to 100,000'],
    [['backlinks', TARGET, '--limit', '100001'], '--limit must be an integer from 1 to 100,000'],
    [['backlinks', TARGET, '--offset', '-1'], '--offset must be an integer of at least 0 (got "-1")'],
    [['refdomains', TARGET, '--sort', 'anchor'], '--sort must be one of links, dofollow-links,'],
    [['backlinks', TARGET, '--order', 'up'], '--order must be one of asc, desc'],
    [['profile', TARGET, '--top', '0'], '--top must be an integer from 1 to 1,000'],
    [['backlinks', 'http://[bad', '--scope', 'url'], 'not a URL: http://[bad'],
  ])('%j exits 2: %s', async (args, message) => {
    const { code, stdout, stderr } = await inProcess(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('a flag that a report does not have exits 2', async () => {
    const { code, stderr } = await inProcess(['profile', TARGET, '--status', 'lost']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--status'");
  });

  it('a target without links says so and how to add data, with exit 0', async () => {
    const table = await inProcess(['backlinks', 'nobody-links-here.example']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      `no backlinks to nobody-links-here.example in ${db}; import data first with \`linkledger import\`\n`,
    );
    const asJson = await inProcess(['refdomains', 'nobody-links-here.example', '--format', 'json']);
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout)).toEqual([]);
    expect(asJson.stderr).toContain('no backlinks to nobody-links-here.example');
    const filtered = await inProcess(['backlinks', TARGET, '--since', '2099-01-01']);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toContain(`no backlinks of ${TARGET} match these filters`);
  });
});
