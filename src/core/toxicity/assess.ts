/**
 * The toxicity audit: runs every detector over a target's backlink profile and explains each flag.
 *
 *   1. Each detector (detectors/, one rule per file) returns findings: link, severity, evidence; or says
 *      it is unavailable for lack of data (collected in `unavailable`).
 *   2. A finding becomes a reason `{ code, weight = config.weights[code] * severity, evidence, scheme }`,
 *      the scheme being the Google link-scheme example of the code (reasons.ts). One reason per code and
 *      link (the heaviest if a detector repeats itself).
 *   3. Links with nofollow, sponsored or ugc keep no reasons (Google: such links are not link schemes)
 *      unless `flagQualifiedLinks`; links of the target's own domain are not backlinks and get none.
 *   4. score = round(100 * (1 - prod(1 - weight))); flagged at `flagScore`.
 *   5. Whitelisted links (domain, host or exact URL) are left out of the output only: they still count as
 *      evidence (a reviewed link still belongs to the anchor profile and to any cluster it sits in).
 *   6. Per referring domain: links, flagged links, the highest score and the reason counts.
 * Pure and deterministic: the same input gives the same report, in input order.
 */
import { resolveToxicityConfig, type ToxicityConfig, type ToxicityOverrides } from './config.ts';
import { buildView, type Detector } from './detector.ts';
import { anchorOverOptimisationDetector } from './detectors/anchor-over-optimisation.ts';
import { foreignLanguageDetector } from './detectors/foreign-language.ts';
import { highSpamMassDetector } from './detectors/high-spam-mass.ts';
import { linkFarmDetector } from './detectors/link-farm.ts';
import { outboundLinkOverloadDetector } from './detectors/outbound-link-overload.ts';
import { paidWithoutSponsoredDetector } from './detectors/paid-without-sponsored.ts';
import { sharedAnalyticsIdDetector } from './detectors/shared-analytics-id.ts';
import { sharedIpv4NetworkDetector } from './detectors/shared-ipv4-network.ts';
import { sharedTemplateDetector } from './detectors/shared-template.ts';
import { sitewideDetector } from './detectors/sitewide.ts';
import type {
  BacklinkInput,
  DomainToxicity,
  LinkToxicity,
  ToxicityInput,
  ToxicityReason,
  ToxicityReport,
  UnavailableDetector,
  Whitelist,
} from './model.ts';
import { REASON_CODES, REASON_SCHEMES, type ReasonCode } from './reasons.ts';

export const DETECTORS: readonly Detector[] = [
  linkFarmDetector,
  sitewideDetector,
  anchorOverOptimisationDetector,
  highSpamMassDetector,
  outboundLinkOverloadDetector,
  sharedIpv4NetworkDetector,
  sharedTemplateDetector,
  sharedAnalyticsIdDetector,
  foreignLanguageDetector,
  paidWithoutSponsoredDetector,
];

export interface AssessOptions {
  readonly config?: ToxicityOverrides;
  /** The detectors to run (default: all of DETECTORS). */
  readonly detectors?: readonly Detector[];
}

export function assessToxicity(input: ToxicityInput, options: AssessOptions = {}): ToxicityReport {
  const config = resolveToxicityConfig(options.config);
  const view = buildView(input);
  const unavailable: UnavailableDetector[] = [];
  const reasonsOf = new Map<number, Map<ReasonCode, ToxicityReason>>();
  for (const detector of options.detectors ?? DETECTORS) {
    const outcome = detector.detect(view, config);
    if ('unavailable' in outcome) {
      unavailable.push({ code: detector.code, why: outcome.unavailable });
      continue;
    }
    for (const finding of outcome.findings) {
      const weight = round3(config.weights[detector.code] * Math.min(1, Math.max(0, finding.severity)));
      if (weight <= 0) continue;
      let byCode = reasonsOf.get(finding.link);
      if (!byCode) {
        byCode = new Map();
        reasonsOf.set(finding.link, byCode);
      }
      const previous = byCode.get(detector.code);
      if (previous && previous.weight >= weight) continue;
      byCode.set(detector.code, {
        code: detector.code,
        weight,
        evidence: finding.evidence,
        scheme: REASON_SCHEMES[detector.code],
      });
    }
  }

  const isWhitelisted = whitelistMatcher(input.whitelist);
  const links: LinkToxicity[] = [];
  let whitelisted = 0;
  input.backlinks.forEach((link, index) => {
    if (isWhitelisted(link)) {
      whitelisted++;
      return;
    }
    links.push(linkResult(link, index, reasonsOf.get(index), config));
  });
  return {
    target: input.target.domain,
    links,
    domains: aggregateDomains(links),
    unavailable,
    whitelisted: { links: whitelisted },
  };
}

