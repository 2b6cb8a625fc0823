/**
 * Turning attribute values into the URLs Common Crawl's extractor would report: `data:` URLs cut after
 * their comma, URLs found in `onclick` handlers, and the candidates of a `srcset`.
 */

/**
 * A `data:` URL cut after its first comma (`data:image/png;base64,iVBOR...` -> `data:image/png;base64,`),
 * as Common Crawl does: the payload is not a link and can be megabytes long. Other values are unchanged.
 * Leading whitespace is allowed before `data:` (WHATWG URL parsing strips it too); the scheme is
 * case-insensitive. A `data:` value without a comma is kept as written.
 */
export function trimDataUrl(value: string): string {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 0x20) i++;
  if (value.length - i < 5) return value;
  if (
    (value.charCodeAt(i) | 0x20) !== 0x64 || // d
    (value.charCodeAt(i + 1) | 0x20) !== 0x61 || // a
    (value.charCodeAt(i + 2) | 0x20) !== 0x74 || // t
    (value.charCodeAt(i + 3) | 0x20) !== 0x61 || // a
    value.charCodeAt(i + 4) !== 0x3a // :
  ) {
    return value;
  }
  const comma = value.indexOf(',', i + 5);
  return comma === -1 ? value : value.slice(0, comma + 1);
}

/*
 * onclick URLs. Common Crawl matches two patterns on the raw attribute (accepting `&#39;` as a quote,
 * since it does not decode the attribute first):
 *   1. `[javascript:][window|top|document|self|parent.]location[.href] = 'URL'` (the whole value)
 *   2. `[javascript:](window|parent).open('URL' | "URL"` followed by `,` or `)`
 * We match on the entity-decoded value (so `&#39;` is already `'`), and accept a little more, as a
 * browser would run it: either quote in pattern 1, a chain of object prefixes (`window.top.location`),
 * `location.assign(...)` / `location.replace(...)`, `top.open` / `self.open` / bare `open(`, and a
 * trailing `;` or `return false;` after an assignment. URLs are 3 to 256 characters, without quotes.
 */
const ONCLICK_ASSIGN =
  /^\s*(?:javascript:\s*)?(?:(?:window|top|document|self|parent)\.)*location(?:\.href)?\s*=\s*(['"])([^'"]{3,256})\1\s*(?:;\s*(?:return\s+false\s*;?\s*)?)?$/i;
const ONCLICK_CALL =
  /^\s*(?:javascript:\s*)?(?:(?:window|top|self|parent|document)\.)*(?:open|location\.assign|location\.replace)\(\s*(['"])([^'"]{3,256})\1\s*[,)]/i;

/** The URL an `onclick` handler navigates to, or null. */
export function onclickUrl(handler: string): string | null {
  return ONCLICK_ASSIGN.exec(handler)?.[2] ?? ONCLICK_CALL.exec(handler)?.[2] ?? null;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/**
 * The URLs of a `srcset` (`a.jpg 1x, b.jpg 2x`), following the HTML "parse a srcset attribute" steps for
 * where a URL starts and ends: a URL is a run of non-whitespace; trailing commas end it; its descriptors
 * run to the next comma outside parentheses.
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    while (i < n && (isSpace(value.charCodeAt(i)) || value.charCodeAt(i) === 0x2c)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(value.charCodeAt(i))) i++;
    let end = i;
    let endedByComma = false;
    while (end > start && value.charCodeAt(end - 1) === 0x2c) {
      end--;
      endedByComma = true;
    }
    if (end > start) urls.push(value.slice(start, end));
    if (endedByComma) continue;
    // Descriptors: skip to the next comma that is not inside parentheses.
    let depth = 0;
    while (i < n) {
      const c = value.charCodeAt(i);
      if (c === 0x28) depth++;
      else if (c === 0x29) depth = Math.max(0, depth - 1);
      else if (c === 0x2c && depth === 0) break;
      i++;
    }
    i++;
  }
  return urls;
}
