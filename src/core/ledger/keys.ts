/**
 * Link identity and the cheap URL facts the ledger needs per link.
 *
 * A ledger link is identified by (source page URL, target URL, kind, followed): see docs/ledger.md for why.
 * Within one page the key is target + kind + followed. `fastHostOf` reads the host of a URL that
 * core/url/normalize.ts already normalised (WHATWG serialisation), without building a URL object: the
 * ledger does this for every link, and `new URL()` costs more than the rest of the work.
 */
import type { LedgerKind } from './model.ts';

/** A link counts as followed when it is none of nofollow, sponsored, ugc (they are all "do not endorse"). */
export function isFollowed(flags: { nofollow: boolean; sponsored: boolean; ugc: boolean }): boolean {
  return !(flags.nofollow || flags.sponsored || flags.ugc);
}

/** The key of a link within its source page. */
export function pageLinkKey(targetUrl: string, kind: LedgerKind, followed: boolean): string {
  return `${targetUrl}\u0000${kind}\u0000${followed ? '1' : '0'}`;
}

/** The key of a link without its follow state: the pair a rel change flips between. */
export function pairKey(targetUrl: string, kind: LedgerKind): string {
  return `${targetUrl}\u0000${kind}`;
}

/**
 * Host of a normalised absolute URL (`https://user@Host:8080/x` -> `host`), or null when there is none.
 * Bracketed IPv6 hosts keep their brackets, as WHATWG serialises them. Values that are not URLs (a bare
 * host from a web graph) are returned lower-cased as they are.
 */
export function fastHostOf(url: string): string | null {
  const scheme = url.indexOf('://');
  if (scheme === -1) return /^[a-z0-9.[\]:-]+$/i.test(url) ? url.toLowerCase() : null;
  let start = scheme + 3;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  const at = url.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  let host = url.slice(start, end);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close === -1 ? host : host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon !== -1) host = host.slice(0, colon);
  }
  return host === '' ? null : host.toLowerCase();
}

/** A small bounded memo: host -> registrable domain lookups repeat a lot within an import. */
export class BoundedMemo<V> {
  private map = new Map<string, V>();
  constructor(
    private readonly compute: (key: string) => V,
    private readonly limit = 200_000,
  ) {}

  get(key: string): V {
    let value = this.map.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.map.size >= this.limit) this.map = new Map();
      this.map.set(key, value);
    }
    return value;
  }
}
