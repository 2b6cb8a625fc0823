/**
 * One block per detector (src/core/toxicity/detectors/): a case it must flag, cases just past its
 * thresholds or outside its rule that it must not flag, and the missing data that makes it unavailable.
 */
import { describe, expect, it } from 'vitest';
import { anchorOverOptimisationDetector } from '../../../src/core/toxicity/detectors/anchor-over-optimisation.ts';
import {
  foreignLanguageDetector,
  primaryLanguage,
} from '../../../src/core/toxicity/detectors/foreign-language.ts';
import { highSpamMassDetector } from '../../../src/core/toxicity/detectors/high-spam-mass.ts';
import { denseGroupAround, linkFarmDetector } from '../../../src/core/toxicity/detectors/link-farm.ts';
import { outboundLinkOverloadDetector } from '../../../src/core/toxicity/detectors/outbound-link-overload.ts';
import { paidWithoutSponsoredDetector } from '../../../src/core/toxicity/detectors/paid-without-sponsored.ts';
import {
  normalizeAnalyticsId,
  sharedAnalyticsIdDetector,
} from '../../../src/core/toxicity/detectors/shared-analytics-id.ts';
import { sharedIpv4NetworkDetector } from '../../../src/core/toxicity/detectors/shared-ipv4-network.ts';
import { sharedTemplateDetector } from '../../../src/core/toxicity/detectors/shared-template.ts';
import { sitewideDetector } from '../../../src/core/toxicity/detectors/sitewide.ts';
import type { BacklinkInput, DomainLink, PageFacts } from '../../../src/core/toxicity/model.ts';
import { simhashHex } from '../../../src/core/toxicity/simhash.ts';
import { backlink, names, profile, run, TARGET } from './fixtures.ts';

/** Every ordered pair of `domains` linked (a complete mutual clique). */
function clique(domains: readonly string[]): DomainLink[] {
  return domains.flatMap((a) => domains.filter((b) => b !== a).map((b) => ({ from: a, to: b })));
}

describe('link farm', () => {
  const farm = names('farm', 8);
  const community = names('real', 8);
  const outside = names('other', 20);
  const links: DomainLink[] = [
    ...clique(farm),
    ...farm.map((f) => ({ from: f, to: TARGET })),
    // A real community: just as dense, but every member also links to 20 sites outside it.
    ...clique(community),
    ...community.flatMap((c) => outside.map((o) => ({ from: c, to: o }))),
  ];
  const input = profile(
    [...farm, ...community].map((d) => backlink(d)),
    { domainLinks: links },
  );

  it('flags a dense insular cluster of mutual links, not an outward-linking community', () => {
    const out = run(linkFarmDetector, input);
    expect(out.domains).toEqual(new Set(farm));
    expect(out.findings[0]!.evidence).toContain('one of 8 referring domains');
    expect(out.findings[0]!.evidence).toContain('100% of pairs (28 of 28) link to each other both ways');
    expect(out.findings[0]!.severity).toBe(1);
  });

  it('flags the community too once the inside share is not required', () => {
    expect(run(linkFarmDetector, input, { linkFarm: { minInsideShare: 0 } }).domains.size).toBe(16);
  });

  it('needs mutual links: a one-way dense group is no exchange', () => {
    const oneWay = farm.flatMap((a, i) => farm.slice(i + 1).map((b) => ({ from: a, to: b })));
    const out = run(
      linkFarmDetector,
      profile(
        farm.map((d) => backlink(d)),
        { domainLinks: oneWay },
      ),
    );
    expect(out.findings).toEqual([]);
  });

  it('needs minClusterSize domains', () => {
    const small = farm.slice(0, 5);
    const out = run(
      linkFarmDetector,
      profile(
        small.map((d) => backlink(d)),
        { domainLinks: clique(small) },
      ),
    );
    expect(out.findings).toEqual([]);
    expect(
      run(
        linkFarmDetector,
        profile(
          small.map((d) => backlink(d)),
          { domainLinks: clique(small) },
        ),
        {
          linkFarm: { minClusterSize: 5 },
        },
      ).domains.size,
    ).toBe(5);
  });

  it('ignores domains that do not link to the target', () => {
    const out = run(linkFarmDetector, profile([backlink(farm[0]!)], { domainLinks: clique(farm) }));
    expect(out.findings).toEqual([]);
  });

  it('peels the weakly tied members off the group around a domain', () => {
    const mutual = new Map<string, Set<string>>();
    const tie = (a: string, b: string) => {
      if (!mutual.has(a)) mutual.set(a, new Set());
      if (!mutual.has(b)) mutual.set(b, new Set());
      mutual.get(a)!.add(b);
      mutual.get(b)!.add(a);
    };
    const core = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const x of core) for (const y of core) if (x < y) tie(x, y);
    tie('a', 'loner1');
    tie('a', 'loner2');
    const group = denseGroupAround('a', mutual, 0.6);
    expect(group.members).toEqual(core);
    expect(group.density).toBe(1);
  });

  it('is unavailable without a domain graph', () => {
    expect(run(linkFarmDetector, profile([backlink('x.com')])).unavailable).toMatch(/domainLinks/);
  });
});

