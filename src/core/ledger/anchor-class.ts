/**
 * Anchor text classification, as SEO tools report anchor profiles.
 *
 * Checked in this order, the first that applies wins:
 *  1. `image`     the link is an image (an `<img src>` or a vendor-reported image link);
 *  2. `empty`     no text after trimming;
 *  3. `naked-url` the text is a URL or a bare host name (`https://example.com/x`, `www.example.com`);
 *  4. `generic`   a call to action with no topic ("click here", "read more", "hier", "ici", "aquí", ...:
 *                 generic-anchors.ts, several languages), compared after normalisation;
 *  5. `branded`   contains a brand term (`--brand`; defaults to the target domain's name);
 *  6. `exact`     equals a target keyword (defaults to the words of the target URL's last path segment);
 *  7. `partial`   contains a keyword, or at least half of a keyword's words (words of 3+ characters);
 *  8. `other`     anything else.
 * Normalisation: Unicode NFKC, lower case, punctuation and symbols to spaces, whitespace collapsed.
 */
import { GENERIC_ANCHORS } from './generic-anchors.ts';

export const ANCHOR_CLASSES = [
  'image',
  'empty',
  'naked-url',
  'generic',
  'branded',
  'exact',
  'partial',
  'other',
] as const;
export type AnchorClass = (typeof ANCHOR_CLASSES)[number];

export interface AnchorContext {
  brandTerms: readonly string[];
  keywords: readonly string[];
}

const GENERIC = new Set(GENERIC_ANCHORS.map(normalizeAnchor));
const NAKED_URL =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?::\d+)?(?:[/?#]\S*)?$/iu;

export function normalizeAnchor(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A prepared classifier: normalises the brand terms and keywords once. */
export function anchorClassifier(context: AnchorContext): (anchor: string, image: boolean) => AnchorClass {
  const brands = context.brandTerms.map(normalizeAnchor).filter((b) => b !== '');
  const squashedBrands = brands.map((b) => b.replace(/ /g, ''));
  const keywords = context.keywords.map(normalizeAnchor).filter((k) => k !== '');
  const keywordWords = keywords.map((k) => k.split(' ').filter((w) => w.length >= 3));
  return (anchor, image) => {
    if (image) return 'image';
    const raw = anchor.trim();
    if (raw === '') return 'empty';
    if (!/\s/.test(raw) && NAKED_URL.test(raw)) return 'naked-url';
    const text = normalizeAnchor(raw);
    if (text === '') return 'empty';
    if (GENERIC.has(text)) return 'generic';
    const padded = ` ${text} `;
    const squashed = text.replace(/ /g, '');
    for (let i = 0; i < brands.length; i++) {
      if (padded.includes(` ${brands[i]} `) || squashed.includes(squashedBrands[i]!)) return 'branded';
    }
    if (keywords.includes(text)) return 'exact';
    const words = new Set(text.split(' '));
    for (let i = 0; i < keywords.length; i++) {
      if (padded.includes(` ${keywords[i]} `)) return 'partial';
      const kw = keywordWords[i]!;
      if (kw.length === 0) continue;
      let hits = 0;
      for (const w of kw) if (words.has(w)) hits += 1;
      if (hits * 2 >= kw.length) return 'partial';
    }
    return 'other';
  };
}

export function classifyAnchor(anchor: string, image: boolean, context: AnchorContext): AnchorClass {
  return anchorClassifier(context)(anchor, image);
}

/**
 * Default keywords of a target URL: the words of its last non-empty path segment (`/blue-widgets.html` ->
 * `blue widgets`), file extensions and numbers-only segments dropped. None for a home page.
 */
export function keywordsOfUrl(url: string): string[] {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments.at(-1);
  if (last === undefined) return [];
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // keep the raw segment
  }
  const words = decoded
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .split(/[-_+.\s]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w));
  return words.length === 0 ? [] : [words.join(' ')];
}

/** Default brand terms of a registrable domain: its name without the public suffix (`acme` for acme.co.uk). */
export function brandOfDomain(domain: string, publicSuffix: string | null): string[] {
  const name =
    publicSuffix && domain.endsWith(`.${publicSuffix}`) ? domain.slice(0, -publicSuffix.length - 1) : domain;
  return name === '' ? [] : [name];
}
