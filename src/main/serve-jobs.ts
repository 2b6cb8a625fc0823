/**
 * The background jobs of `linkledger serve`, wired: the job board and its works over the server's store,
 * the import sources (only paths under the server's import folders), the crawler's adapters and the
 * server's crawl settings (user agent; private networks only when `--allow-private-network` was given).
 */
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { openImportSources } from '../adapters/sources/import-sources.ts';
import { JobBoard } from '../app/jobs/job-board.ts';
import { jobWorks } from '../app/jobs/job-works.ts';
import { parseResolveSpec } from '../core/crawl/address-policy.ts';
import { defaultCrawlSettings, defaultUserAgent } from '../core/crawl/settings.ts';
import { UsageError } from '../core/errors.ts';
import type { LedgerStore } from '../core/ledger/store.ts';
import type { JobService } from '../interfaces/http/job-endpoints.ts';
import { saveUpload } from './serve-uploads.ts';
import { VERSION } from './version.ts';

export interface ServeJobOptions {
  /** Folders an import job may read from; relative paths are taken from the first. */
  importDirs: readonly string[];
  allowPrivateNetwork: boolean;
  userAgent?: string;
  /** Fixed addresses for host:port, as `crawl --resolve` (tests pointing virtual hosts at loopback). */
  resolve?: readonly string[];
  /** Pause between requests to one host (default: the crawler's). */
  delayMs?: number;
  /**
   * Where uploaded files wait for their import (`serve`: LEDGER.uploads beside the ledger; default here:
   * a folder of this process in the system's temp folder).
   */
  uploadDir?: string;
}

/** `path` resolved (symlinks too) if it lies inside one of `dirs`; a UsageError naming the folders if not. */
export function insideImportDirs(path: string, dirs: readonly string[]): string {
  const roots = dirs.map((d) => realpathSync(resolve(d)));
  let real: string;
  try {
    real = realpathSync(isAbsolute(path) ? path : resolve(roots[0] ?? '.', path));
  } catch {
    throw new UsageError(`no such file or folder on the server: ${path}`);
  }
  const inside = roots.some((root) => {
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  });
  if (!inside)
    throw new UsageError(
      `${path} is outside the server's import folders (${roots.join(', ')}); start the server with --import-dir`,
    );
  return real;
}

export function serveJobs(store: LedgerStore, options: ServeJobOptions): JobService {
  const started = Date.now().toString(36);
  const fixedAddresses = (options.resolve ?? []).map(parseResolveSpec); // a bad spec fails at start, not per job
  const uploadDir = options.uploadDir ?? join(tmpdir(), `linkledger-uploads-${process.pid}`);
  mkdirSync(uploadDir, { recursive: true });
  const readable = [...options.importDirs, uploadDir];
  const board = new JobBoard(Date.now, 100, (n) => `${started}-${n}`);
  const works = jobWorks({
    store,
    now: Date.now,
    resolvePaths: (paths) => paths.map((p) => insideImportDirs(p, readable)),
    removeUploads: (paths) => {
      for (const path of paths) rmSync(path, { force: true });
    },
    openSources: (paths, o) => openImportSources(paths, o),
    crawlAdapters: async (settings) => (await import('./crawl-adapters.ts')).crawlAdapters(settings),
    crawlDefaults: (seeds) => {
      const settings = defaultCrawlSettings(seeds, options.userAgent ?? defaultUserAgent(VERSION));
      settings.allowPrivateNetwork = options.allowPrivateNetwork;
      if (fixedAddresses.length > 0) settings.resolve = fixedAddresses;
      if (options.delayMs !== undefined) settings.delayMs = options.delayMs;
      return settings;
    },
  });
  return { board, works, upload: (name, body) => saveUpload(uploadDir, name, body) };
}
