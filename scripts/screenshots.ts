/**
 * Screenshots of the dashboard for the docs: builds the demo ledger (the bundled Common Crawl excerpt and
 * news pages, imported and ranked in a temp folder), serves it on 127.0.0.1, runs an import and a rank job
 * and generates a disavow file so those pages show real content, then saves 1440x900 PNGs of the main pages
 * into docs/screenshots/.
 *
 *   node --import tsx scripts/screenshots.ts
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  buildDemoLedger,
  DEMO_TARGET,
  ensureDashboardBuilt,
  launchBrowser,
  startServer,
  WARC,
  watchConsole,
} from '../test/integration/dashboard-harness.ts';
import { REPO_ROOT } from '../test/support/paths.ts';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const t = encodeURIComponent(DEMO_TARGET);

/** File name and route of each screenshot. */
const SHOTS: readonly [string, string][] = [
  ['overview', `/overview?target=${t}`],
  ['backlinks', `/backlinks?target=${t}&quality=true`],
  // The explanation of one backlink's quality score: its link comes from the ledger (below).
  ['explain', ''],
  ['referring-domains', `/refdomains?target=${t}`],
  ['anchors', `/anchors?target=${t}`],
  ['toxic-review', `/toxic?target=${t}`],
  ['competitor-gap', `/gap?target=${t}&competitor=facebook.com,youtube.com,google.com`],
  // So does the what-if route.
  ['what-if', ''],
  ['jobs', '/jobs'],
];

async function post(base: string, path: string, body: unknown): Promise<{ id?: string }> {
  const res = await fetch(`${base}/api/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id?: string };
}

async function waitForJob(base: string, id: string): Promise<void> {
  for (;;) {
    const job = (await (await fetch(`${base}/api/v1/jobs/${id}`)).json()) as {
      state: string;
      error: string | null;
    };
    if (job.state === 'done') return;
    if (job.state !== 'queued' && job.state !== 'running')
      throw new Error(`job ${id} ${job.state}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every table, chart and number loaded: no placeholder and nothing marked loading. */
async function settled(page: Page): Promise<void> {
  // Polled from here: the dashboard's CSP (rightly) forbids the string evaluation waitForFunction uses.
  const busy = page.locator('.skeleton, [data-loading="true"]');
  const deadline = Date.now() + 60_000;
  await page.waitForTimeout(200);
  while ((await busy.count()) > 0) {
    if (Date.now() > deadline) throw new Error(`${page.url()} did not finish loading`);
    await page.waitForTimeout(100);
  }
  // One more frame for ECharts to draw what it was just given.
  await page.waitForTimeout(400);
}

interface ScoredBacklink {
  sourceUrl: string;
  targetUrl: string;
  kind: string;
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
}

/**
 * The backlinks page with the quality explanation open (`explain=SOURCE TARGET KIND followed|unfollowed`)
 * on the link of its first page that the most multipliers weaken: the drawer then shows every part.
 */
async function explainRoute(base: string): Promise<string> {
  const get = async <T>(path: string) => (await (await fetch(`${base}/api/v1/${path}`)).json()) as T;
  const listed = await get<{ data: ScoredBacklink[] }>(`backlinks?target=${t}&quality=true`);
  let best: ScoredBacklink | undefined;
  let most = -1;
  for (const link of listed.data) {
    const query = new URLSearchParams({ source: link.sourceUrl, target: link.targetUrl });
    const explained = await get<
      { link: { kind: string }; quality: { factors: { role: string; value: number }[] } }[]
    >(`explain?${query}`);
    const mine = explained.find((e) => e.link.kind === link.kind) ?? explained[0]!;
    const weakening = mine.quality.factors.filter((f) => f.role === 'multiplier' && f.value < 1).length;
    if (weakening > most) [best, most] = [link, weakening];
  }
  const link = best!;
  const followed = !link.nofollow && !link.sponsored && !link.ugc;
  const explain = [link.sourceUrl, link.targetUrl, link.kind, followed ? 'followed' : 'unfollowed'].join(' ');
  return `/backlinks?target=${t}&quality=true&explain=${encodeURIComponent(explain)}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'linkledger-screenshots-'));
  const imports = join(dir, 'imports');
  mkdirSync(imports);
  mkdirSync(OUT, { recursive: true });
  const db = join(dir, 'demo.duckdb');
  console.log('building the demo ledger and the dashboard…');
  await Promise.all([buildDemoLedger(db), ensureDashboardBuilt()]);
  copyFileSync(WARC, join(imports, 'CC-MAIN-2020-34-excerpt.warc.gz'));
  const server = await startServer(['--db', db, '--import-dir', imports]);
  const browser = await launchBrowser(join(dir, 'browser'));
  try {
    // Content for the jobs and toxic pages: a re-import, a rank run, a disavow version.
    const imported = await post(server.url, 'jobs/import', {
      paths: [join(imports, 'CC-MAIN-2020-34-excerpt.warc.gz')],
    });
    await waitForJob(server.url, imported.id!);
    const ranked = await post(server.url, 'jobs/rank', {});
    await waitForJob(server.url, ranked.id!);
    await post(server.url, 'disavow', { target: DEMO_TARGET });

    // What-if: gain a link from USA Today's home page, lose the first page linking to twitter.com/ now.
    const home = 'https://twitter.com/';
    const linking = (await (
      await fetch(`${server.url}/api/v1/backlinks?target=${encodeURIComponent(home)}&scope=url&limit=1`)
    ).json()) as { data: { sourceUrl: string }[] };
    const whatIfRoute = `/whatif?target=${t}&page=${encodeURIComponent(home)}&add=${encodeURIComponent('http://www.usatoday.com/')}&remove=${encodeURIComponent(linking.data[0]!.sourceUrl)}`;

    const computed: Record<string, string> = {
      'what-if': whatIfRoute,
      explain: await explainRoute(server.url),
    };

    const page = await browser.newPage();
    const problems = watchConsole(page);
    for (const [name, route] of SHOTS) {
      await page.goto(`${server.url}/#${route || computed[name]}`);
      await settled(page);
      const path = join(OUT, `${name}.png`);
      await page.screenshot({ path });
      console.log(`saved ${path}`);
    }
    if (problems.length > 0) {
      console.error(`the browser console reported:\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
