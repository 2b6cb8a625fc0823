/**
 * Paid-looking links without `rel="sponsored"`: followed links whose anchor uses the words of paid
 * placements, or whose page says it is paid content.
 *
 * Rule. For each followed link (no nofollow, sponsored or ugc), look for the paid-placement lexicon
 * (paid-lexicon.ts, or config.paid) as whole words after normalisation:
 *   - `anchorTerms` in the anchor: severity 1 (`buy cheap viagra`, `best online casino`);
 *   - otherwise `disclosurePhrases` in the text around the link (`context`), the page title, or the page
 *     URL's path (`/sponsored-post/...`): severity `contextOnlySeverity` (0.75).
 * Google asks for `rel="sponsored"` (or nofollow) on paid links; a paid link without it is the scheme.
 * Needs: anchors, context, titles or URLs: always something, so it never reports itself unavailable.
 * Limits: a small English-centred lexicon; an editorial "buy the book" link matches too.
 */
import { normalizeAnchor } from '../../ledger/anchor-class.ts';
import type { ToxicityConfig } from '../config.ts';
import type { Detector, DetectorOutcome, Finding, ToxicityView } from '../detector.ts';

/** A matcher returning the lexicon entries found in a text as whole words, in lexicon order. */
export function lexiconMatcher(lexicon: readonly string[]): (text: string | null | undefined) => string[] {
  const terms = lexicon
    .map((term) => [term, ` ${normalizeAnchor(term)} `] as const)
    .filter(([, t]) => t !== '  ');
  return (text) => {
    if (!text) return [];
    const padded = ` ${normalizeAnchor(text)} `;
    return terms.filter(([, t]) => padded.includes(t)).map(([term]) => term);
  };
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return '';
  }
}

function quoted(words: readonly string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

export const paidWithoutSponsoredDetector: Detector = {
  code: 'paid-without-sponsored',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const { contextOnlySeverity } = config.paid;
    const anchorHits = lexiconMatcher(config.paid.anchorTerms);
    const disclosureHits = lexiconMatcher(config.paid.disclosurePhrases);
    const findings: Finding[] = [];
    for (const i of view.external) {
      const link = view.link(i);
      if (link.nofollow || link.sponsored || link.ugc) continue;
      const inAnchor = anchorHits(link.anchor);
      const page = view.pages.get(link.sourceUrl);
      const where: string[] = [];
      const inContext = disclosureHits(link.context);
      if (inContext.length > 0) where.push(`the text around it says ${quoted(inContext)}`);
      const inTitle = disclosureHits(page?.title);
      if (inTitle.length > 0) where.push(`the page title says ${quoted(inTitle)}`);
      const inPath = disclosureHits(pathOf(link.sourceUrl));
      if (inPath.length > 0) where.push(`the page URL says ${quoted(inPath)}`);
      if (inAnchor.length === 0 && where.length === 0) continue;
      const parts: string[] = [];
      if (inAnchor.length > 0) {
        parts.push(`anchor "${link.anchor!.trim()}" has the paid-placement words ${quoted(inAnchor)}`);
      }
      parts.push(...where);
      const evidence = `${parts.join('; ')}; the link is followed (no rel="sponsored" or "nofollow")`;
      findings.push({ link: i, severity: inAnchor.length > 0 ? 1 : contextOnlySeverity, evidence });
    }
    return { findings };
  },
};
