/**
 * Answers a repeated read request from memory (`linkledger serve` without `--no-cache`): dashboards and
 * agency reports ask the same pages of the same targets again and again, and a ledger changes only when
 * something is written. An entry is used only while the ledger's write count (`version()`) is what it was
 * when the entry was made, and for at most `ttlMs` (reports that count "the last 30 days" move with the
 * clock). Only 200 responses of GET endpoints that read the ledger are kept, bodies up to `maxBodyBytes`,
 * least recently used first out beyond `maxEntries` or `maxBytes`.
 *
 * It runs after the token check (api.ts calls it from the auth middleware), so it never answers a request
 * the tokens would refuse. Responses say `x-cache: hit` or `miss`.
 */
import type { Context, Next } from 'hono';
import { acceptsCsv } from './respond.ts';

export interface ResponseCacheOptions {
  /** The ledger's write count: any write makes every entry stale. */
  version: () => number;
  now?: () => number;
  ttlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  maxBodyBytes?: number;
}

interface Entry {
  version: number;
  at: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry | null>>();
  private bytes = 0;
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxBodyBytes: number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 5_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  }

  /** The request's answer from memory, or `next()`'s answer, kept for next time when it may be. */
  async serve(c: Context, next: Next): Promise<Response | undefined> {
    const key = `${c.req.url}\n${acceptsCsv(c.req.header('accept')) ? 'csv' : 'json'}`;
    const version = this.options.version();
    const entry = this.fresh(key, version);
    if (entry) {
      this.hits += 1;
      return this.replay(entry, 'hit');
    }
    // The same request already on its way to the store: wait for its answer instead of asking again
    // (a page everyone opens at once would otherwise run its query once per request).
    const pending = this.pending.get(key);
    if (pending) {
      const shared = await pending;
      if (shared && shared.version === this.options.version()) {
        this.hits += 1;
        return this.replay(shared, 'hit');
      }
    }
    this.misses += 1;
    let settle!: (entry: Entry | null) => void;
    const mine = new Promise<Entry | null>((resolve) => {
      settle = resolve;
    });
    if (!pending) this.pending.set(key, mine);
    try {
      await next();
      const kept = await this.keep(key, version, c.res);
      if (kept) c.res.headers.set('x-cache', 'miss');
      settle(kept);
    } finally {
      settle(null);
      if (this.pending.get(key) === mine) this.pending.delete(key);
    }
    return undefined;
  }

  private fresh(key: string, version: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version || this.now() - entry.at >= this.ttlMs) {
      this.bytes -= entry.body.byteLength;
      return undefined;
    }
    this.entries.set(key, entry); // re-inserted: most recently used last
    return entry;
  }

  private replay(entry: Entry, state: 'hit'): Response {
    const headers = new Headers(entry.headers);
    headers.set('x-cache', state);
    return new Response(entry.body, { status: entry.status, headers });
  }

  private async keep(key: string, version: number, res: Response): Promise<Entry | null> {
    if (res.status !== 200 || this.options.version() !== version) return null;
    const body = new Uint8Array(await res.clone().arrayBuffer());
    if (body.byteLength > this.maxBodyBytes) return null;
    const entry: Entry = { version, at: this.now(), status: res.status, headers: [...res.headers], body };
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, entry);
    this.bytes += body.byteLength;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
    return entry;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.byteLength;
  }
}
