/**
 * Outbound link overload: linking pages with huge numbers of outgoing links (directories, link lists,
 * pages selling links by the hundred), where one more link is no editorial choice.
 *
 * Rule. A link is flagged when its page has at least `minExternalOutlinks` links to other domains; when
 * the page's external count is unknown but its total count is known, at least `minOutlinks` links.
 * Thresholds (config.outbound): 200 external / 500 total; severity 0.75 at the threshold rising to 1 at
 * `saturation` (1,000). A news article or blog post carries tens of external links; a blogroll page a
 * hundred or two.
 * Needs: `pages[].externalOutlinks` or `pages[].outlinks` (our crawl, WARC/WAT imports).
 */
import type { ToxicityConfig } from '../config.ts';
import {
  type Detector,
  type DetectorOutcome,
  type Finding,
  rampSeverity,
  type ToxicityView,
} from '../detector.ts';

function count(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

export const outboundLinkOverloadDetector: Detector = {
  code: 'outbound-link-overload',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const { minExternalOutlinks, minOutlinks, saturation } = config.outbound;
    let known = 0;
    const findings: Finding[] = [];
    for (const i of view.external) {
      const page = view.pages.get(view.link(i).sourceUrl);
      if (!page) continue;
      const external = count(page.externalOutlinks);
      const total = count(page.outlinks);
      if (external === null && total === null) continue;
      known++;
      if (external !== null) {
        if (external < minExternalOutlinks) continue;
        const evidence = `the linking page has ${external} external outlinks (flagged from ${minExternalOutlinks})`;
        findings.push({
          link: i,
          severity: rampSeverity(external, minExternalOutlinks, saturation, config.severityAtThreshold),
          evidence,
        });
      } else if (total !== null && total >= minOutlinks) {
        const evidence = `the linking page has ${total} outlinks (flagged from ${minOutlinks}; external count unknown)`;
        findings.push({
          link: i,
          severity: rampSeverity(total, minOutlinks, saturation, config.severityAtThreshold),
          evidence,
        });
      }
    }
    if (known === 0)
      return { unavailable: 'no outlink counts known for the linking pages (pages[].outlinks)' };
    return { findings };
  },
};
