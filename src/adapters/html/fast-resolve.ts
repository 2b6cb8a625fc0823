/**
 * URL resolution for extracted links, equal to core/url/normalize.ts `resolveUrl` but cheaper.
 *
 * WHATWG URL parsing is the most expensive step per link, and most link values on real pages are already
 * absolute, normalised http(s) URLs. `fastNormalisedUrl` recognises those by one scan over their
 * characters and returns the value `resolveUrl` would return (the value itself, without its fragment, with
 * `/` appended to a bare host), or undefined when the value is not clearly of that form. It accepts only:
 *   - `http://` or `https://` in lower case, no user info, no port;
 *   - a host of lower-case ASCII letters, digits and `-` in non-empty labels, the last one starting with
 *     a letter (so no IPv4 forms, which WHATWG rewrites or rejects), no `xn--` (punycode, which WHATWG
 *     validates);
 *   - a path and a query of the characters WHATWG keeps as they are there, with no dot segment;
 *   - anything after `#` (the fragment is dropped).
 * Everything else goes to `resolveUrl`. test/adapters/html/fast-resolve.test.ts checks that both agree on
 * every link value of the 258-page corpus and on random URL-like strings. A per-page cache resolves each
 * distinct value once (menus repeat the same links).
 */
import { resolveUrl } from '../../core/url/normalize.ts';

/*
 * The accepted form as regular expressions (irregexp compiles them to native scans, faster than a
 * character loop in JavaScript). Sticky, so that `lastIndex` tells where a match ended.
 *   host:   labels of [a-z0-9-], the last starting with a letter, then `/` or the end (`xn--` is
 *           refused separately, by indexOf);
 *   path:   `/` segments of the characters WHATWG keeps as they are in a path (checked against Node's URL:
 *           printable ASCII except " # < > ? ` { } \), none of them a dot segment (`.`, `..`, `%2e`...);
 *   query:  `?` then the characters WHATWG keeps in a query of a special URL (printable ASCII except
 *           " # ' < >); `%` needs no check: WHATWG keeps even a malformed `%zz` as written;
 *   end:    `#` (a fragment follows and is dropped) or the end of the value.
 */
const SEGMENT = String.raw`(?!(?:\.|%2[eE]){1,2}(?:[/?#]|$))[!$-.0-;=@-\[\]-_a-z|~]*`;
const QUERY = String.raw`(?:\?[!$-&(-;=?-~]*)?`;
const END = '(?:#|$)';
const CLEAN_ABSOLUTE = new RegExp(
  String.raw`^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?=\/|$)(?:\/${SEGMENT})*${QUERY}${END}`,
  'y',
);
/* The same rules for the relative values joined to a clean base (checking the value alone spares joining
 * it first): a path-absolute value, a path-relative one, a query. */
const CLEAN_PATH_ABSOLUTE = new RegExp(String.raw`(?:\/${SEGMENT})+${QUERY}${END}`, 'y');
const CLEAN_PATH_RELATIVE = new RegExp(String.raw`${SEGMENT}(?:\/${SEGMENT})*${QUERY}${END}`, 'y');
const CLEAN_QUERY = new RegExp(String.raw`\?[!$-&(-;=?-~]*${END}`, 'y');

const SLASH = 0x2f;
const HASH = 0x23;
const QMARK = 0x3f;

/** `prefix + raw` without its fragment when `pattern` matches all of `raw`, else undefined. */
function joinClean(pattern: RegExp, prefix: string, raw: string): string | undefined {
  pattern.lastIndex = 0;
  if (!pattern.test(raw)) return undefined;
  const end = pattern.lastIndex;
  if (raw.charCodeAt(end - 1) === HASH) return prefix + raw.slice(0, end - 1);
  return end === raw.length ? prefix + raw : undefined;
}