describe('sitewide boilerplate', () => {
  const pages = (domain: string, n: number, placement: BacklinkInput['placement']) =>
    Array.from({ length: n }, (_, i) => backlink(domain, `page-${i}`, { placement }));

  it('flags the footer/nav links of a domain linking from 5+ pages, not its content links', () => {
    const input = profile([
      ...pages('footer.com', 4, 'footer'),
      ...pages('footer.com', 1, 'nav').map((l) => ({ ...l, sourceUrl: 'http://footer.com/other' })),
      backlink('footer.com', 'article'),
      ...pages('few.com', 4, 'footer'),
      ...pages('blogroll.com', 10, 'aside'),
    ]);
    const out = run(sitewideDetector, input);
    expect(out.domains).toEqual(new Set(['footer.com']));
    expect(out.findings).toHaveLength(5);
    expect(out.findings.every((f) => input.backlinks[f.link]!.placement !== 'content')).toBe(true);
    expect(out.findings[0]!.evidence).toContain('from 5 pages in boilerplate (footer 4, nav 1');
  });

  it('counts pages, not links: five links on one page are one page', () => {
    const input = profile(
      Array.from({ length: 5 }, () => backlink('one.com', 'same', { placement: 'footer' })),
    );
    expect(run(sitewideDetector, input).findings).toEqual([]);
  });

  it('takes its placements from the config (blogrolls when asked)', () => {
    const input = profile(pages('blogroll.com', 10, 'aside'));
    expect(run(sitewideDetector, input, { sitewide: { placements: ['aside'] } }).domains.size).toBe(1);
  });

  it('is unavailable when no placement is known', () => {
    const input = profile([
      backlink('a.com', 'p', { placement: null }),
      backlink('b.com', 'p', { placement: 'unknown' }),
    ]);
    expect(run(sitewideDetector, input).unavailable).toMatch(/placement/);
  });
});

describe('anchor over-optimisation', () => {
  const natural = names('ok', 17).map((d) => backlink(d));

  it('flags the keyword anchors when their share of referring domains is above 10%', () => {
    const input = profile([
      ...natural,
      backlink('x1.com', 'p', { anchor: 'Blue Widgets' }),
      backlink('x2.com', 'p', { anchor: 'cheap blue widgets online' }),
      backlink('x3.com', 'p', { anchor: 'blue-widgets' }),
      backlink('ok0.com', 'q', { anchor: 'acme.com' }),
    ]);
    const out = run(anchorOverOptimisationDetector, input);
    expect(out.domains).toEqual(new Set(['x1.com', 'x2.com', 'x3.com']));
    expect(out.findings[0]!.evidence).toContain('anchor "Blue Widgets" is a exact-match keyword anchor');
    expect(out.findings[0]!.evidence).toContain('15% of referring domains (3 of 20)');
    expect(out.findings[1]!.evidence).toContain('partial-match');
  });

  it('leaves a natural profile alone (1 keyword anchor in 20 domains)', () => {
    const input = profile([
      ...natural,
      ...names('b', 2).map((d) => backlink(d)),
      backlink('x1.com', 'p', { anchor: 'blue widgets' }),
    ]);
    expect(run(anchorOverOptimisationDetector, input).findings).toEqual([]);
  });

  it('counts a domain once however many pages repeat its anchor', () => {
    const sitewide = Array.from({ length: 50 }, (_, i) =>
      backlink('x1.com', `p${i}`, { anchor: 'blue widgets' }),
    );
    const input = profile([...natural, ...names('b', 2).map((d) => backlink(d)), ...sitewide]);
    expect(run(anchorOverOptimisationDetector, input).findings).toEqual([]);
  });

  it('takes keywords from the target URL path when none are given', () => {
    const deep = (d: string, anchor: string) =>
      backlink(d, 'p', { anchor, targetUrl: `https://${TARGET}/products/blue-widgets.html` });
    const input = {
      ...profile([
        ...natural,
        deep('x1.com', 'blue widgets'),
        deep('x2.com', 'blue widgets'),
        deep('x3.com', 'Blue Widgets'),
      ]),
      target: { domain: TARGET },
    };
    expect(run(anchorOverOptimisationDetector, input).domains.size).toBe(3);
  });

  it('is unavailable without anchors, without keywords, or with too few domains', () => {
    expect(
      run(anchorOverOptimisationDetector, profile(natural.map((l) => ({ ...l, anchor: null })))).unavailable,
    ).toMatch(/anchor/);
    expect(
      run(anchorOverOptimisationDetector, { ...profile(natural), target: { domain: TARGET } }).unavailable,
    ).toMatch(/keywords/);
    expect(run(anchorOverOptimisationDetector, profile(natural.slice(0, 5))).unavailable).toMatch(/only 5/);
  });
});

