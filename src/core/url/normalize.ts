/**
 * URL normalisation for link keys.
 *
 * Two links are "the same link target" when their normalised URLs are equal. We follow the WHATWG URL
 * standard (what browsers do) and then apply a small, documented set of key rules:
 *   - scheme and host lower-case (WHATWG already does this), IDN hosts to punycode (WHATWG does this too);
 *   - the default port of the scheme dropped (WHATWG does this);
 *   - the fragment dropped: `page#a` and `page#b` are the same document for a backlink;
 *   - the query kept exactly as written (its order can be meaningful to the server);
 *   - an empty path becomes `/` (WHATWG does this for special schemes).
 * Nothing here touches the network or the clock.
 */

/**
 * Resolves `raw` (as written in a page) against `base` and normalises the result.
 * Returns null when the value cannot be parsed as a URL at all.
 */
export function resolveUrl(raw: string, base?: string | null): string | null {
  // WHATWG URL itself strips leading/trailing C0 controls and spaces and removes tabs and newlines.
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return null;
  }
  return finishNormalisation(url);
}

/** Normalises an absolute URL; null when it is not one. */
export function normalizeUrl(raw: string): string | null {
  return resolveUrl(raw, null);
}

function finishNormalisation(url: URL): string {
  url.hash = '';
  let href = url.href;
  // WHATWG keeps a bare '#' when the fragment is empty but present; `hash = ''` removes it, but an
  // opaque URL (javascript:, mailto:) can still end in '#'.
  if (href.endsWith('#')) href = href.slice(0, -1);
  return href;
}

/** True for the schemes a web crawler can fetch and a backlink can point at. */
export function isWebUrl(url: string): boolean {
  return url.startsWith('http://') || url.startsWith('https://');
}

/** The host of an absolute URL (lower-case, punycode, no port), or null. */
export function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
