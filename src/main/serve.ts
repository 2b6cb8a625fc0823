/**
 * `linkledger serve`, wired: opens the ledger once, builds the HTTP API over it (src/interfaces/http) and
 * listens with @hono/node-server. Without tokens the API lets anyone in, so it then listens on loopback
 * only and refuses any other host. `close()` stops listening, lets requests in flight finish (for at most
 * `shutdownGraceMs`: a client that stopped reading a download must not hold the shutdown) and closes
 * the store.
 */
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { serve } from '@hono/node-server';
import { UsageError } from '../core/errors.ts';
import type { LedgerStore } from '../core/ledger/store.ts';
import { createApi, storeAccess } from '../interfaces/http/api.ts';
import { ResponseCache } from '../interfaces/http/response-cache.ts';
import type { TokenBook } from '../interfaces/http/tokens.ts';
import { dashboardFiles } from './dashboard-files.ts';
import { type ServeJobOptions, serveJobs } from './serve-jobs.ts';
import { VERSION } from './version.ts';
import { countingWrites } from './write-count.ts';

export interface ServeOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Opens the ledger (the caller checked that it exists). */
  openStore: () => Promise<LedgerStore>;
  tokens: TokenBook | null;
  log?: (message: string) => void;
  /** The dashboard's built files (default web/dist of this checkout). */
  dashboardDir?: string;
  /** Answer repeated reads from memory until the ledger changes (default true; `--no-cache`). */
  cache?: boolean;
  /** Background jobs: where imports may read, whether crawls may reach private networks. */
  jobs?: ServeJobOptions;
  /** How long `close()` lets requests in flight finish before it cuts their connections (default 10 s). */
  shutdownGraceMs?: number;
}

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  close: () => Promise<void>;
}

/** Loopback names and addresses: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (options.tokens === null && !isLoopback(options.host))
    throw new UsageError(
      `without API tokens the server only listens on loopback (127.0.0.1, ::1, localhost): give --token-file (or LINKLEDGER_TOKENS) to serve on ${options.host}`,
    );
  if (options.tokens !== null && options.tokens.entries.length === 0)
    throw new UsageError('the token book holds no token (ROLE:TOKEN lines)');
  const opened = await options.openStore();
  // Every write of the server (jobs, whitelist, disavow) goes through here, so the cache knows the ledger changed.
  const { store, writes } = countingWrites(opened);
  const access = storeAccess(store);
  const jobs = serveJobs(store, options.jobs ?? { importDirs: [process.cwd()], allowPrivateNetwork: false });
  const cache = options.cache === false ? undefined : new ResponseCache({ version: writes });
  const api = createApi({
    store,
    withStore: access.withStore,
    tokens: options.tokens,
    version: VERSION,
    dashboard: dashboardFiles(options.dashboardDir),
    jobs,
    ...(cache === undefined ? {} : { cache }),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: api.fetch, hostname: options.host, port: options.port }, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host}:${address.port}`,
      close: () => {
        closing ??= new Promise<void>((resolve) => {
          const cut = setTimeout(() => {
            if ('closeAllConnections' in server) server.closeAllConnections();
          }, options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
          server.close(() => {
            clearTimeout(cut);
            resolve();
          });
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        })
          // Running jobs stop at their next safe point (resumable) and requests already queued on the
          // store finish (their clients may be gone) before it closes.
          .then(() => jobs.board.stop())
          .then(() => access.drain())
          .then(() => store.close());
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
