import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dilution, type LinkQualityInput, linkQuality } from '../../../src/core/quality/score.ts';
import { DEFAULT_QUALITY_WEIGHTS as W, withWeights } from '../../../src/core/quality/weights.ts';

const link = (over: Partial<LinkQualityInput> = {}): LinkQualityInput => ({
  kind: 'a',
  image: false,
  nofollow: false,
  sponsored: false,
  ugc: false,
  placement: 'content',
  live: true,
  pageAuthority: 40,
  domainAuthority: 50,
  relevance: 0.6,
  anchorRelevance: 0.5,
  externalOutlinks: 5,
  domainLinkingPages: 1,
  sourceLang: 'en',
  targetLang: 'en',
  ...over,
});
const score = (over: Partial<LinkQualityInput> = {}) => linkQuality(link(over), W).score;

describe('backlink quality', () => {
  it('is the weighted base times the multipliers, and the factor points add up to it', () => {
    const q = linkQuality(link({ placement: 'footer', nofollow: true, domainLinkingPages: 30 }), W);
    const sum = q.factors.reduce((s, f) => s + f.points, 0);
    expect(sum).toBeCloseTo(q.score, 9);
    const base = 0.3 * 0.4 + 0.25 * 0.5 + 0.2 * 0.6 + 0.05 * 0.5 + 0.1 * 0.3 + 0.1 * 1;
    expect(q.score).toBeCloseTo(100 * base * 0.2 * 0.5, 9);
  });

  it('ranks content above nav above footer, followed above ugc above nofollow above sponsored', () => {
    expect(score({ placement: 'content' })).toBeGreaterThan(score({ placement: 'nav' }));
    expect(score({ placement: 'nav' })).toBeGreaterThan(score({ placement: 'footer' }));
    expect(score()).toBeGreaterThan(score({ ugc: true }));
    expect(score({ ugc: true })).toBeGreaterThan(score({ nofollow: true }));
    expect(score({ nofollow: true })).toBeGreaterThan(score({ sponsored: true }));
  });

  it('gives a lost link 0 and says why', () => {
    const q = linkQuality(link({ live: false }), W);
    expect(q.score).toBe(0);
    expect(q.factors.find((f) => f.name === 'lost')?.value).toBe(0);
  });

  it('takes the neutral value for unknown inputs and marks them unknown', () => {
    const q = linkQuality(link({ pageAuthority: null, relevance: null, externalOutlinks: null }), W);
    for (const name of ['page authority', 'relevance', 'dilution']) {
      const f = q.factors.find((x) => x.name === name)!;
      expect([f.known, f.value, f.input]).toEqual([false, W.unknown, 'unknown']);
    }
  });

  it('penalises sitewide repetition, page dilution and a language mismatch', () => {
    expect(score({ domainLinkingPages: 6 })).toBeCloseTo(score() * 0.8, 9);
    expect(score({ domainLinkingPages: 21 })).toBeCloseTo(score() * 0.5, 9);
    expect(score({ externalOutlinks: 500 })).toBeLessThan(score({ externalOutlinks: 50 }));
    expect(score({ sourceLang: 'de-AT' })).toBeCloseTo(score() * 0.7, 9);
    expect(score({ sourceLang: 'en-GB' })).toBeCloseTo(score(), 9);
  });

  it('dilution is 1 up to the free outlinks, the floor from the saturation point on', () => {
    expect(dilution(10, W)).toBe(1);
    expect(dilution(11, W)).toBeLessThan(1);
    expect(dilution(1000, W)).toBeCloseTo(W.dilution.floor, 9);
    expect(dilution(100_000, W)).toBe(W.dilution.floor);
  });

  it('never leaves 0-100 and grows with authority and relevance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pa, da, rel) => {
          const s = score({ pageAuthority: pa, domainAuthority: da, relevance: rel });
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
          expect(
            score({ pageAuthority: Math.min(100, pa + 1), domainAuthority: da, relevance: rel }),
          ).toBeGreaterThanOrEqual(s);
        },
      ),
    );
  });

  it('takes weight overrides and refuses unknown or negative ones', () => {
    const w = withWeights({ placement: { footer: 1 } });
    expect(linkQuality(link({ placement: 'footer' }), w).score).toBeCloseTo(
      score({ placement: 'content' }),
      9,
    );
    expect(() => withWeights({ placment: {} })).toThrow(/unknown weight/);
    expect(() => withWeights({ rel: { nofollow: -1 } })).toThrow(/number >= 0/);
  });
});