describe('high spam mass', () => {
  const input = profile(
    ['spam.com', 'quiet.com', 'good.com', 'norank.com', 'unknown.com'].map((d) => backlink(d)),
    {
      domains: [
        { domain: 'spam.com', spamMass: 0.97, pagerank: 2 },
        { domain: 'quiet.com', spamMass: 0.99, pagerank: 0.2 },
        { domain: 'good.com', spamMass: 0.4, pagerank: 5 },
        { domain: 'norank.com', spamMass: 0.95 },
        { domain: 'unknown.com', spamMass: null },
      ],
    },
  );

  it('flags a high mass on a domain with rank, or with rank unknown', () => {
    const out = run(highSpamMassDetector, input);
    expect(out.domains).toEqual(new Set(['spam.com', 'norank.com']));
    expect(out.findings.find((f) => f.link === 0)!.evidence).toContain('spam mass of 0.97');
    expect(out.findings.find((f) => f.link === 0)!.severity).toBeCloseTo(0.75 + 0.25 * 0.7, 6);
  });

  it('is unavailable when no domain has a mass', () => {
    expect(run(highSpamMassDetector, profile([backlink('a.com')])).unavailable).toMatch(/spam mass/);
  });
});

describe('outbound link overload', () => {
  const page = (url: string, facts: Partial<PageFacts>): PageFacts => ({ url, ...facts });

  it('flags pages with 200+ external outlinks, or 500+ outlinks when only the total is known', () => {
    const input = profile(
      ['dir.com', 'blog.com', 'total.com', 'small.com', 'none.com'].map((d) => backlink(d)),
      {
        pages: [
          page('http://dir.com/p', { externalOutlinks: 640, outlinks: 700 }),
          page('http://blog.com/p', { externalOutlinks: 150, outlinks: 900 }),
          page('http://total.com/p', { outlinks: 600 }),
          page('http://small.com/p', { outlinks: 400 }),
          page('http://none.com/p', { title: 'no counts' }),
        ],
      },
    );
    const out = run(outboundLinkOverloadDetector, input);
    expect(out.domains).toEqual(new Set(['dir.com', 'total.com']));
    expect(out.findings[0]!.evidence).toBe('the linking page has 640 external outlinks (flagged from 200)');
  });

  it('is unavailable without outlink counts', () => {
    expect(run(outboundLinkOverloadDetector, profile([backlink('a.com')])).unavailable).toMatch(/outlink/);
  });
});

