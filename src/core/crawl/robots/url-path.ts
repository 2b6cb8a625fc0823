/**
 * The part of a URL that robots.txt rules are matched against: path, params and query, without scheme,
 * authority and fragment, always starting with `/` (Google's GetPathParamsQuery). It works on the URL
 * string as given, with no parsing or normalisation: the crawler passes the URL as it requests it
 * (percent-encoded). `http://example.com` -> `/`; `http://example.com/a;b?c#d` -> `/a;b?c`; an empty or
 * unparseable string -> `/`.
 */

/** Index of the first of `/`, `?`, `;` at or after `from`, or -1. */
function firstPathChar(url: string, from: number): number {
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 59) return i;
  }
  return -1;
}

export function pathParamsQuery(url: string): string {
  // Two leading slashes (a scheme-relative URL) are skipped.
  const searchStart = url.startsWith('//') ? 2 : 0;
  const earlyPath = firstPathChar(url, searchStart);
  let protocolEnd = url.indexOf('://', searchStart);
  // A path, params or query that starts before "://" means the "://" is not the end of a scheme.
  if (protocolEnd !== -1 && earlyPath !== -1 && earlyPath < protocolEnd) protocolEnd = -1;
  protocolEnd = protocolEnd === -1 ? searchStart : protocolEnd + 3;

  const pathStart = firstPathChar(url, protocolEnd);
  if (pathStart === -1) return '/';
  const hash = url.indexOf('#', searchStart);
  if (hash !== -1 && hash < pathStart) return '/';
  const path = url.slice(pathStart, hash === -1 ? url.length : hash);
  return path.startsWith('/') ? path : `/${path}`;
}
