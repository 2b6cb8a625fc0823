/**
 * The dashboard in a real browser (Debian chromium via playwright-core) against `linkledger serve` on a
 * ledger built from the bundled real data. Every number the pages show is checked against the CLI's
 * output for the same ledger (taken before the server opened it) or the API's answer to the same question;
 * none is a hard-coded guess. Each test also asserts the browser console stayed free of errors and
 * warnings (a test that provokes an HTTP error allows exactly the browser's "Failed to load resource" line
 * for that status).
 */
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDisavow } from '../../src/core/disavow/parse.ts';
import { HOSTS, startTestWeb, type TestWeb } from '../support/test-web/index.ts';
import { CC_SEGMENT_FILE, httpResponse, uncrawledSegmentBytes, warcGzBytes } from '../support/warc-writer.ts';
import {
  buildDemoLedger,
  cliJson,
  cliText,
  ensureDashboardBuilt,
  HTML_CORPUS_DIR,
  launchBrowser,
  type Server,
  startServer,
  DEMO_TARGET as TARGET,
  WARC,
  watchConsole,
} from './dashboard-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-dashboard-'));
const db = join(dir, 'ledger.duckdb');
const tokenDb = join(dir, 'token-ledger.duckdb');
const crawlDb = join(dir, 'crawl-ledger.duckdb');
const importDir = join(dir, 'imports');
const READ = 'dashboard-read-token-0123456789';
const ADMIN = 'dashboard-admin-token-0123456789';

interface CliProfile {
  links: { total: number; live: number; lost: number };
  dofollowLinks: number;
  dofollowShare: number;
  refdomains: number;
  refpages: number;
  last30Days: { newLinks: number; newRefdomains: number };
  authority: { page: number | null; host: number | null; domain: number | null };
}

let server: Server;
let browser: BrowserContext;
let profile: CliProfile;
let cliRefdomains: { domain: string; links: number }[];
let cliCsvHeader: string;
let page: Page;
let problems: string[];
/** Console lines a test expects (the browser's own line for an HTTP error it provokes). */
let allowed: RegExp[] = [];

/** expect.poll with room for a busy 2-core machine (its default gives up after 1 s). */
const eventually = <T>(read: () => Promise<T> | T, timeout = 20_000) =>
  expect.poll(read, { timeout, interval: 100 });

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const oneDecimal = (n: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

async function api<T>(path: string, base = server.url): Promise<T> {
  const res = await fetch(`${base}/api/v1/${path}`);
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

interface Explained {
  link: { sourceUrl: string; targetUrl: string; kind: string; followed: boolean };
  quality: { score: number; factors: { name: string; role: string; points: number }[] };
}

const explainPath = (source: string, target: string) =>
  `explain?source=${encodeURIComponent(source)}&target=${encodeURIComponent(target)}`;

/** A number as the dashboard prints it (`1,234.5`, `−15.1`, `+2.0`). */
const numberOf = (s: string | null) => Number((s ?? '').trim().replace(/,/g, '').replace('−', '-'));

/** The open explanation adds up: base points to the base score, all points to the score; one sentence each. */
async function checkExplanation(expected: Explained): Promise<void> {
  const drawer = byTestId('explain-drawer');
  await eventually(() => drawer.getAttribute('data-loading')).toBe('false');
  const section = drawer.getByTestId('explain-link');
  const factors = section.getByTestId('explain-factor');
  expect(await factors.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-factor')))).toEqual(
    expected.quality.factors.map((f) => f.name),
  );
  const score = numberOf(await section.getByTestId('explain-score').textContent());
  expect(score).toBe(Math.round(expected.quality.score * 10) / 10);
  const points = (await section.getByTestId('explain-points').allTextContents()).map(numberOf);
  const tenths = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10);
  expect(tenths(points)).toBe(Math.round(score * 10));
  const base = expected.quality.factors.filter((f) => f.role === 'base').length;
  expect(tenths(points.slice(0, base))).toBe(
    Math.round(numberOf(await section.getByTestId('explain-base').textContent()) * 10),
  );
  // Each point within rounding of the API's own breakdown.
  for (const [i, f] of expected.quality.factors.entries())
    expect(Math.abs(points[i]! - f.points)).toBeLessThanOrEqual(0.15);
  for (const sentence of await section.locator('.factor-text').allTextContents())
    expect(sentence.length).toBeGreaterThan(20);
}

const byTestId = (id: string) => page.getByTestId(id);
const text = async (id: string) => ((await byTestId(id).textContent()) ?? '').trim();
const rows = (table: string) => page.locator(`[data-testid="${table}"] tbody tr[data-testid="row"]`);

/** Starts an import from the jobs page and returns the row of that job (found by the id the API gives). */
async function startImport(path: string) {
  const before = new Set((await api<{ data: { id: string }[] }>('jobs')).data.map((j) => j.id));
  await byTestId('import-paths').fill(path);
  await byTestId('import-submit').click();
  await byTestId('import-notice').waitFor();
  const job = (await api<{ data: { id: string }[] }>('jobs')).data.find((j) => !before.has(j.id))!;
  return page.locator('[data-testid="job-row"]', { has: page.locator(`[data-job-id="${job.id}"]`) });
}

async function open(hash: string, base = server.url): Promise<void> {
  await page.goto(`${base}/#${hash}`);
}

async function download(click: () => Promise<void>): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, `download-${Date.now()}`);
  await file.saveAs(path);
  return { file, text: readFileSync(path, 'utf8') };
}

