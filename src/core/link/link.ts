/**
 * The link model: one hyperlink-like reference found on one page.
 *
 * `kind` says what made the reference (an `<a>`, an image, a redirect...), `path` says exactly where it came
 * from in Common Crawl WAT notation (`ELEMENT@/attribute`, `STYLE/#text`), so a link can always be traced
 * back to the markup. `rawUrl` is the value as written (entity-decoded once, as a browser would read it);
 * `target` is the absolute, normalised URL (see core/url/normalize.ts), or null when the value is not a URL.
 */

export const LINK_KINDS = [
  'a',
  'area',
  'img',
  'link',
  'iframe',
  'frame',
  'form',
  'redirect',
  'meta-refresh',
  'base',
  'script',
  'object',
  'embed',
  'media',
  'cite',
  'data-attr',
  'onclick',
  'css',
  'background',
  'other',
] as const;

export type LinkKind = (typeof LINK_KINDS)[number];

export const PLACEMENTS = ['content', 'nav', 'header', 'footer', 'aside', 'unknown'] as const;

/** Where on the page a link sits; see core/link/placement.ts for the rules. */
export type Placement = (typeof PLACEMENTS)[number];

export interface Link {
  /** Absolute URL of the page the link is on. */
  source: string;
  /** Absolute, normalised URL the link points to; null when `rawUrl` cannot be resolved. */
  target: string | null;
  /** The URL as written in the page (entity-decoded once; `data:` URLs trimmed). */
  rawUrl: string;
  kind: LinkKind;
  /** WAT-style origin, e.g. `A@/href`, `IMG@/src`, `LINK@/href`, `STYLE/#text`, `HTTP@/location`. */
  path: string;
  /** Anchor text (whitespace collapsed), or the `alt` of an image inside the anchor; '' when none. */
  anchor: string;
  /** `rel` tokens, lower-case, in order of appearance, without duplicates. */
  rel: readonly string[];
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  placement: Placement;
  /** 0-based position of the link among the links of its page, in document order. */
  position: number;
}

/** The fields `linkledger extract` writes, in this order. `position` stays internal. */
export const LINK_OUTPUT_FIELDS = [
  'source',
  'target',
  'rawUrl',
  'kind',
  'path',
  'anchor',
  'rel',
  'nofollow',
  'sponsored',
  'ugc',
  'placement',
] as const satisfies readonly (keyof Link)[];