/** `resolveUrl(raw, anyBase)` for an already absolute, normalised http(s) URL; undefined for anything else. */
export function fastNormalisedUrl(raw: string): string | undefined {
  if (raw.charCodeAt(0) !== 0x68) return undefined; // 'h'
  if (raw.includes('xn--')) return undefined; // punycode, which WHATWG validates
  CLEAN_ABSOLUTE.lastIndex = 0;
  if (!CLEAN_ABSOLUTE.test(raw)) return undefined;
  const end = CLEAN_ABSOLUTE.lastIndex;
  if (raw.charCodeAt(end - 1) === HASH) return raw.slice(0, end - 1);
  // `http://host` (no path): WHATWG adds the root path. The `//` of the scheme ends before index 8.
  return raw.indexOf('/', 8) === -1 ? `${raw}/` : raw;
}

/**
 * Resolves link values against one base URL, each distinct value once. When the base is itself clean
 * (`fastNormalisedUrl(base) === base`), the common relative forms are joined without URL parsing and the
 * result goes through the same check as an absolute value:
 *   `//host/x` -> scheme + value; `/x` -> origin + value; `?q` -> base without its query + value;
 *   `#f` and '' -> the base; `x/y` (no `:` before the first `/`, so not a scheme) -> base directory + value.
 * WHATWG gives the same result for these when the joined URL passes the check (no dot segments, no
 * characters it would rewrite); anything else is parsed by `resolveUrl`.
 */
export class LinkResolver {
  private readonly cache = new Map<string, string | null>();
  /** `http:` or `https:`, when the base is clean; else ''. */
  private readonly scheme: string = '';
  /** `http://host` */
  private readonly origin: string = '';
  /** The base without its query. */
  private readonly document: string = '';
  /** The base up to and including the last `/` of its path. */
  private readonly directory: string = '';
  /** resolveUrl fails every value against a base that is not a URL: so does this resolver. */
  private readonly usableBase: boolean;

  constructor(private readonly base: string) {
    // Not URL.canParse: on Node 20 its optimised (fast API) path misreads Latin-1 strings (`é`) once hot.
    const clean = base !== '' && fastNormalisedUrl(base) === base;
    this.usableBase = base === '' || clean || resolveUrl(base) !== null;
    if (clean) {
      const colon = base.indexOf(':');
      this.scheme = base.slice(0, colon + 1);
      const pathStart = base.indexOf('/', colon + 3);
      this.origin = base.slice(0, pathStart);
      const query = base.indexOf('?', pathStart);
      this.document = query === -1 ? base : base.slice(0, query);
      this.directory = this.document.slice(0, this.document.lastIndexOf('/') + 1);
    }
  }

  resolve(raw: string): string | null {
    if (!this.usableBase) return null;
    const fast = this.scheme === '' ? fastNormalisedUrl(raw) : this.fastRelative(raw);
    if (fast !== undefined) return fast;
    let target = this.cache.get(raw);
    if (target === undefined) {
      target = resolveUrl(raw, this.base);
      this.cache.set(raw, target);
    }
    return target;
  }

  private fastRelative(raw: string): string | undefined {
    // Node's URL drops an empty query of the base for '' and '#…' ("http://e.com/?" + "#" gives
    // "http://e.com/#"): only the slow path agrees with resolveUrl there.
    if (raw.length === 0) return this.base.endsWith('?') ? undefined : this.base;
    const c = raw.charCodeAt(0);
    if (c === SLASH) {
      if (raw.charCodeAt(1) === SLASH) return fastNormalisedUrl(this.scheme + raw);
      return joinClean(CLEAN_PATH_ABSOLUTE, this.origin, raw);
    }
    if (c === HASH) return this.base.endsWith('?') ? undefined : this.base;
    if (c === QMARK) return joinClean(CLEAN_QUERY, this.document, raw);
    if (c === 0x68 && (raw.startsWith('http://') || raw.startsWith('https://')))
      return fastNormalisedUrl(raw);
    // A path-relative value, unless a ':' before any '/', '?' or '#' may make it a scheme.
    for (let i = 0; i < raw.length; i++) {
      const d = raw.charCodeAt(i);
      if (d === SLASH || d === QMARK || d === HASH) break;
      if (d === 0x3a) return undefined;
    }
    return joinClean(CLEAN_PATH_RELATIVE, this.directory, raw);
  }
}
