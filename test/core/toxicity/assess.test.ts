/**
 * The audit (assess.ts): reasons tied to Google's link-scheme examples, the score formula, qualified and
 * internal links, the whitelist, domain aggregates, config overrides and graceful degradation.
 */
import { describe, expect, it } from 'vitest';
import { assessToxicity, DETECTORS } from '../../../src/core/toxicity/assess.ts';
import { DEFAULT_TOXICITY_CONFIG, resolveToxicityConfig } from '../../../src/core/toxicity/config.ts';
import type { Detector } from '../../../src/core/toxicity/detector.ts';
import { REASON_CODES, REASON_SCHEMES } from '../../../src/core/toxicity/reasons.ts';
import { LINK_SCHEME_IDS, LINK_SCHEMES } from '../../../src/core/toxicity/schemes.ts';
import { backlink, names, profile, TARGET } from './fixtures.ts';

/** A detector that reports fixed findings, to test the scoring around it. */
function fixed(code: Detector['code'], findings: Array<[number, number]>): Detector {
  return {
    code,
    detect: () => ({
      findings: findings.map(([link, severity]) => ({ link, severity, evidence: `${code} on ${link}` })),
    }),
  };
}

describe('reasons and schemes', () => {
  it('maps every reason code to one Google link-scheme example', () => {
    for (const code of REASON_CODES) {
      expect(LINK_SCHEME_IDS).toContain(REASON_SCHEMES[code]);
      expect(LINK_SCHEMES[REASON_SCHEMES[code]].length).toBeGreaterThan(20);
    }
  });

  it('runs one detector per reason code, each with a weight', () => {
    expect(DETECTORS.map((d) => d.code).sort()).toEqual([...REASON_CODES].sort());
    for (const code of REASON_CODES) expect(DEFAULT_TOXICITY_CONFIG.weights[code]).toBeGreaterThan(0);
  });
});

describe('scoring', () => {
  const input = profile(['a.com', 'b.com', 'c.com'].map((d) => backlink(d)));

  it('combines reasons as 100 * (1 - prod(1 - weight)), heaviest first, with the scheme of each code', () => {
    const report = assessToxicity(input, {
      detectors: [
        fixed('shared-ipv4-network', [[0, 1]]),
        fixed('paid-without-sponsored', [
          [0, 1],
          [1, 1],
        ]),
      ],
    });
    const [a, b, c] = report.links;
    expect(a!.reasons.map((r) => [r.code, r.weight, r.scheme])).toEqual([
      ['paid-without-sponsored', 0.7, 'text-ads-passing-credit'],
      ['shared-ipv4-network', 0.4, 'automated-links'],
    ]);
    expect(a!.score).toBe(82); // 1 - 0.3 * 0.6
    expect(a!.flagged).toBe(true);
    expect(b!.score).toBe(70);
    expect(c!).toMatchObject({ score: 0, flagged: false, reasons: [] });
    expect(a!.reasons[0]!.evidence).toBe('paid-without-sponsored on 0');
  });

  it('scales the weight by severity, keeps the heaviest finding per code, and flags at flagScore', () => {
    const report = assessToxicity(input, {
      detectors: [
        fixed('foreign-language', [
          [0, 0.5],
          [0, 1],
          [1, 2],
          [2, 0],
        ]),
      ],
    });
    expect(report.links[0]!.reasons.map((r) => r.weight)).toEqual([0.3]);
    expect(report.links[1]!.reasons[0]!.weight).toBe(0.3); // severity clamped to 1
    expect(report.links[2]!.reasons).toEqual([]); // severity 0: no reason
    expect(report.links[0]!.flagged).toBe(false);
    const lower = assessToxicity(input, {
      detectors: [fixed('foreign-language', [[0, 1]])],
      config: { flagScore: 30 },
    });
    expect(lower.links[0]!.flagged).toBe(true);
  });

  it('takes weights from the config', () => {
    const report = assessToxicity(input, {
      detectors: [fixed('foreign-language', [[0, 1]])],
      config: { weights: { ...DEFAULT_TOXICITY_CONFIG.weights, 'foreign-language': 0.9 } },
    });
    expect(report.links[0]!.score).toBe(90);
  });
});

