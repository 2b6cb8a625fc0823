/**
 * Sitewide boilerplate links: one referring domain linking to the target from the footer, navigation or
 * header of many of its pages (a template link, repeated on every page the site has).
 *
 * Rule. Per referring domain, count the distinct linking pages whose link to the target sits in a
 * boilerplate placement (config.sitewide.placements: footer, nav, header). At `minPages` or more, every
 * such link of the domain is flagged; its links in the content are not.
 * Thresholds (config.sitewide): minPages 5; severity 0.75 at minPages rising to 1 at saturationPages (50).
 * Sidebars (`aside`) are not boilerplate by default: a blogroll is usually an editorial choice; add
 * `aside` to the placements to treat it as a template.
 * Needs: link placements (from our crawl or a WARC; vendor CSVs rarely have them).
 */
import type { ToxicityConfig } from '../config.ts';
import {
  type Detector,
  type DetectorOutcome,
  type Finding,
  rampSeverity,
  type ToxicityView,
} from '../detector.ts';

export const sitewideDetector: Detector = {
  code: 'sitewide-boilerplate',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const known = view.external.some((i) => {
      const placement = view.link(i).placement;
      return placement !== null && placement !== 'unknown';
    });
    if (!known) return { unavailable: 'no link placement known (every placement is null or unknown)' };
    const { minPages, placements, saturationPages } = config.sitewide;
    const boilerplate = new Set(placements);
    const findings: Finding[] = [];
    for (const [domain, links] of view.linksByDomain) {
      const template = links.filter((i) => boilerplate.has(view.link(i).placement ?? 'unknown'));
      const pages = new Set(template.map((i) => view.link(i).sourceUrl));
      if (pages.size < minPages) continue;
      const byPlacement = new Map<string, Set<string>>();
      for (const i of template) {
        const { placement, sourceUrl } = view.link(i);
        const key = placement ?? 'unknown';
        let set = byPlacement.get(key);
        if (!set) {
          set = new Set();
          byPlacement.set(key, set);
        }
        set.add(sourceUrl);
      }
      const where = [...byPlacement]
        .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
        .map(([placement, set]) => `${placement} ${set.size}`)
        .join(', ');
      const evidence =
        `${domain} links to the target from ${pages.size} pages in boilerplate (${where}; ` +
        `flagged from ${minPages} pages)`;
      const severity = rampSeverity(pages.size, minPages, saturationPages, config.severityAtThreshold);
      for (const link of template) findings.push({ link, severity, evidence });
    }
    return { findings };
  },
};
