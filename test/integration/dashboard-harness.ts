/**
 * What the dashboard's browser tests and `scripts/screenshots.ts` share: a demo ledger built from the
 * bundled real data (Common Crawl WARC excerpt + the htmlparser-benchmark news pages) with the real CLI,
 * `linkledger serve` on 127.0.0.1 port 0 as a child process (stopped by its PID; with `resolve`, its crawl
 * jobs may reach a test web on loopback), the dashboard built into web/dist when it is missing or older
 * than its sources, and Debian chromium through playwright-core with a fresh profile folder. No vitest
 * import here: the screenshot script runs it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { HTML_CORPUS_DIR, REPO_ROOT } from '../support/paths.ts';

export const BIN = join(REPO_ROOT, 'bin', 'linkledger.js');
export const WARC = join(REPO_ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz');
export { HTML_CORPUS_DIR };
/** The domain most linked to in the demo data (README). */
export const DEMO_TARGET = 'twitter.com';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI (asynchronously: a server started by the caller keeps answering meanwhile). */
export function runCli(args: readonly string[], cwd = REPO_ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function cliOk(args: readonly string[]): Promise<Run> {
  const run = await runCli(args);
  if (run.status !== 0) throw new Error(`linkledger ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run;
}

/** Imports the WARC excerpt and the 258 news pages into `db`, then ranks it (as the README's demo does). */
export async function buildDemoLedger(db: string): Promise<void> {
  await cliOk(['import', '--db', db, '-q', WARC, HTML_CORPUS_DIR]);
  await cliOk(['rank', '--db', db]);
}

/** The CLI's JSON output of a report (run before a server holds the ledger: one process per DuckDB file). */
export async function cliJson<T>(args: readonly string[]): Promise<T> {
  return JSON.parse((await cliOk([...args, '--format', 'json'])).stdout) as T;
}

export async function cliText(args: readonly string[]): Promise<string> {
  return (await cliOk(args)).stdout;
}

export interface Server {
  /** `http://127.0.0.1:PORT`: the API and (at `/`) the dashboard. */
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /**
   * Crawl jobs may fetch these `HOST:PORT:ADDR` entries (curl-style `--resolve`; the test web's
   * `resolveArgs`), loopback included (`--allow-private-network`): a crawl of a test web on 127.0.0.1.
   */
  resolve?: readonly string[];
}

/** Starts `linkledger serve --port 0` and resolves once it prints its address. */
export function startServer(args: readonly string[], options: ServerOptions = {}): Promise<Server> {
  const crawl =
    options.resolve === undefined
      ? []
      : ['--allow-private-network', ...options.resolve.flatMap((spec) => ['--resolve', spec])];
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--host', '127.0.0.1', '--port', '0', ...crawl, ...args],
    { cwd: REPO_ROOT },
  );
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /linkledger API on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ url: match[1]!, child, stop });
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    void exited.then(() => reject(new Error(`serve exited before listening: ${err}`)));
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds web/dist unless it is newer than web/src (`npm ci` builds it; a developer's edit may not be). */
export async function ensureDashboardBuilt(): Promise<void> {
  const web = join(REPO_ROOT, 'web');
  const index = join(web, 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'],
      {
        cwd: web,
        // vitest sets NODE_ENV=test, and vite would honour it with a development build of React.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolve() : reject(new Error(`vite build failed: ${err}`)),
    );
  });
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian chromium with a fresh profile in `profileDir`; its caches and config (dconf) go there too, not
 * into the user's home.
 */
export function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(profileDir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    env: {
      ...process.env,
      HOME: profileDir,
      XDG_CONFIG_HOME: join(profileDir, 'config'),
      XDG_CACHE_HOME: join(profileDir, 'cache'),
    },
  });
}

/** Every console error or warning and uncaught page error, as text (the dashboard must log none). */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || type === 'warning') problems.push(`console.${type}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}