describe('links that get no reasons', () => {
  it('lists nofollow, sponsored and ugc links with score 0 unless flagQualifiedLinks', () => {
    const input = profile([
      backlink('n.com', 'p', { nofollow: true }),
      backlink('s.com', 'p', { sponsored: true }),
      backlink('u.com', 'p', { ugc: true }),
    ]);
    const all = fixed('paid-without-sponsored', [
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    const report = assessToxicity(input, { detectors: [all] });
    expect(report.links.map((l) => [l.qualified, l.score])).toEqual([
      [true, 0],
      [true, 0],
      [true, 0],
    ]);
    const strict = assessToxicity(input, { detectors: [all], config: { flagQualifiedLinks: true } });
    expect(strict.links.map((l) => l.score)).toEqual([70, 70, 70]);
  });

  it('never shows the target its own internal links as toxic', () => {
    const input = profile([
      backlink(TARGET, 'footer-1', { placement: 'footer', anchor: 'casino' }),
      ...['a', 'b', 'c', 'd', 'e'].map((p) => backlink(TARGET, p, { placement: 'footer' })),
    ]);
    const report = assessToxicity(input);
    expect(report.links.every((l) => l.score === 0)).toBe(true);
  });
});

describe('whitelist', () => {
  it('removes reviewed domains, hosts under them and exact URLs from the output only', () => {
    const input = profile(
      [
        backlink('ok.com', 'p', { anchor: 'buy widgets' }),
        backlink('blog.reviewed.org', 'p', { sourceDomain: 'reviewed.org', sourceHost: 'blog.reviewed.org' }),
        backlink('x.com', 'keep-me', { anchor: 'buy widgets' }),
        backlink('x.com', 'drop-me', { anchor: 'buy widgets' }),
        backlink('y.com', 'p', { anchor: 'buy widgets' }),
      ],
      { whitelist: { domains: ['domain:OK.com', 'reviewed.org'], urls: ['http://x.com/drop-me'] } },
    );
    const report = assessToxicity(input);
    expect(report.links.map((l) => l.sourceUrl)).toEqual(['http://x.com/keep-me', 'http://y.com/p']);
    expect(report.links.map((l) => l.index)).toEqual([2, 4]);
    expect(report.whitelisted.links).toBe(3);
    expect(report.domains.map((d) => d.domain)).toEqual(['x.com', 'y.com']);
  });

  it('keeps whitelisted links as evidence (they still belong to the anchor profile)', () => {
    const natural = names('ok', 17).map((d) => backlink(d));
    const keyword = ['k1.com', 'k2.com', 'k3.com'].map((d) => backlink(d, 'p', { anchor: 'blue widgets' }));
    const report = assessToxicity(profile([...natural, ...keyword], { whitelist: { domains: ['k1.com'] } }));
    const flagged = report.links.filter((l) => l.reasons.some((r) => r.code === 'anchor-over-optimisation'));
    expect(flagged.map((l) => l.sourceDomain)).toEqual(['k2.com', 'k3.com']);
    expect(flagged[0]!.reasons[0]!.evidence).toContain('(3 of 20)');
  });
});

describe('report', () => {
  it('aggregates per referring domain, highest score first', () => {
    const input = profile([
      backlink('a.com', '1'),
      backlink('a.com', '2'),
      backlink('b.com'),
      backlink('c.com'),
    ]);
    const report = assessToxicity(input, {
      detectors: [
        fixed('paid-without-sponsored', [[0, 1]]),
        fixed('foreign-language', [
          [0, 1],
          [1, 1],
          [3, 1],
        ]),
      ],
    });
    expect(report.domains).toEqual([
      {
        domain: 'a.com',
        links: 2,
        flaggedLinks: 1,
        score: 79,
        reasons: [
          { code: 'foreign-language', links: 2, scheme: 'automated-links' },
          { code: 'paid-without-sponsored', links: 1, scheme: 'text-ads-passing-credit' },
        ],
      },
      {
        domain: 'c.com',
        links: 1,
        flaggedLinks: 0,
        score: 30,
        reasons: [expect.objectContaining({ links: 1 })],
      },
      { domain: 'b.com', links: 1, flaggedLinks: 0, score: 0, reasons: [] },
    ]);
  });

  it('degrades gracefully on a vendor CSV (anchors and rel only) and says what it could not check', () => {
    const natural = names('ok', 18).map((d) => backlink(d, 'p', { placement: null }));
    const paid = backlink('paid.com', 'p', { placement: null, anchor: 'best payday loans' });
    const keyword = ['k1.com', 'k2.com', 'k3.com'].map((d) =>
      backlink(d, 'p', { placement: null, anchor: 'blue widgets' }),
    );
    const report = assessToxicity(profile([...natural, paid, ...keyword]));
    expect(report.unavailable.map((u) => u.code)).toEqual([
      'link-farm',
      'sitewide-boilerplate',
      'high-spam-mass',
      'outbound-link-overload',
      'shared-ipv4-network',
      'shared-template',
      'shared-analytics-id',
      'foreign-language',
    ]);
    expect(report.unavailable.every((u) => u.why.length > 10)).toBe(true);
    const flagged = report.links.filter((l) => l.flagged).map((l) => l.sourceDomain);
    expect(flagged).toEqual(['paid.com']);
    expect(report.links.find((l) => l.sourceDomain === 'k1.com')!.reasons[0]!.code).toBe(
      'anchor-over-optimisation',
    );
  });

  it('is deterministic', () => {
    const input = profile(
      names('d', 30).map((d, i) => backlink(d, 'p', { anchor: i % 3 ? 'Acme' : 'blue widgets' })),
    );
    expect(JSON.stringify(assessToxicity(input))).toBe(JSON.stringify(assessToxicity(input)));
  });
});

describe('config', () => {
  it('merges overrides one level deep and replaces arrays', () => {
    const config = resolveToxicityConfig({ sitewide: { minPages: 9 }, ipv4: { ignoredNetworks: [] } });
    expect(config.sitewide).toEqual({ ...DEFAULT_TOXICITY_CONFIG.sitewide, minPages: 9 });
    expect(config.ipv4.ignoredNetworks).toEqual([]);
    expect(config.ipv4.platformSuffixes).toEqual(DEFAULT_TOXICITY_CONFIG.ipv4.platformSuffixes);
    expect(config.flagScore).toBe(50);
    expect(resolveToxicityConfig()).toEqual(DEFAULT_TOXICITY_CONFIG);
  });
});