describe('shared IPv4 network', () => {
  const domainsOn = (list: Array<[string, string]>) => list.map(([domain, ip]) => ({ domain, ipv4: [ip] }));

  it('flags 3+ referring domains on one /24, ignoring CDNs, hosting platforms and private addresses', () => {
    const domains = domainsOn([
      ['pbn1.com', '203.0.113.5'],
      ['pbn2.com', '203.0.113.77'],
      ['pbn3.com', '203.0.113.200'],
      ['pair1.com', '198.51.100.1'],
      ['pair2.com', '198.51.100.2'],
      ['cf1.com', '104.16.1.1'],
      ['cf2.com', '104.16.1.2'],
      ['cf3.com', '104.16.1.3'],
      ['a.blogspot.com', '216.239.32.1'],
      ['b.blogspot.com', '216.239.32.2'],
      ['c.blogspot.com', '216.239.32.3'],
      ['lan1.com', '10.0.0.1'],
      ['lan2.com', '10.0.0.2'],
      ['lan3.com', '10.0.0.3'],
    ]);
    const input = profile(
      domains.map((d) => backlink(d.domain)),
      { domains },
    );
    const out = run(sharedIpv4NetworkDetector, input);
    expect(out.domains).toEqual(new Set(['pbn1.com', 'pbn2.com', 'pbn3.com']));
    expect(out.findings[0]!.evidence).toBe(
      'pbn1.com is hosted on 203.0.113.0/24 with 2 other referring domains (pbn2.com, pbn3.com) (flagged from 3 domains)',
    );
  });

  it('is unavailable without addresses', () => {
    expect(run(sharedIpv4NetworkDetector, profile([backlink('a.com')])).unavailable).toMatch(/IPv4/);
  });
});

describe('shared template', () => {
  const base = Array.from({ length: 400 }, (_, i) => `word${(i * 7919) % 997}`).join(' ');
  const other = (seed: number) =>
    Array.from({ length: 400 }, (_, i) => `term${(i * 104729 + seed * 31) % 1999}x${seed}`).join(' ');
  const variant = (name: string) => `${name} ${base}`;

  it('flags linking pages on 3+ domains with near-identical texts', () => {
    const input = profile(
      ['t1.com', 't2.com', 't3.com', 'u1.com', 'u2.com'].map((d) => backlink(d)),
      {
        pages: [
          { url: 'http://t1.com/p', text: variant('alpha') },
          { url: 'http://t2.com/p', text: variant('beta') },
          { url: 'http://t3.com/p', simhash: simhashHex(variant('gamma')) },
          { url: 'http://u1.com/p', text: other(1) },
          { url: 'http://u2.com/p', text: other(2) },
        ],
      },
    );
    const out = run(sharedTemplateDetector, input);
    expect(out.domains).toEqual(new Set(['t1.com', 't2.com', 't3.com']));
    expect(out.findings[0]!.evidence).toContain(
      'within 6 bits (64-bit simhash) of linking pages with 2 other referring',
    );
  });

  it('needs 3 domains: two sites sharing a text is not a network', () => {
    const input = profile(
      ['t1.com', 't2.com'].map((d) => backlink(d)),
      {
        pages: [
          { url: 'http://t1.com/p', text: base },
          { url: 'http://t2.com/p', text: base },
        ],
      },
    );
    expect(run(sharedTemplateDetector, input).findings).toEqual([]);
  });

  it('ignores texts too short to fingerprint', () => {
    const input = profile(
      ['s1.com', 's2.com', 's3.com'].map((d) => backlink(d)),
      {
        pages: ['s1.com', 's2.com', 's3.com'].map((d) => ({
          url: `http://${d}/p`,
          text: 'Home About Contact',
        })),
      },
    );
    expect(run(sharedTemplateDetector, input).unavailable).toMatch(/no page texts/);
  });

  it('is unavailable without texts or fingerprints', () => {
    expect(run(sharedTemplateDetector, profile([backlink('a.com')])).unavailable).toMatch(/simhash/);
  });
});

describe('shared analytics id', () => {
  it('normalises ids to the account they name', () => {
    expect(normalizeAnalyticsId('UA-4815162-3')).toBe('UA-4815162');
    expect(normalizeAnalyticsId('ua-4815162-12')).toBe('UA-4815162');
    expect(normalizeAnalyticsId('pub-123456')).toBe('ca-pub-123456');
    expect(normalizeAnalyticsId('ca-pub-123456')).toBe('ca-pub-123456');
    expect(normalizeAnalyticsId(' g-abc123 ')).toBe('G-ABC123');
    expect(normalizeAnalyticsId('')).toBeNull();
  });

  it('flags 3+ referring domains sharing an account, not 2', () => {
    const ids: Array<[string, string[]]> = [
      ['a.com', ['UA-111-1']],
      ['b.com', ['UA-111-2', 'G-ZZZ']],
      ['c.com', ['ua-111-7']],
      ['d.com', ['GTM-PAIR']],
      ['e.com', ['GTM-PAIR']],
      ['f.com', []],
    ];
    const input = profile(
      ids.map(([d]) => backlink(d)),
      { pages: ids.map(([d, analyticsIds]) => ({ url: `http://${d}/p`, analyticsIds })) },
    );
    const out = run(sharedAnalyticsIdDetector, input);
    expect(out.domains).toEqual(new Set(['a.com', 'b.com', 'c.com']));
    expect(out.findings[0]!.evidence).toBe(
      'a.com shares the analytics id UA-111 with 2 other referring domains (b.com, c.com) (flagged from 3 domains)',
    );
  });

  it('is unavailable when no page was read for ids', () => {
    expect(run(sharedAnalyticsIdDetector, profile([backlink('a.com')])).unavailable).toMatch(/analytics/);
  });
});