function linkResult(
  link: BacklinkInput,
  index: number,
  byCode: ReadonlyMap<ReasonCode, ToxicityReason> | undefined,
  config: ToxicityConfig,
): LinkToxicity {
  const qualified = link.nofollow || link.sponsored || link.ugc;
  const reasons =
    byCode && (!qualified || config.flagQualifiedLinks)
      ? [...byCode.values()].sort(
          (a, b) => b.weight - a.weight || REASON_CODES.indexOf(a.code) - REASON_CODES.indexOf(b.code),
        )
      : [];
  let keep = 1;
  for (const r of reasons) keep *= 1 - r.weight;
  const score = Math.round(100 * (1 - keep));
  return {
    index,
    sourceUrl: link.sourceUrl,
    sourceDomain: link.sourceDomain,
    targetUrl: link.targetUrl,
    kind: link.kind,
    anchor: link.anchor,
    nofollow: link.nofollow,
    sponsored: link.sponsored,
    ugc: link.ugc,
    placement: link.placement,
    score,
    flagged: score > 0 && score >= config.flagScore,
    qualified,
    reasons,
  };
}

function aggregateDomains(links: readonly LinkToxicity[]): DomainToxicity[] {
  const byDomain = new Map<string, LinkToxicity[]>();
  for (const link of links) {
    const key = link.sourceDomain.toLowerCase();
    const list = byDomain.get(key);
    if (list) list.push(link);
    else byDomain.set(key, [link]);
  }
  const out: DomainToxicity[] = [];
  for (const [domain, list] of byDomain) {
    const counts = new Map<ReasonCode, number>();
    for (const link of list) for (const r of link.reasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
    out.push({
      domain,
      links: list.length,
      flaggedLinks: list.filter((l) => l.flagged).length,
      score: Math.max(...list.map((l) => l.score)),
      reasons: [...counts]
        .sort((a, b) => b[1] - a[1] || REASON_CODES.indexOf(a[0]) - REASON_CODES.indexOf(b[0]))
        .map(([code, n]) => ({ code, links: n, scheme: REASON_SCHEMES[code] })),
    });
  }
  return out.sort((a, b) => b.score - a.score || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

/** Domains match the link's referring domain or host (or a parent of the host); URLs match exactly. */
function whitelistMatcher(whitelist: Whitelist | undefined): (link: BacklinkInput) => boolean {
  const domains = new Set(
    (whitelist?.domains ?? []).map((d) =>
      d
        .trim()
        .toLowerCase()
        .replace(/^domain:/, '')
        .replace(/\.$/, ''),
    ),
  );
  const urls = new Set((whitelist?.urls ?? []).map((u) => u.trim()));
  if (domains.size === 0 && urls.size === 0) return () => false;
  return (link) => {
    if (urls.has(link.sourceUrl)) return true;
    if (domains.has(link.sourceDomain.toLowerCase())) return true;
    let host = link.sourceHost.toLowerCase();
    for (;;) {
      if (domains.has(host)) return true;
      const dot = host.indexOf('.');
      if (dot < 0) return false;
      host = host.slice(dot + 1);
    }
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
