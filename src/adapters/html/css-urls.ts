/**
 * URLs in CSS (a `<style>` element's text, or a `style` attribute), found the way Common Crawl's extractor
 * finds them, so that `STYLE/#text` links match WAT:
 *   - `url( X )` where X is 1 to 8,000 characters without `)` or whitespace (their regular expression
 *     `url\s*\(\s*([^)\s]{1,8000}?)\s*\)`, here a linear scan with the same result; `URL(` is accepted too);
 *   - `@import 'X';` / `"X"` / `('X')` / `("X")` / `(X)` / bare `X` (then `;`);
 *   - quotes, and backslash-escaped quotes, trimmed from both ends (`''foo.gif''` -> `foo.gif`); empty
 *     results dropped; `data:` URLs cut after the comma;
 *   - only the first 100,000 characters are searched (scanning stops after the first match that ends
 *     beyond them, as upstream's loop does).
 * One deliberate difference: upstream keeps the parentheses of `@import ('x.css');`, which makes the
 * value useless as a URL; we strip them.
 */
import { trimDataUrl } from './url-values.ts';

const MAX_SCAN = 100_000;
const MAX_URL = 8000;
const IMPORT = /@import\s+('[^']+'|"[^"]+"|\('[^']+'\)|\("[^"]+"\)|\([^)]+\)|[a-z0-9_.:/\\-]+)\s*;/gi;

function isCssSpace(c: number): boolean {
  // Java's \s: space, \t, \n, \x0B, \f, \r.
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The URLs of a piece of CSS, in order: all `url()` values, then all `@import` values. */
export function cssUrls(css: string): string[] {
  const urls: string[] = [];
  const n = css.length;
  let lastEnd = 0;
  let from = 0;
  while (lastEnd < MAX_SCAN) {
    const at = indexOfUrl(css, from);
    if (at === -1) break;
    from = at + 1;
    let i = at + 3;
    while (i < n && isCssSpace(css.charCodeAt(i))) i++;
    if (i >= n || css.charCodeAt(i) !== 0x28) continue;
    i++;
    while (i < n && isCssSpace(css.charCodeAt(i))) i++;
    const start = i;
    while (i < n && i - start <= MAX_URL) {
      const c = css.charCodeAt(i);
      if (c === 0x29 || isCssSpace(c)) break;
      i++;
    }
    const end = i;
    if (end === start || end - start > MAX_URL) continue;
    while (i < n && isCssSpace(css.charCodeAt(i))) i++;
    if (i >= n || css.charCodeAt(i) !== 0x29) continue;
    lastEnd = i + 1;
    from = lastEnd;
    pushTrimmed(urls, css.slice(start, end));
  }
  if (css.includes('@import')) {
    IMPORT.lastIndex = 0;
    lastEnd = 0;
    while (lastEnd < MAX_SCAN) {
      const match = IMPORT.exec(css);
      if (match === null) break;
      lastEnd = IMPORT.lastIndex;
      let value = match[1]!;
      if (value.startsWith('(') && value.endsWith(')')) value = value.slice(1, -1);
      pushTrimmed(urls, value);
    }
  }
  return urls;
}

const URL_WORD = /url/gi;

/** Index of the next `url` (any case) at or after `from`, or -1 (a native scan). */
function indexOfUrl(css: string, from: number): number {
  URL_WORD.lastIndex = from;
  return URL_WORD.exec(css)?.index ?? -1;
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27;
}

/** Trims `"`, `'`, `\"` and `\'` from both ends (upstream: `^(?:\\?["'])+|(?:\\?["'])+$`). */
export function trimCssQuotes(value: string): string {
  let i = 0;
  let j = value.length;
  for (;;) {
    if (i < j && isQuote(value.charCodeAt(i))) i++;
    else if (i + 1 < j && value.charCodeAt(i) === 0x5c && isQuote(value.charCodeAt(i + 1))) i += 2;
    else break;
  }
  while (j > i && isQuote(value.charCodeAt(j - 1))) {
    j--;
    if (j > i && value.charCodeAt(j - 1) === 0x5c) j--;
  }
  return i === 0 && j === value.length ? value : value.slice(i, j);
}

function pushTrimmed(urls: string[], raw: string): void {
  const value = trimCssQuotes(raw);
  if (value !== '') urls.push(trimDataUrl(value));
}