describe('foreign language', () => {
  it('reads primary subtags', () => {
    expect(primaryLanguage('en-GB')).toBe('en');
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('und')).toBeNull();
    expect(primaryLanguage(null)).toBeNull();
  });

  const input = profile(
    ['ru.com', 'gb.com', 'und.com', 'fr.com'].map((d) => backlink(d)),
    {
      pages: [
        { url: 'http://ru.com/p', lang: 'ru' },
        { url: 'http://gb.com/p', lang: 'en-GB' },
        { url: 'http://und.com/p', lang: 'und' },
        { url: 'http://fr.com/p', lang: 'fr-CA' },
      ],
    },
  );

  it('flags pages in another language than the target, except accepted ones', () => {
    expect(run(foreignLanguageDetector, input).domains).toEqual(new Set(['ru.com', 'fr.com']));
    expect(run(foreignLanguageDetector, input, { language: { alsoAccepted: ['fr'] } }).domains).toEqual(
      new Set(['ru.com']),
    );
    expect(run(foreignLanguageDetector, input).findings[0]!.evidence).toBe(
      'the linking page is in "ru", the target in "en"',
    );
  });

  it('is unavailable without the target language or page languages', () => {
    expect(run(foreignLanguageDetector, { ...input, target: { domain: TARGET } }).unavailable).toMatch(
      /target/,
    );
    expect(run(foreignLanguageDetector, profile([backlink('a.com')])).unavailable).toMatch(/pages/);
  });
});

describe('paid links without sponsored', () => {
  it('flags paid-placement anchors on followed links (severity 1)', () => {
    const input = profile([
      backlink('casino.com', 'p', { anchor: 'Best online CASINO bonus!' }),
      backlink('sponsored.com', 'p', { anchor: 'best online casino', sponsored: true }),
      backlink('nofollow.com', 'p', { anchor: 'payday loans', nofollow: true }),
      backlink('ugc.com', 'p', { anchor: 'payday loans', ugc: true }),
      backlink('word.com', 'p', { anchor: 'we went there occasionally' }),
    ]);
    const out = run(paidWithoutSponsoredDetector, input);
    expect(out.domains).toEqual(new Set(['casino.com']));
    expect(out.findings[0]!.severity).toBe(1);
    expect(out.findings[0]!.evidence).toBe(
      'anchor "Best online CASINO bonus!" has the paid-placement words "casino", "bonus"; the link is followed (no rel="sponsored" or "nofollow")',
    );
  });

  it('reads disclosures in the context, the page title and the URL path (lower severity)', () => {
    const input = profile(
      [
        backlink('ctx.com', 'p', { context: 'This is a Sponsored Post by our partner' }),
        backlink('title.com', 'p'),
        backlink('path.com', 'sponsored-post/acme-review'),
        backlink('clean.com', 'p', { context: 'a great widget shop' }),
      ],
      { pages: [{ url: 'http://title.com/p', title: 'Advertorial: the best widgets' }] },
    );
    const out = run(paidWithoutSponsoredDetector, input);
    expect(out.domains).toEqual(new Set(['ctx.com', 'title.com', 'path.com']));
    expect(out.findings.every((f) => f.severity === 0.75)).toBe(true);
    expect(out.findings[1]!.evidence).toContain('the page title says "advertorial"');
  });

  it('uses the lexicon from the config', () => {
    const input = profile([backlink('a.com', 'p', { anchor: 'hypothek vergleich' })]);
    expect(run(paidWithoutSponsoredDetector, input).findings).toEqual([]);
    expect(
      run(paidWithoutSponsoredDetector, input, { paid: { anchorTerms: ['hypothek'] } }).domains.size,
    ).toBe(1);
  });
});
