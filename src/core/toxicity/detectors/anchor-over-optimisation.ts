/**
 * Over-optimised anchors: a profile in which too many referring domains link with the target's money
 * keywords, and the links that carry them.
 *
 * Rule. Classify every anchor with core/ledger/anchor-class.ts (brand terms: `target.brandTerms`, else the
 * target domain's name; keywords: `target.keywords` plus the words of each link's target URL path). A
 * referring domain is *commercial* when one of its anchors is in `commercialClasses` (exact, partial);
 * domains whose anchors are all images or empty do not count. When the commercial share of referring
 * domains exceeds `maxCommercialShare`, every link with a commercial anchor is flagged. Counting domains,
 * not links, keeps one sitewide link from weighing as thousands.
 * Thresholds (config.anchors): maxCommercialShare 0.10, minReferringDomains 20 (below that a share means
 * little, and the detector says so). Severity 0.75 at the threshold rising to 1 at three times it.
 * Needs: anchors (null for web-graph edges) and at least one keyword.
 */
import {
  type AnchorClass,
  anchorClassifier,
  brandOfDomain,
  keywordsOfUrl,
} from '../../ledger/anchor-class.ts';
import { domainParts } from '../../url/host-keys.ts';
import type { ToxicityConfig } from '../config.ts';
import {
  type Detector,
  type DetectorOutcome,
  type Finding,
  percent,
  rampSeverity,
  type ToxicityView,
} from '../detector.ts';

const NOT_TEXT: ReadonlySet<AnchorClass> = new Set(['image', 'empty']);

export const anchorOverOptimisationDetector: Detector = {
  code: 'anchor-over-optimisation',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const withAnchor = view.external.filter((i) => view.link(i).anchor !== null);
    if (withAnchor.length === 0) return { unavailable: 'no anchor texts known' };
    const { target } = view.input;
    const parts = domainParts(view.targetDomain);
    const brandTerms = target.brandTerms ?? brandOfDomain(parts.domain, parts.publicSuffix);
    const baseKeywords = target.keywords ?? [];
    const classifiers = new Map<string, (anchor: string, image: boolean) => AnchorClass>();
    let anyKeyword = baseKeywords.length > 0;
    const classOf = new Map<number, AnchorClass>();
    for (const i of withAnchor) {
      const link = view.link(i);
      let classify = classifiers.get(link.targetUrl);
      if (!classify) {
        const keywords = [...baseKeywords, ...keywordsOfUrl(link.targetUrl)];
        if (keywords.length > 0) anyKeyword = true;
        classify = anchorClassifier({ brandTerms, keywords });
        classifiers.set(link.targetUrl, classify);
      }
      classOf.set(i, classify(link.anchor!, link.image === true || link.kind === 'img'));
    }
    if (!anyKeyword) {
      return { unavailable: 'no target keywords (target.keywords) and every target URL is a home page' };
    }

    const commercial = new Set(config.anchors.commercialClasses);
    const textDomains = new Set<string>();
    const commercialDomains = new Set<string>();
    for (const [i, cls] of classOf) {
      if (NOT_TEXT.has(cls)) continue;
      textDomains.add(view.domainOf(i));
      if (commercial.has(cls)) commercialDomains.add(view.domainOf(i));
    }
    const { maxCommercialShare, minReferringDomains } = config.anchors;
    if (textDomains.size < minReferringDomains) {
      return {
        unavailable: `only ${textDomains.size} referring domains have a text anchor (${minReferringDomains} needed)`,
      };
    }
    const share = commercialDomains.size / textDomains.size;
    if (share <= maxCommercialShare) return { findings: [] };
    const severity = rampSeverity(
      share,
      maxCommercialShare,
      3 * maxCommercialShare,
      config.severityAtThreshold,
    );
    const profile =
      `${percent(share)} of referring domains (${commercialDomains.size} of ${textDomains.size}) use ` +
      `exact- or partial-match keyword anchors (flagged above ${percent(maxCommercialShare)})`;
    const findings: Finding[] = [];
    for (const [i, cls] of classOf) {
      if (!commercial.has(cls)) continue;
      const evidence = `anchor "${view.link(i).anchor!.trim()}" is a ${cls}-match keyword anchor; ${profile}`;
      findings.push({ link: i, severity, evidence });
    }
    return { findings };
  },
};
