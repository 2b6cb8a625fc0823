/** Small hand-made toxicity inputs for the detector and audit tests. */
import { resolveToxicityConfig, type ToxicityOverrides } from '../../../src/core/toxicity/config.ts';
import { buildView, type Detector, type Finding } from '../../../src/core/toxicity/detector.ts';
import type { BacklinkInput, ToxicityInput } from '../../../src/core/toxicity/model.ts';

export const TARGET = 'acme.com';

/** A followed content link from `http://<domain>/<page>` to the target's home page, anchor "Acme". */
export function backlink(domain: string, page = 'p', extra: Partial<BacklinkInput> = {}): BacklinkInput {
  return {
    sourceUrl: `http://${domain}/${page}`,
    sourceHost: domain,
    sourceDomain: domain,
    targetUrl: `https://${TARGET}/`,
    anchor: 'Acme',
    nofollow: false,
    sponsored: false,
    ugc: false,
    kind: 'a',
    placement: 'content',
    firstSeen: null,
    ...extra,
  };
}

export function profile(backlinks: BacklinkInput[], rest: Partial<ToxicityInput> = {}): ToxicityInput {
  return { target: { domain: TARGET, lang: 'en', keywords: ['blue widgets'] }, backlinks, ...rest };
}

export type Outcome = { findings: Finding[]; domains: Set<string>; unavailable: string | null };

/** Runs one detector and collects the referring domains it flagged. */
export function run(detector: Detector, input: ToxicityInput, overrides: ToxicityOverrides = {}): Outcome {
  const out = detector.detect(buildView(input), resolveToxicityConfig(overrides));
  if ('unavailable' in out) return { findings: [], domains: new Set(), unavailable: out.unavailable };
  const findings = [...out.findings];
  return {
    findings,
    domains: new Set(findings.map((f) => input.backlinks[f.link]!.sourceDomain)),
    unavailable: null,
  };
}

/** `names('f', 3)` -> ['f0.com', 'f1.com', 'f2.com']. */
export function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}.com`);
}
