/** Text clean-up shared by anchor texts, alt texts and titles. */

/** Longest anchor or alt text kept, in UTF-16 units (Common Crawl's current extractor keeps 128). */
export const MAX_ANCHOR = 128;
/** Longest title kept. */
export const MAX_TITLE = 512;

/**
 * Whitespace for text clean-up: JavaScript's `\s` (ASCII and Unicode spaces, no-break space included) and
 * the C0 and DEL control characters, which Common Crawl also turns into spaces.
 */
const WS_RUN = /[\s\x00-\x1f\x7f]+/g;
/**
 * A whitespace or control character other than a lone space (there is something to collapse): the `\s`
 * set without the space, written out as one class (faster than `[^\S ]|...`).
 */
const UNCLEAN = /[\x00-\x1f\x7f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/** Collapses whitespace runs to one space (a leading or trailing run stays as one space). */
export function collapseWhitespace(text: string): string {
  return text.replace(WS_RUN, ' ');
}

/** Collapsed, trimmed, and cut to `max` units without splitting a surrogate pair. */
export function cleanText(text: string, max: number): string {
  // Native trim and test first: most texts (anchor texts) only need their ends trimmed.
  let clean = text.trim();
  if (UNCLEAN.test(clean)) clean = clean.replace(WS_RUN, ' ').trim();
  if (clean.length > max) {
    const cut = isHighSurrogate(clean.charCodeAt(max - 1)) ? max - 1 : max;
    clean = clean.slice(0, cut).trimEnd();
  }
  return clean;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