beforeAll(async () => {
  await Promise.all([buildDemoLedger(db), ensureDashboardBuilt()]);
  // The CLI reads the ledger before the server holds it (one process per DuckDB file).
  profile = await cliJson<CliProfile>(['profile', TARGET, '--db', db]);
  cliRefdomains = await cliJson(['refdomains', TARGET, '--db', db, '--limit', '5']);
  cliCsvHeader = (await cliText(['backlinks', TARGET, '--db', db, '--format', 'csv', '--limit', '1'])).split(
    '\n',
  )[0]!;
  copyFileSync(db, tokenDb);
  copyFileSync(db, crawlDb);
  mkdirSync(importDir);
  copyFileSync(WARC, join(importDir, 'excerpt-copy.warc.gz'));
  server = await startServer(['--db', db, '--import-dir', importDir]);
  browser = await launchBrowser(join(dir, 'browser'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function newPage(): Promise<void> {
  page = await browser.newPage();
  problems = watchConsole(page);
  allowed = [];
}

afterEach(async () => {
  const unexpected = problems.filter((p) => !allowed.some((re) => re.test(p)));
  await page.close();
  expect(unexpected).toEqual([]);
});

describe('dashboard', () => {
  it('opens on the ledger suggested target and shows its overview from the same ledger', async () => {
    await newPage();
    const ledger = await api<{ suggestedTarget: string; counts: { links: number } }>('ledger');
    await page.goto(`${server.url}/`);
    await eventually(() => page.url()).toContain(`#/overview?target=${ledger.suggestedTarget}`);
    expect(await byTestId('target-input').inputValue()).toBe(ledger.suggestedTarget);
    expect(ledger.suggestedTarget).toBe(TARGET);

    await eventually(() => text('stat-backlinks-value')).toBe(count(profile.links.live));
    expect(await text('stat-refdomains-value')).toBe(count(profile.refdomains));
    expect(await text('stat-refpages-value')).toBe(count(profile.refpages));
    expect(await text('stat-dofollow-value')).toBe(`${oneDecimal(profile.dofollowShare * 100)}%`);
    // Authority from the rank run; a domain target has no page authority (not 0, not "not ranked").
    expect(profile.authority.domain).not.toBeNull();
    expect(await text('stat-authority-domain-value')).toBe(oneDecimal(profile.authority.domain!));
    expect(await text('stat-authority-page-value')).toBe('—');
    expect(await text('change-newLinks-30')).toBe(`+${count(profile.last30Days.newLinks)}`);
    expect(await text('ledger-summary')).toContain(count(ledger.counts.links));

    // The top referring domains, in the CLI's order.
    await eventually(() => rows('table-top-domains').count()).toBe(10);
    for (const [i, d] of cliRefdomains.entries())
      expect(await rows('table-top-domains').nth(i).locator('td').first().textContent()).toBe(d.domain);
    // The charts drew (SVG renderer): axes with the history's months, the anchor classes' legend.
    const history = await api<{ data: { period: string }[] }>(`history?target=${TARGET}&by=month`);
    const lastMonth = history.data.at(-1)!.period.slice(0, 7);
    await eventually(() => byTestId('chart-history-refdomains').locator('svg').count()).toBe(1);
    expect(await byTestId('chart-history-links').textContent()).toContain('Backlinks');
    const anchors = await api<{ classes: Record<string, number> }>(`anchors?target=${TARGET}&limit=1`);
    await expect
      .poll(() => byTestId('chart-anchors').textContent())
      .toContain(`Branded  ${count(anchors.classes.branded!)}`);
    expect(history.data.length).toBeGreaterThan(1);
    expect(lastMonth).toMatch(/^\d{4}-\d{2}$/);
  });

  it('shows every listing page with the rows the API gives for the same query', async () => {
    await newPage();
    await open(`/backlinks?target=${TARGET}`);
    await eventually(() => rows('table-backlinks').count()).toBe(Math.min(50, profile.links.live));
    await eventually(() => text('backlinks-total')).toBe(count(profile.links.live));
    expect(await text('pager-range')).toContain(`1–50 of ${count(profile.links.live)}`);
    const firstLink = (await api<{ data: { sourceUrl: string }[] }>(`backlinks?target=${TARGET}&limit=1`))
      .data[0]!;
    expect(await rows('table-backlinks').first().locator('a').first().getAttribute('href')).toBe(
      firstLink.sourceUrl,
    );
    expect(await rows('table-backlinks').first().locator('a').first().getAttribute('rel')).toBe(
      'noopener noreferrer nofollow',
    );

    await byTestId('nav-refdomains').click();
    await eventually(() => text('refdomains-total')).toBe(count(profile.refdomains));
    await eventually(() => rows('table-refdomains').count()).toBe(Math.min(50, profile.refdomains));
    expect(await rows('table-refdomains').first().locator('td').first().textContent()).toBe(
      cliRefdomains[0]!.domain,
    );

    await byTestId('nav-anchors').click();
    const anchors = await api<{ classes: Record<string, number>; data: { anchor: string }[] }>(
      `anchors?target=${TARGET}`,
    );
    await eventually(() => rows('table-anchors').count()).toBe(anchors.data.length);
    for (const [cls, n] of Object.entries(anchors.classes)) expect(await text(`class-${cls}`)).toBe(count(n));

    await byTestId('nav-pages').click();
    const pages = await api<{ data: { targetUrl: string }[] }>(`pages?target=${TARGET}`);
    await eventually(() => rows('table-pages').count()).toBe(pages.data.length);
    expect(await rows('table-pages').first().locator('a').getAttribute('href')).toBe(
      pages.data[0]!.targetUrl,
    );
    // No capture of twitter.com answered 4xx in this data: the broken view says so.
    const broken = await api<{ data: unknown[] }>(`pages?target=${TARGET}&broken=true`);
    expect(broken.data).toEqual([]);
    await byTestId('pages-broken').click();
    await byTestId('table-broken-pages-empty').waitFor();
    expect(page.url()).toContain('broken=true');

    await byTestId('nav-toxic').click();
    const toxic = await api<{ links: unknown[] }>(`toxic?target=${TARGET}`);
    await expect
      .poll(() => text('stat-toxic-links-value'), { timeout: 30_000 })
      .toBe(count(toxic.links.length));

    await byTestId('nav-gap').click();
    await byTestId('gap-empty').waitFor();
    await byTestId('gap-competitors').fill('facebook.com\nyoutube.com');
    await byTestId('gap-submit').click();
    const gap = await api<{ data: { domain: string }[] }>(
      `gap?target=${TARGET}&competitor=facebook.com,youtube.com`,
    );
    expect(gap.data.length).toBeGreaterThan(0);
    await eventually(() => rows('table-gap').count()).toBe(gap.data.length);
    expect(await rows('table-gap').first().locator('td').first().textContent()).toBe(gap.data[0]!.domain);

    await byTestId('nav-jobs').click();
    await byTestId('table-jobs').waitFor();
  });

  it('computes what-if authority as the API does', async () => {
    await newPage();
    const links = await api<{ data: { sourceUrl: string }[] }>(
      'backlinks?target=https://twitter.com/&scope=url&limit=1',
    );
    const source = links.data[0]!.sourceUrl;
    const expected = await api<{ moves: Record<string, { before: number; after: number; delta: number }> }>(
      `whatif?target=${encodeURIComponent('https://twitter.com/')}&removeLink=${encodeURIComponent(source)}`,
    );
    await open(`/whatif?target=${TARGET}`);
    expect(await byTestId('whatif-page').inputValue()).toBe('https://twitter.com/');
    await byTestId('whatif-remove').fill(source);
    await byTestId('whatif-submit').click();
    await eventually(() => text('whatif-page-before')).toBe(oneDecimal(expected.moves.page!.before));
    expect(await text('whatif-page-after')).toBe(oneDecimal(expected.moves.page!.after));
    expect(await text('whatif-domain-before')).toBe(oneDecimal(expected.moves.domain!.before));
  });

  it('filters backlinks on the server: dofollow only, kind, status, paging', async () => {
    await newPage();
    await open(`/backlinks?target=${TARGET}`);
    await eventually(() => text('backlinks-total')).toBe(count(profile.links.live));

    await byTestId('filter-dofollow').check();
    await eventually(() => text('backlinks-total')).toBe(count(profile.dofollowLinks));
    expect(profile.dofollowLinks).toBeLessThan(profile.links.live);
    expect(page.url()).toContain('dofollow=true');

    await byTestId('filter-kind').selectOption('iframe');
    const iframes = await api<{ data: unknown[] }>(
      `backlinks?target=${TARGET}&dofollow=true&kind=iframe&limit=500`,
    );
    await eventually(() => rows('table-backlinks').count()).toBe(iframes.data.length);
    expect(iframes.data.length).toBeGreaterThan(0);

    await byTestId('filter-kind').selectOption('');
    await byTestId('pager-next').click();
    await eventually(() => text('pager-range')).toContain(`51–100 of ${count(profile.dofollowLinks)}`);
    expect(page.url()).toContain('offset=50');

    // No link was lost in this data: the lost view is empty, and says so.
    await byTestId('filter-status').selectOption('lost');
    await byTestId('table-backlinks-empty').waitFor();
    expect(page.url()).not.toContain('offset=');

    await byTestId('filter-status').selectOption('live');
    await byTestId('filter-quality').check();
    await expect
      .poll(() => page.locator('[data-testid="table-backlinks"] thead').textContent())
      .toContain('Quality');
  });

  it("explains a backlink's quality score in a drawer: factors, points adding up, keyboard, deep link", async () => {
    await newPage();
    const listed = await api<{
      data: { sourceUrl: string; targetUrl: string; kind: string; quality: number }[];
    }>(`backlinks?target=${TARGET}&quality=true`);
    const row = listed.data[0]!;
    const all = await api<Explained[]>(explainPath(row.sourceUrl, row.targetUrl));
    const expected = all.find((e) => e.link.kind === row.kind)!;
    await open(`/backlinks?target=${TARGET}&quality=true`);
    const opener = rows('table-backlinks').first().getByTestId('explain-open');
    await eventually(() => opener.textContent()).toBe(oneDecimal(row.quality));
    await opener.click();
    await byTestId('explain-drawer').waitFor();
    expect(new URL(page.url()).hash).toContain('explain=');
    // The drawer takes the focus; the page behind stays usable (not modal).
    expect(await page.locator('[data-testid="explain-drawer"]:focus').count()).toBe(1);
    expect(await byTestId('explain-drawer').getAttribute('aria-modal')).toBe('false');
    await checkExplanation(expected);
    // The table and the breakdown agree here; where a listing's relevance differs, the drawer says so.
    const same = oneDecimal(expected.quality.score) === oneDecimal(row.quality);
    expect(await byTestId('explain-differs').count()).toBe(same ? 0 : 1);

    // A link: the same explanation after a reload.
    const url = page.url();
    await page.reload();
    await byTestId('explain-drawer').waitFor();
    await checkExplanation(expected);
    expect(page.url()).toBe(url);

    // Escape closes it and the focus goes back to the score (after a reload: nothing to go back to).
    await page.keyboard.press('Escape');
    await byTestId('explain-drawer').waitFor({ state: 'detached' });
    expect(new URL(page.url()).hash).not.toContain('explain=');
    await opener.focus();
    await page.keyboard.press('Enter');
    await byTestId('explain-drawer').waitFor();
    await page.keyboard.press('Escape');
    await byTestId('explain-drawer').waitFor({ state: 'detached' });
    expect(
      await page.locator('[data-testid="table-backlinks"] [data-testid="explain-open"]:focus').count(),
    ).toBe(1);

    // The close button does the same.
    await rows('table-backlinks').nth(1).getByTestId('explain-open').click();
    await byTestId('explain-close').click();
    await byTestId('explain-drawer').waitFor({ state: 'detached' });
  });

  it('explains the quality of a link from the toxic review', async () => {
    await newPage();
    await open(`/toxic?target=${TARGET}&view=links`);
    const first = rows('table-toxic-links').first();
    await first.waitFor({ timeout: 30_000 });
    const [source, target] = await first
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const expected = await api<Explained[]>(explainPath(source!, target!));
    await first.getByTestId('explain-open').click();
    await byTestId('explain-drawer').waitFor();
    // The toxic report does not say which link kind a row is: every link source → target is explained.
    await eventually(() => byTestId('explain-link').count()).toBe(expected.length);
    if (expected.length === 1) await checkExplanation(expected[0]!);
    await page.keyboard.press('Escape');
    await byTestId('explain-drawer').waitFor({ state: 'detached' });
  });

  it('exports the filtered backlinks as the CLI CSV', async () => {
    await newPage();
    await open(`/backlinks?target=${TARGET}&dofollow=true`);
    await eventually(() => text('backlinks-total')).toBe(count(profile.dofollowLinks));
    const href = await byTestId('export-csv').getAttribute('href');
    expect(href).toContain('backlinks/export?');
    expect(href).toContain('dofollow=true');
    const { file, text: csv } = await download(() => byTestId('export-csv').click());
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    expect(csv.split('\n')[0]).toBe(cliCsvHeader);
    const records = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(records.length).toBe(profile.dofollowLinks);
  });

  it('shows an API error in a banner, not a crash', async () => {
    await newPage();
    const res = await fetch(`${server.url}/api/v1/backlinks?target=${TARGET}&since=2020-13-45`);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    allowed = [/Failed to load resource: the server responded with a status of 400/];
    await open(`/backlinks?target=${TARGET}&since=2020-13-45`);
    await eventually(() => text('error-banner')).toContain(error.message);
    // The rest of the page still works.
    await byTestId('nav-overview').click();
    await eventually(() => text('stat-backlinks-value')).toBe(count(profile.links.live));
  });

  it('whitelists a toxic domain: it leaves the list and the API report', async () => {
    await newPage();
    const before = await api<{ links: unknown[]; domains: { domain: string; flaggedLinks: number }[] }>(
      `toxic?target=${TARGET}`,
    );
    await open(`/toxic?target=${TARGET}`);
    const button = page
      .locator('[data-testid="table-toxic-domains"] [data-testid="whitelist-domain"]')
      .first();
    await button.waitFor();
    const domain = (await button.getAttribute('data-domain'))!;
    const flagged = before.domains.find((d) => d.domain === domain)!.flaggedLinks;
    expect(flagged).toBeGreaterThan(0);
    await button.click();
    await byTestId('toxic-action-notice').waitFor();

    const after = await api<{
      links: unknown[];
      domains: { domain: string }[];
      whitelisted: { links: number };
    }>(`toxic?target=${TARGET}`);
    expect(after.links.length).toBe(before.links.length - flagged);
    expect(after.domains.map((d) => d.domain)).not.toContain(domain);
    const whitelist = await api<{ data: { value: string }[] }>(`whitelist?target=${TARGET}`);
    expect(whitelist.data.map((e) => e.value)).toContain(`domain:${domain}`);
    await eventually(() => text('stat-toxic-links-value')).toBe(count(after.links.length));
    await eventually(() => byTestId('whitelist-table').textContent()).toContain(`domain:${domain}`);
    expect(await page.locator(`[data-testid="whitelist-domain"][data-domain="${domain}"]`).count()).toBe(0);
  });

  it('generates a disavow file that passes the disavow validator and downloads it', async () => {
    await newPage();
    await open(`/toxic?target=${TARGET}`);
    await byTestId('disavow-versions-empty').waitFor();
    await byTestId('disavow-generate').click();
    await byTestId('disavow-notice').waitFor();
    const versions = await api<{ data: { version: number; entries: number }[] }>(
      `disavow/versions?target=${TARGET}`,
    );
    expect(versions.data.length).toBe(1);
    const { version, entries } = versions.data[0]!;
    await eventually(() => page.locator('[data-testid="disavow-version-row"]').count()).toBe(1);

    const { text: body } = await download(() => byTestId(`disavow-download-${version}`).click());
    const parsed = parseDisavow(new TextEncoder().encode(body));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.length).toBe(entries);
    expect(entries).toBeGreaterThan(0);
    const served = await fetch(`${server.url}/api/v1/disavow/file?target=${TARGET}&version=${version}`);
    expect(body).toBe(await served.text());
    // The domain whitelisted in the previous test stays out of the file.
    const whitelist = await api<{ data: { value: string }[] }>(`whitelist?target=${TARGET}`);
    for (const entry of whitelist.data) expect(body.split('\n')).not.toContain(entry.value);
  });

  it('imports a real WARC as a job and follows its progress to done', async () => {
    await newPage();
    const file = join(importDir, 'excerpt-copy.warc.gz');
    const size = statSync(file).size;
    await open('/jobs');
    await byTestId('table-jobs').waitFor();
    const row = await startImport(file);
    // The row appears with the state the POST answered, and reaches done by polling alone (no reload).
    await eventually(() => row.getByTestId('job-state').textContent(), 60_000).toBe('done');
    expect(await row.getByTestId('job-done').textContent()).toBe(`${count(size)} of ${count(size)} bytes`);
    expect(await row.getByTestId('job-result').textContent()).toContain('1 file · 16 records');
    const jobs = await api<{ data: { kind: string; state: string; progress: { done: number } }[] }>('jobs');
    expect(jobs.data[0]).toMatchObject({ kind: 'import', state: 'done', progress: { done: size } });
    expect(await row.getByTestId('job-hint').count()).toBe(0);
  });

  it('shows the hint of an import under its result: a Common Crawl segment whose crawl is named nowhere', async () => {
    await newPage();
    const file = join(importDir, CC_SEGMENT_FILE);
    writeFileSync(file, uncrawledSegmentBytes());
    await open('/jobs');
    await byTestId('table-jobs').waitFor();
    const row = await startImport(file);
    await eventually(() => row.getByTestId('job-state').textContent(), 60_000).toBe('done');
    expect(await row.getByTestId('job-result').textContent()).toMatch(
      /^1 file · \d+ records? · 1 new link ·/,
    );
    expect(await row.getByTestId('job-hint').textContent()).toMatch(
      /nor its path names the crawl.*source commoncrawl:CC-MAIN-YYYY-WW/,
    );
  });
});

describe('dashboard, uploads', () => {
  it('uploads a file from the browser and imports it as a job', async () => {
    await newPage();
    const size = statSync(WARC).size;
    await open('/jobs');
    await byTestId('table-jobs').waitFor();
    const before = new Set((await api<{ data: { id: string }[] }>('jobs')).data.map((j) => j.id));
    await byTestId('upload-file').setInputFiles(WARC);
    await byTestId('upload-submit').click();
    await byTestId('upload-notice').waitFor();
    const job = (await api<{ data: { id: string }[] }>('jobs')).data.find((j) => !before.has(j.id))!;
    const row = page.locator('[data-testid="job-row"]', { has: page.locator(`[data-job-id="${job.id}"]`) });
    await eventually(() => row.getByTestId('job-state').textContent(), 60_000).toBe('done');
    expect(await row.textContent()).toContain(`uploaded ${basename(WARC)} (${count(size)} bytes)`);
    expect(await row.getByTestId('job-result').textContent()).toContain('1 file · 16 records');
  });
});

describe('dashboard, broken pages', () => {
  it('lists a linked page that answered 404 once an import job brings its capture', async () => {
    await newPage();
    // The one synthetic input of this file: a 404 capture of a page the real data links to.
    const pages = await api<{ data: { targetUrl: string; links: number; refdomains: number }[] }>(
      `pages?target=${TARGET}&limit=1`,
    );
    const gone = pages.data[0]!;
    const warc = join(importDir, 'gone.warc.gz');
    writeFileSync(
      warc,
      warcGzBytes([
        {
          type: 'response',
          targetUri: gone.targetUrl,
          contentType: 'application/http; msgtype=response',
          date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          block: httpResponse(404, { 'content-type': 'text/html' }, '<html><body>Not found</body></html>'),
        },
      ]),
    );
    await open('/jobs');
    await byTestId('table-jobs').waitFor();
    const row = await startImport(warc);
    await eventually(() => row.getByTestId('job-state').textContent(), 60_000).toBe('done');

    const broken = await api<{ data: { targetUrl: string; status: number; links: number }[] }>(
      `pages?target=${TARGET}&broken=true`,
    );
    expect(broken.data.map((b) => b.targetUrl)).toEqual([gone.targetUrl]);
    await byTestId('nav-pages').click();
    await byTestId('pages-broken').click();
    const brokenRows = rows('table-broken-pages');
    await eventually(() => brokenRows.count()).toBe(1);
    const cells = brokenRows.first().locator('td');
    expect(await cells.nth(0).locator('a').getAttribute('href')).toBe(gone.targetUrl);
    expect(await cells.nth(1).textContent()).toBe('404');
    expect(await cells.nth(4).textContent()).toBe(count(broken.data[0]!.links));
  });
});

describe('dashboard, cancelling a job', () => {
  it('cancels a queued import while another runs, and shows both outcomes', async () => {
    await newPage();
    // The 258 news pages take seconds to import: long enough for a second job to wait in the queue.
    const pagesDir = join(importDir, 'news-pages');
    cpSync(HTML_CORPUS_DIR, pagesDir, { recursive: true });
    await open('/jobs');
    await byTestId('table-jobs').waitFor();
    const running = await startImport(pagesDir);
    const queued = await startImport(join(importDir, 'excerpt-copy.warc.gz'));
    await eventually(() => queued.getByTestId('job-state').textContent()).toBe('queued');
    await queued.getByTestId('job-cancel').click();
    await byTestId('cancel-notice').waitFor();
    await eventually(() => queued.getByTestId('job-state').textContent()).toBe('cancelled');
    expect(await queued.getByTestId('job-cancel').count()).toBe(0);
    await eventually(() => running.getByTestId('job-state').textContent(), 90_000).toBe('done');
    const jobs = await api<{ data: { state: string }[] }>('jobs');
    expect(jobs.data.slice(0, 2).map((j) => j.state)).toEqual(['cancelled', 'done']);
  });
});

describe('dashboard, crawling', () => {
  let web: TestWeb;
  let crawler: Server;

  beforeAll(async () => {
    web = await startTestWeb();
    crawler = await startServer(['--db', crawlDb], { resolve: web.resolveArgs });
  }, 60_000);

  afterAll(async () => {
    await crawler?.stop();
    await web?.close();
  });

  it('crawls a site from the jobs page, follows its progress, and its links reach the reports', async () => {
    await newPage();
    const seed = `${web.origin(HOSTS.a)}/`;
    const siteB = `backlinks?target=${HOSTS.b}&scope=host&status=all`;
    expect((await api<{ data: unknown[] }>(siteB, crawler.url)).data).toEqual([]);

    await open('/jobs', crawler.url);
    await byTestId('table-jobs').waitFor();
    await byTestId('crawl-seeds').fill(seed);
    await byTestId('crawl-scope').selectOption('site');
    await byTestId('crawl-max-pages').fill('5');
    await byTestId('crawl-submit').click();
    await byTestId('crawl-notice').waitFor();
    const jobs = await api<{ data: { id: string; params: unknown }[] }>('jobs', crawler.url);
    expect(jobs.data.length).toBe(1);
    expect(jobs.data[0]!.params).toEqual({ seeds: [seed], scope: 'site', maxPages: 5 });
    const row = page.locator('[data-testid="job-row"]', {
      has: page.locator(`[data-job-id="${jobs.data[0]!.id}"]`),
    });
    // Progress while it runs (one request per second to the host: robots.txt, sitemaps, then pages)...
    await eventually(() => row.getByTestId('job-done').textContent()).toMatch(/^[1-4] of 5 pages$/);
    expect(await row.getByTestId('job-state').textContent()).toBe('running');
    // ...and done, by polling alone.
    await eventually(() => row.getByTestId('job-state').textContent()).toBe('done');
    expect(await row.getByTestId('job-done').textContent()).toBe('5 of 5 pages');
    const job = await api<{
      result: { job: { stats: { fetched: number } }; ledger: { newLinks: number } };
    }>(`jobs/${jobs.data[0]!.id}`, crawler.url);
    expect(job.result.job.stats.fetched).toBe(5);
    expect(await row.getByTestId('job-result').textContent()).toContain(
      `${count(job.result.ledger.newLinks)} new links`,
    );

    // The pages the test web served (robots.txt and sitemaps aside) are the crawled pages.
    const crawled = web.log
      .filter((e) => e.host === HOSTS.a && e.status === 200 && !/^\/(robots\.txt|sitemap)/.test(e.path))
      .map((e) => `${web.origin(HOSTS.a)}${e.path}`);
    expect(crawled.length).toBe(5);
    // site B's backlinks now come from them, the seed's link to site B's home included.
    const backlinks = await api<{ data: { sourceUrl: string; targetUrl: string }[] }>(siteB, crawler.url);
    expect(backlinks.data.length).toBeGreaterThan(0);
    for (const b of backlinks.data) expect(crawled).toContain(b.sourceUrl);
    const home = web.expected.pages.find((p) => p.url === seed)!;
    const toSiteB = home.links.filter((l) => l.target.startsWith(web.origin(HOSTS.b)));
    expect(toSiteB.length).toBeGreaterThan(0);
    for (const l of toSiteB)
      expect(backlinks.data).toContainEqual(
        expect.objectContaining({ sourceUrl: seed, targetUrl: l.target }),
      );

    // The dashboard's backlinks of site B list the same links.
    await open(`/backlinks?target=${HOSTS.b}&scope=host&status=all`, crawler.url);
    await eventually(() => rows('table-backlinks').count()).toBe(backlinks.data.length);
    const sources = await rows('table-backlinks').evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('a')?.getAttribute('href')),
    );
    expect(sources.sort()).toEqual(backlinks.data.map((b) => b.sourceUrl).sort());
  });
});

describe('dashboard on a token-protected server', () => {
  let guarded: Server;

  beforeAll(async () => {
    const tokens = join(dir, 'tokens');
    writeFileSync(tokens, `read:${READ}\nadmin:${ADMIN}\n`);
    guarded = await startServer(['--db', tokenDb, '--token-file', tokens]);
  }, 60_000);

  afterAll(async () => {
    await guarded?.stop();
  });

  it('asks for the token on 401, keeps it for the tab, and asks for an admin token on 403', async () => {
    await newPage();
    allowed = [/Failed to load resource: the server responded with a status of 40[13]/];
    await open(`/overview?target=${TARGET}`, guarded.url);
    await byTestId('token-prompt').waitFor();
    expect(await text('token-reason')).toContain('needs an API token');
    // Dismissed, the page says what is missing (once, not in every panel) and can ask again.
    await byTestId('token-cancel').click();
    await byTestId('token-needed').waitFor();
    expect(await byTestId('error-banner').count()).toBe(0);
    await byTestId('token-open').click();
    await byTestId('token-input').fill(READ);
    await byTestId('token-submit').click();
    await eventually(() => text('stat-backlinks-value')).toBe(count(profile.links.live));
    expect(await byTestId('token-prompt').count()).toBe(0);

    // The tab keeps the token: a reload asks nothing.
    await page.reload();
    await eventually(() => text('stat-backlinks-value')).toBe(count(profile.links.live));
    expect(await byTestId('token-prompt').count()).toBe(0);

    // A download with a token goes through fetch (a link cannot carry the header).
    await byTestId('nav-backlinks').click();
    await eventually(() => text('backlinks-total')).toBe(count(profile.links.live));
    const { text: csv } = await download(() => byTestId('export-csv').click());
    expect(csv.split('\n')[0]).toBe(cliCsvHeader);

    // Whitelisting needs admin: 403, the prompt says so, and with the admin token it works.
    await byTestId('nav-toxic').click();
    const button = page.locator('[data-testid="whitelist-domain"]').first();
    await button.waitFor({ timeout: 30_000 });
    const domain = (await button.getAttribute('data-domain'))!;
    await button.click();
    await byTestId('token-prompt').waitFor();
    expect(await text('token-reason')).toContain('admin token');
    await byTestId('token-input').fill(ADMIN);
    await byTestId('token-submit').click();
    await page.locator(`[data-testid="whitelist-domain"][data-domain="${domain}"]`).click();
    await byTestId('toxic-action-notice').waitFor();
    const res = await fetch(`${guarded.url}/api/v1/whitelist?target=${TARGET}`, {
      headers: { authorization: `Bearer ${READ}` },
    });
    const entries = ((await res.json()) as { data: { value: string }[] }).data.map((e) => e.value);
    expect(entries).toContain(`domain:${domain}`);
  });
});
